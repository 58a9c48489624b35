export { default } from '../../src/screens/AccountsScreen';
