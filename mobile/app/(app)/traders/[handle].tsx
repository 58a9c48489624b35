export { default } from '../../../src/screens/TraderScreen';
