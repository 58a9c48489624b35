export { default } from '../../../src/screens/SocialScreen';
