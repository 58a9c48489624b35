export { default } from '../../src/screens/ChartsGridScreen';
