export { default } from '../../src/screens/KillSwitchScreen';
