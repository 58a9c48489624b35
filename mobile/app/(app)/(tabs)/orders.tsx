export { default } from '../../../src/screens/OrdersScreen';
