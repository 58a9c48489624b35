export { default } from '../../../src/screens/HomeScreen';
