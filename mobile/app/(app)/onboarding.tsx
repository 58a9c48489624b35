export { default } from '../../src/screens/OnboardingScreen';
