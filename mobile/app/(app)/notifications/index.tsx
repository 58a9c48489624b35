export { default } from '../../../src/screens/NotificationsScreen';
