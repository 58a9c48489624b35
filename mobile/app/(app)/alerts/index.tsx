export { default } from '../../../src/screens/AlertsScreen';
