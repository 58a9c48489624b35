import { act, fireEvent, screen, waitFor } from '@testing-library/react-native';
import { Platform, Pressable, Text } from 'react-native';
import * as Passkeys from 'react-native-passkeys';
import { useAuth } from '../../src/auth/AuthContext';
import { hasInAppTapHandler } from '../../src/notifications/appPresence';
import { PushHost } from '../../src/notifications/PushHost';
import { calls, data, gqlError, mockClient, renderWith, type Handler } from '../helpers';
import { challengeOptions } from '../tradeFixtures';
import { buttonTap, listeners, notificationsMock as N, remoteNotification } from './expoNotificationsMock';

jest.mock('expo-notifications', () => require('./expoNotificationsMock').notificationsMock);
jest.mock('expo-router', () => ({ useRouter: () => require('../routerMock').mockRouter }));

const get = Passkeys.get as jest.Mock;
const { mockRouter } = jest.requireActual('../routerMock') as typeof import('../routerMock');
const setOs = (os: string) => Object.defineProperty(Platform, 'OS', { value: os, configurable: true });
const originalOs = Platform.OS;

beforeEach(() => setOs('android'));
afterEach(() => {
  setOs(originalOs);
  jest.clearAllMocks();
  listeners.received.length = 0;
  listeners.response.length = 0;
});

const summary = 'Buy 0.01 BTC/USDT at market on sim';
const stepUpAction = {
  __typename: 'StepUpActionFields',
  kind: 'placeOrder',
  account: 'acc-1',
  venue: 'sim',
  symbol: 'BTC/USDT',
  side: 'buy',
  type: 'market',
  timeInForce: 'GTC',
  qty: '0.01',
  amount: null,
  price: null,
  botId: null,
};

function SignOut() {
  const { signOut, token } = useAuth();
  return (
    <Pressable accessibilityRole="button" onPress={() => void signOut()} testID="sign-out">
      <Text>{token ?? 'signed out'}</Text>
    </Pressable>
  );
}

function setup(extra: Record<string, Handler> = {}) {
  return mockClient({
    RegisterDevice: data({ registerDevice: { id: 'd-1', platform: 'ANDROID', locale: 'en' } }),
    UnregisterDevice: data({ unregisterDevice: true }),
    MarkNotificationsRead: data({ markNotificationsRead: 1 }),
    NotificationActionPreview: data({
      notificationAction: { kind: 'placeOrder', actionId: 'BUY_PRESET', notificationId: 'n-1', expiresAt: '2026-12-07T04:00:00Z', needsStepUp: true, summary, stepUpAction },
    }),
    StepUpChallenge: data({ stepUpChallenge: { optionsJson: challengeOptions, summary, expiresAt: '2026-12-07T04:00:00Z' } }),
    PerformNotificationAction: data({ performNotificationAction: { kind: 'placeOrder', message: 'Order placed.', deepLink: 'cryptoorchestrator://orders/o-9', orderId: 'o-9', cancelledOrderIds: [] } }),
    ...extra,
  });
}

async function tap(actionIdentifier: string) {
  await act(async () => {
    for (const fn of listeners.response) fn(buttonTap(actionIdentifier));
  });
}

test('after sign-in: categories registered and registerDevice with the FCM token; sign-out unregisters it first', async () => {
  const { client, run } = setup();
  await renderWith(
    <>
      <PushHost />
      <SignOut />
    </>,
    client,
  );
  await waitFor(() => expect(calls(run, 'RegisterDevice')).toHaveLength(1));
  expect(calls(run, 'RegisterDevice')[0][0].variables).toEqual({
    token: 'fcm-token-1',
    platform: 'ANDROID',
    locale: 'en',
    timezone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    appVersion: '0.1.0',
  });
  expect(N.setNotificationCategoryAsync).toHaveBeenCalledWith('PRICE_ALERT', expect.any(Array));

  await act(async () => {
    fireEvent.press(screen.getByTestId('sign-out'));
  });
  await waitFor(() => expect(screen.getByText('signed out')).toBeTruthy());
  expect(calls(run, 'UnregisterDevice')[0][0].variables).toEqual({ token: 'fcm-token-1' });
});

test('no device registration on the web', async () => {
  setOs('web');
  const { client, run } = setup();
  await renderWith(<PushHost />, client);
  await act(async () => undefined);
  expect(calls(run, 'RegisterDevice')).toHaveLength(0);
  expect(N.addNotificationResponseReceivedListener).not.toHaveBeenCalled();
});

test('an Android data message is shown as a local notification with its buttons', async () => {
  const { client } = setup();
  await renderWith(<PushHost />, client);
  await act(async () => {
    for (const fn of listeners.received) fn(remoteNotification());
  });
  expect(N.scheduleNotificationAsync).toHaveBeenCalledTimes(1);
  expect((N.scheduleNotificationAsync.mock.calls as unknown as [[{ content: { categoryIdentifier: string } }]])[0][0].content.categoryIdentifier).toBe('PRICE_ALERT');
});

