import { Platform } from 'react-native';
import {
  catalogLocale,
  categoryDefinitions,
  deepLinkRoute,
  deviceRegistration,
  isUnshownDataMessage,
  notificationPayload,
  parsePushData,
  presentDataMessage,
  registerCategories,
  tapFromResponse,
} from '../../src/notifications/push';
import { androidData, buttonTap, notificationsMock as N, remoteNotification } from './expoNotificationsMock';

jest.mock('expo-notifications', () => require('./expoNotificationsMock').notificationsMock);

const setOs = (os: string) => Object.defineProperty(Platform, 'OS', { value: os, configurable: true });
const originalOs = Platform.OS;
afterEach(() => {
  setOs(originalOs);
  jest.clearAllMocks();
});

test('app languages map to the catalog locales of categories.json', () => {
  expect(catalogLocale('pt-BR')).toBe('pt_BR');
  expect(catalogLocale('zh-Hans')).toBe('zh_Hans');
  expect(catalogLocale('de')).toBe('de');
  expect(catalogLocale('xx')).toBe('en');
});

test('registers every server category with its buttons titled in the app language', async () => {
  setOs('android');
  const count = await registerCategories('de');
  expect(count).toBe(categoryDefinitions('de').length);
  const calls = N.setNotificationCategoryAsync.mock.calls as unknown as [string, { identifier: string; buttonTitle: string; options: Record<string, boolean> }[]][];
  const price = calls.find(([id]) => id === 'PRICE_ALERT');
  expect(price?.[1].map((a) => [a.identifier, a.buttonTitle])).toEqual([
    ['BUY_PRESET', 'Kaufen'],
    ['SELL_PRESET', 'Verkaufen'],
    ['SNOOZE_1H', '1 Std. pausieren'],
  ]);
  // Step-up actions open the app (the confirmation sheet and the passkey need it).
  expect(price?.[1][0].options).toEqual({ opensAppToForeground: true, isDestructive: false, isAuthenticationRequired: true });
  expect(calls.map(([id]) => id)).toEqual(expect.arrayContaining(['PRICE_ALERT', 'ORDER_FILLED', 'BOT_ERROR', 'BOT_EVENT', 'RISK_LIMIT']));
});

test('the web build registers no categories', async () => {
  setOs('web');
  expect(await registerCategories('en')).toBe(0);
  expect(N.setNotificationCategoryAsync).not.toHaveBeenCalled();
});

test('Android: the FCM device token with platform, locale, time zone and version', async () => {
  setOs('android');
  const device = await deviceRegistration('ja');
  expect(device).toEqual({
    token: 'fcm-token-1',
    platform: 'ANDROID',
    locale: 'ja',
    timezone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    appVersion: require('../../app.json').expo.version,
  });
});

test('no registration on the web, or when permission is refused', async () => {
  setOs('web');
  expect(await deviceRegistration('en')).toBeNull();
  setOs('android');
  N.getPermissionsAsync.mockResolvedValueOnce({ granted: false, canAskAgain: true });
  N.requestPermissionsAsync.mockResolvedValueOnce({ granted: false, canAskAgain: false });
  expect(await deviceRegistration('en')).toBeNull();
  expect(N.getDevicePushTokenAsync).not.toHaveBeenCalled();
});

test('parses the Android data message: buttons with kinds, tokens and step-up, deep-link data', () => {
  const message = parsePushData(notificationPayload(remoteNotification() as never));
  expect(message).toEqual({
    notificationId: 'n-1',
    category: 'PRICE_ALERT',
    title: 'BTC/USDT above 65000',
    body: 'BTC/USDT rose above 65000 and is now at 65010.5.',
    actions: [
      { id: 'BUY_PRESET', kind: 'placeOrder', label: 'Buy', stepUp: true, token: 'tok-buy' },
      { id: 'SELL_PRESET', kind: 'placeOrder', label: 'Sell', stepUp: true, token: 'tok-sell' },
      { id: 'SNOOZE_1H', kind: 'snooze', label: 'Snooze 1 h', stepUp: false, token: 'tok-snooze' },
    ],
    data: { alertId: 'a-1', symbol: 'BTC/USDT' },
  });
});

