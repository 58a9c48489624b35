export { default } from '../../../src/screens/MarketDetailScreen';