test("Android's own button-less copy of a data message is suppressed; other pushes show; taps are held in-app", async () => {
  const { client } = setup();
  const view = await renderWith(<PushHost />, client);
  await waitFor(() => expect(N.setNotificationHandler).toHaveBeenCalled());
  const handler = (N.setNotificationHandler.mock.calls as unknown as [[{ handleNotification(n: unknown): Promise<{ shouldShowBanner: boolean }> }]])[0][0];
  expect((await handler.handleNotification(remoteNotification())).shouldShowBanner).toBe(false);
  expect((await handler.handleNotification(buttonTap('VIEW').notification)).shouldShowBanner).toBe(true);
  // While PushHost listens, the background task leaves taps to it; unmounted, the task takes over.
  expect(hasInAppTapHandler()).toBe(true);
  await act(async () => view.unmount());
  expect(hasInAppTapHandler()).toBe(false);
});

test('Buy from a push: server summary in the sheet → passkey → performNotificationAction with the assertion', async () => {
  const { client, run } = setup();
  await renderWith(<PushHost />, client);
  await tap('BUY_PRESET');
  expect(calls(run, 'NotificationActionPreview')[0][0].variables).toEqual({ actionToken: 'tok-buy' });
  // The challenge is for exactly the action the token performs.
  expect(calls(run, 'StepUpChallenge')[0][0].variables).toEqual({
    action: { kind: 'placeOrder', account: 'acc-1', venue: 'sim', symbol: 'BTC/USDT', side: 'buy', type: 'market', timeInForce: 'GTC', qty: '0.01' },
  });
  expect(await screen.findByTestId('confirm-summary')).toHaveTextContent(summary);
  expect(get).not.toHaveBeenCalled();
  expect(calls(run, 'PerformNotificationAction')).toHaveLength(0);

  get.mockResolvedValueOnce({ id: 'cred', response: { signature: 'sig' } });
  await act(async () => {
    fireEvent.press(screen.getByTestId('confirm-passkey'));
  });
  const [[perform]] = calls(run, 'PerformNotificationAction');
  expect(perform.variables).toEqual({ actionToken: 'tok-buy', stepUp: { credential: JSON.stringify({ id: 'cred', response: { signature: 'sig' } }) } });
  expect(await screen.findByTestId('push-notice-text')).toHaveTextContent('Done.');
  await fireEvent.press(screen.getByTestId('push-notice-open'));
  expect(mockRouter.push).toHaveBeenCalledWith('/market/BTC-USDT');
});

test('Snooze runs at once without a step-up and shows the server message', async () => {
  const { client, run } = setup({
    PerformNotificationAction: data({ performNotificationAction: { kind: 'snooze', message: 'Alert snoozed for 1 hour.', deepLink: null, orderId: null, cancelledOrderIds: [] } }),
  });
  await renderWith(<PushHost />, client);
  await tap('SNOOZE_1H');
  expect(calls(run, 'PerformNotificationAction')[0][0].variables).toEqual({ actionToken: 'tok-snooze', stepUp: null });
  expect(calls(run, 'StepUpChallenge')).toHaveLength(0);
  expect(await screen.findByTestId('push-notice-text')).toHaveTextContent('Alert snoozed for 1 hour.');
});

test('an expired button says so and does nothing', async () => {
  const { client, run } = setup({ NotificationActionPreview: gqlError('ACTION_TOKEN_EXPIRED') });
  await renderWith(<PushHost />, client);
  await tap('SELL_PRESET');
  expect(await screen.findByTestId('push-notice-text')).toHaveTextContent(/has expired/);
  expect(calls(run, 'StepUpChallenge')).toHaveLength(0);
  expect(calls(run, 'PerformNotificationAction')).toHaveLength(0);
});

test('a token used meanwhile (another device) is reported in the sheet', async () => {
  const { client } = setup({ PerformNotificationAction: gqlError('ACTION_TOKEN_USED') });
  await renderWith(<PushHost />, client);
  await tap('BUY_PRESET');
  await screen.findByTestId('confirm-summary');
  get.mockResolvedValueOnce({ id: 'cred' });
  await act(async () => {
    fireEvent.press(screen.getByTestId('confirm-passkey'));
  });
  expect(screen.getByTestId('confirm-message')).toHaveTextContent('This button was already used. Nothing was done again.');
});

test('a plain tap marks the notification read and opens the related screen', async () => {
  const { client, run } = setup();
  await renderWith(<PushHost />, client);
  await tap(N.DEFAULT_ACTION_IDENTIFIER);
  expect(calls(run, 'MarkNotificationsRead')[0][0].variables).toEqual({ ids: ['n-1'] });
  expect(mockRouter.push).toHaveBeenCalledWith('/market/BTC-USDT');
});
