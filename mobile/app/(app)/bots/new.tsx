export { default } from '../../../src/screens/BotCreateScreen';
