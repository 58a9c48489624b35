export { default } from '../../../src/screens/NotificationPreferencesScreen';
