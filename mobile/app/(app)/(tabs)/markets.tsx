export { default } from '../../../src/screens/MarketsScreen';
