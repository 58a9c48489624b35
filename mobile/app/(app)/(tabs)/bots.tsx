export { default } from '../../../src/screens/BotsScreen';
