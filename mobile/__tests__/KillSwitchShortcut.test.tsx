import { fireEvent, render, screen } from '@testing-library/react-native';
import * as Passkeys from 'react-native-passkeys';
import { KillSwitchShortcut } from '../src/components/killswitch/KillSwitchShortcut';
import KillSwitchScreen from '../src/screens/KillSwitchScreen';
import i18n from '../src/i18n';
import { calls, data, mockClient, renderWith } from './helpers';
import { mockRouter } from './routerMock';
import { challengeOptions } from './tradeFixtures';
import { expectAccessibleControls } from './a11yHelpers';

jest.mock('expo-router', () => ({ useRouter: () => require('./routerMock').mockRouter }));

const get = Passkeys.get as jest.Mock;

beforeEach(() => jest.clearAllMocks());
afterEach(async () => {
  await i18n.changeLanguage('en');
});

test('the header shortcut is one labelled, 44 pt tap to the kill switch screen', async () => {
  await render(<KillSwitchShortcut />);
  expectAccessibleControls();
  const button = screen.getByRole('button', { name: 'Kill switch: stop every bot and cancel every open order' });
  await fireEvent.press(button);
  expect(mockRouter.push).toHaveBeenCalledWith('/kill-switch');
  await i18n.changeLanguage('de');
  expect(screen.getByText('STOPP')).toBeTruthy();
});

test('the kill switch screen confirms, runs the step-up and shows what it did', async () => {
  get.mockResolvedValueOnce({ id: 'pk-1' });
  const { client, run } = mockClient({
    StepUpChallenge: data({ stepUpChallenge: { optionsJson: challengeOptions, summary: 'Stop every bot and trading activity (kill switch)', expiresAt: '2026-12-07T06:05:00+00:00' } }),
    KillSwitch: data({ killSwitch: { __typename: 'KillSwitchResult', botsStopped: 1, ordersCancelled: 3, ordersLeftOpen: 0 } }),
  });
  await renderWith(<KillSwitchScreen />, client);
  await fireEvent.press(screen.getByRole('button', { name: 'Stop all trading' }));
  await fireEvent.press(screen.getByRole('button', { name: 'Yes, stop everything' }));
  expect(calls(run, 'StepUpChallenge')[0][0].variables).toEqual({ action: { kind: 'killSwitch' } });
  expect(calls(run, 'KillSwitch')).toHaveLength(0);
  await fireEvent.press(screen.getByRole('button', { name: 'Confirm with passkey' }));
  expect(calls(run, 'KillSwitch')[0][0].variables).toEqual({ stepUp: { credential: JSON.stringify({ id: 'pk-1' }) } });
  expect(screen.getByTestId('kill-switch-result')).toHaveTextContent('Done: 3 orders cancelled, 1 bots stopped.');
});
