export { default } from '../../../src/screens/BacktestScreen';
