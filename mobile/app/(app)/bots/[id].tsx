export { default } from '../../../src/screens/BotDetailScreen';
