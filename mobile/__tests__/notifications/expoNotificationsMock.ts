/** A stand-in for expo-notifications' native module: records calls, lets tests fire listeners. */
export const listeners = {
  received: [] as ((n: unknown) => void)[],
  response: [] as ((r: unknown) => void)[],
  token: [] as ((t: { type: string; data: unknown }) => void)[],
};

export const notificationsMock = {
  DEFAULT_ACTION_IDENTIFIER: 'expo.modules.notifications.actions.DEFAULT',
  setNotificationCategoryAsync: jest.fn(async (identifier: string, actions: unknown[]) => ({ identifier, actions })),
  getPermissionsAsync: jest.fn(async () => ({ granted: true, canAskAgain: true })),
  requestPermissionsAsync: jest.fn(async () => ({ granted: true, canAskAgain: true })),
  getDevicePushTokenAsync: jest.fn(async () => ({ type: 'android', data: 'fcm-token-1' })),
  scheduleNotificationAsync: jest.fn(async () => 'local-1'),
  setNotificationHandler: jest.fn(),
  getLastNotificationResponseAsync: jest.fn(async () => null),
  clearLastNotificationResponse: jest.fn(),
  addNotificationReceivedListener: jest.fn((fn: (n: unknown) => void) => {
    listeners.received.push(fn);
    return { remove: () => listeners.received.splice(listeners.received.indexOf(fn), 1) };
  }),
  addNotificationResponseReceivedListener: jest.fn((fn: (r: unknown) => void) => {
    listeners.response.push(fn);
    return { remove: () => listeners.response.splice(listeners.response.indexOf(fn), 1) };
  }),
  addPushTokenListener: jest.fn((fn: (t: { type: string; data: unknown }) => void) => {
    listeners.token.push(fn);
    return { remove: () => listeners.token.splice(listeners.token.indexOf(fn), 1) };
  }),
};

/** The Android data message exactly as the server sends it (docs/notifications.md). */
export const androidData = {
  notificationId: 'n-1',
  category: 'PRICE_ALERT',
  title: 'BTC/USDT above 65000',
  body: 'BTC/USDT rose above 65000 and is now at 65010.5.',
  actions: JSON.stringify([
    { destructive: false, id: 'BUY_PRESET', kind: 'placeOrder', label: 'Buy', opensApp: true, stepUp: true, token: 'tok-buy' },
    { destructive: false, id: 'SELL_PRESET', kind: 'placeOrder', label: 'Sell', opensApp: true, stepUp: true, token: 'tok-sell' },
    { destructive: false, id: 'SNOOZE_1H', kind: 'snooze', label: 'Snooze 1 h', opensApp: false, stepUp: false, token: 'tok-snooze' },
  ]),
  data: JSON.stringify({ alertId: 'a-1', symbol: 'BTC/USDT' }),
};

/** A received remote (FCM data-only) notification, as expo-notifications reports it on Android. */
export function remoteNotification(data: Record<string, string> = androidData) {
  return {
    date: 0,
    request: {
      identifier: 'fcm-1',
      content: { title: null, body: null, data: {} },
      trigger: { type: 'push', remoteMessage: { data, notification: null } },
    },
  };
}

/** A tap on a button of our local notification (its data as presentDataMessage stored it). */
export function buttonTap(actionIdentifier: string, data: Record<string, string> = androidData) {
  return {
    actionIdentifier,
    notification: {
      date: 0,
      request: {
        identifier: 'local-1',
        content: { title: data.title, body: data.body, data: { notificationId: data.notificationId, category: data.category, actions: data.actions, data: data.data, local: '1' } },
        trigger: null,
      },
    },
  };
}