test('iOS custom keys: kinds and step-up come from the registered categories', () => {
  const message = parsePushData(
    { notificationId: 'n-2', category: 'BOT_ERROR', actions: [{ id: 'STOP', token: 't-stop' }, { id: 'RESTART', token: 't-re' }], data: { botId: 'b-1' } },
    'fr',
  );
  expect(message?.actions).toEqual([
    { id: 'STOP', kind: 'stopBot', label: expect.any(String), stepUp: true, token: 't-stop' },
    { id: 'RESTART', kind: 'startBot', label: expect.any(String), stepUp: true, token: 't-re' },
  ]);
  expect(message?.data).toEqual({ botId: 'b-1' });
  expect(parsePushData({ title: 'no category' })).toBeNull();
});

test('iOS: a button tap on an APNs alert reads aps.category and the custom keys', () => {
  const response = {
    actionIdentifier: 'STOP',
    notification: {
      date: 0,
      request: {
        identifier: 'apns-1',
        content: { title: 'Bot stopped', body: 'Grid hit an error', data: {} },
        trigger: {
          type: 'push',
          payload: {
            aps: { alert: { title: 'Bot error', body: 'Grid hit an error' }, category: 'BOT_ERROR' },
            notificationId: 'n-7',
            actions: [{ id: 'STOP', token: 't-stop' }, { id: 'RESTART', token: 't-re' }],
            data: { botId: 'b-1' },
          },
        },
      },
    },
  };
  expect(tapFromResponse(response as never)).toEqual({
    type: 'action',
    notificationId: 'n-7',
    action: { id: 'STOP', kind: 'stopBot', label: 'Stop', stepUp: true, token: 't-stop' },
    data: { botId: 'b-1' },
  });
});

test('a data message is shown as a local notification with its category (buttons) and tokens', async () => {
  setOs('android');
  const incoming = remoteNotification();
  expect(isUnshownDataMessage(incoming as never)).toBe(true);
  const message = parsePushData(notificationPayload(incoming as never));
  await presentDataMessage(message!);
  const [[request]] = N.scheduleNotificationAsync.mock.calls as unknown as [[{ content: Record<string, unknown>; trigger: unknown }]];
  expect(request.trigger).toBeNull();
  expect(request.content).toMatchObject({ title: androidData.title, body: androidData.body, categoryIdentifier: 'PRICE_ALERT' });
  // Our own local copy is not shown again.
  expect(isUnshownDataMessage(buttonTap('BUY_PRESET').notification as never)).toBe(false);
});

test('a button tap carries its action token; a plain tap opens the related screen', () => {
  const tap = tapFromResponse(buttonTap('SNOOZE_1H') as never);
  expect(tap).toEqual({
    type: 'action',
    notificationId: 'n-1',
    action: { id: 'SNOOZE_1H', kind: 'snooze', label: 'Snooze 1 h', stepUp: false, token: 'tok-snooze' },
    data: { alertId: 'a-1', symbol: 'BTC/USDT' },
  });
  expect(tapFromResponse(buttonTap(N.DEFAULT_ACTION_IDENTIFIER) as never)).toEqual({
    type: 'open',
    notificationId: 'n-1',
    data: { alertId: 'a-1', symbol: 'BTC/USDT' },
  });
});

test('server deep links map to app routes', () => {
  expect(deepLinkRoute('cryptoorchestrator://orders/o-1')).toBe('/orders');
  expect(deepLinkRoute('cryptoorchestrator://market/BTC/USDT')).toBe('/market/BTC-USDT');
  expect(deepLinkRoute('cryptoorchestrator://bots/b-1')).toBe('/bots/b-1');
  expect(deepLinkRoute(null, { symbol: 'ETH/USDT' })).toBe('/market/ETH-USDT');
  expect(deepLinkRoute(null, { orderId: 'o-2' })).toBe('/orders');
  expect(deepLinkRoute('')).toBe('/notifications');
});
