export { default } from '../../../src/screens/AccountScreen';
