import { act, waitFor } from '@testing-library/react-native';
import { Platform } from 'react-native';
import { PushHost } from '../../src/notifications/PushHost';
import { deviceRegistration, onDeviceTokenChange } from '../../src/notifications/push';
import { calls, data, mockClient, renderWith } from '../helpers';
import { listeners, notificationsMock as N } from './expoNotificationsMock';

jest.mock('expo-notifications', () => require('./expoNotificationsMock').notificationsMock);
jest.mock('expo-router', () => ({ useRouter: () => require('../routerMock').mockRouter }));
// The native Firebase Messaging SDK (outside our stack), with its modular API's rules: getToken is
// refused until the app is registered for remote messages, as the native module refuses it.
type MockListener = (token: string) => void;
jest.mock('@react-native-firebase/messaging', () => {
  const state = { registered: false, token: 'fcm-ios-token-1', configured: true, refresh: [] as MockListener[] };
  const messaging = { app: { name: '[DEFAULT]' } };
  return {
    state,
    getMessaging: jest.fn(() => {
      if (!state.configured) throw new Error("No Firebase App '[DEFAULT]' has been created");
      return messaging;
    }),
    isDeviceRegisteredForRemoteMessages: jest.fn(() => state.registered),
    registerDeviceForRemoteMessages: jest.fn(async () => {
      state.registered = true;
    }),
    getToken: jest.fn(async () => {
      if (!state.registered) throw new Error('[messaging/unregistered] You must be registered for remote messages before calling getToken');
      return state.token;
    }),
    onTokenRefresh: jest.fn((_messaging: unknown, listener: MockListener) => {
      state.refresh.push(listener);
      return () => state.refresh.splice(state.refresh.indexOf(listener), 1);
    }),
  };
});

type MessagingMock = {
  state: { registered: boolean; token: string; configured: boolean; refresh: MockListener[] };
  getMessaging: jest.Mock;
  isDeviceRegisteredForRemoteMessages: jest.Mock;
  registerDeviceForRemoteMessages: jest.Mock;
  getToken: jest.Mock;
  onTokenRefresh: jest.Mock;
};
const M = jest.requireMock('@react-native-firebase/messaging') as MessagingMock;

const setOs = (os: string) => Object.defineProperty(Platform, 'OS', { value: os, configurable: true });
const originalOs = Platform.OS;
const timezone = Intl.DateTimeFormat().resolvedOptions().timeZone;

beforeEach(() => {
  setOs('ios');
  Object.assign(M.state, { registered: false, token: 'fcm-ios-token-1', configured: true });
  M.state.refresh.length = 0;
  listeners.token.length = 0;
});
afterEach(() => {
  setOs(originalOs);
  jest.clearAllMocks();
});

function setup() {
  return mockClient({
    RegisterDevice: data({ registerDevice: { id: 'd-1', platform: 'IOS', locale: 'en' } }),
    UnregisterDevice: data({ unregisterDevice: true }),
  });
}

test('iOS: registerDevice gets the FCM token from Firebase Messaging with platform IOS, not the APNs token', async () => {
  const { client, run } = setup();
  await renderWith(<PushHost />, client);
  await waitFor(() => expect(calls(run, 'RegisterDevice')).toHaveLength(1));
  expect(calls(run, 'RegisterDevice')[0][0].variables).toEqual({
    token: 'fcm-ios-token-1',
    platform: 'IOS',
    locale: 'en',
    timezone,
    appVersion: '0.1.0',
  });
  // Permission through expo-notifications; the token only from the Firebase SDK.
  expect(N.getPermissionsAsync).toHaveBeenCalled();
  expect(N.getDevicePushTokenAsync).not.toHaveBeenCalled();
  expect(M.registerDeviceForRemoteMessages).toHaveBeenCalledTimes(1);
  expect(M.registerDeviceForRemoteMessages.mock.invocationCallOrder[0]).toBeLessThan(M.getToken.mock.invocationCallOrder[0]);
});

test('iOS: a token refresh registers the new FCM token and drops the old one', async () => {
  const { client, run } = setup();
  const view = await renderWith(<PushHost />, client);
  await waitFor(() => expect(M.state.refresh).toHaveLength(1));
  await act(async () => {
    M.state.refresh[0]('fcm-ios-token-2');
  });
  await waitFor(() => expect(calls(run, 'RegisterDevice')).toHaveLength(2));
  expect(calls(run, 'RegisterDevice')[1][0].variables).toMatchObject({ token: 'fcm-ios-token-2', platform: 'IOS', locale: 'en' });
  await waitFor(() => expect(calls(run, 'UnregisterDevice')).toHaveLength(1));
  expect(calls(run, 'UnregisterDevice')[0][0].variables).toEqual({ token: 'fcm-ios-token-1' });
  // The same token again is not registered twice; unmounted, the listener is gone.
  await act(async () => {
    M.state.refresh[0]('fcm-ios-token-2');
  });
  expect(calls(run, 'RegisterDevice')).toHaveLength(2);
  await act(async () => view.unmount());
  expect(M.state.refresh).toHaveLength(0);
});

test('iOS: permission refused → nothing registered, no token asked for, refreshes not followed', async () => {
  N.getPermissionsAsync.mockResolvedValueOnce({ granted: false, canAskAgain: true });
  N.requestPermissionsAsync.mockResolvedValueOnce({ granted: false, canAskAgain: false });
  const { client, run } = setup();
  await renderWith(<PushHost />, client);
  await waitFor(() => expect(N.requestPermissionsAsync).toHaveBeenCalledTimes(1));
  await act(async () => undefined);
  expect(calls(run, 'RegisterDevice')).toHaveLength(0);
  expect(M.getToken).not.toHaveBeenCalled();
  expect(M.onTokenRefresh).not.toHaveBeenCalled();
});

test('iOS: registered at launch but no APNs token yet → registers again and asks once more', async () => {
  M.state.registered = true;
  M.getToken.mockRejectedValueOnce(new Error('No APNS token specified before fetching FCM Token'));
  const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  expect(await deviceRegistration('de')).toEqual({ token: 'fcm-ios-token-1', platform: 'IOS', locale: 'de', timezone, appVersion: '0.1.0' });
  expect(M.registerDeviceForRemoteMessages).toHaveBeenCalledTimes(1);
  expect(M.getToken).toHaveBeenCalledTimes(2);
  warn.mockRestore();
});

test('iOS: a build without Firebase configuration (no GoogleService-Info.plist) registers nothing', async () => {
  M.state.configured = false;
  const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  expect(await deviceRegistration('en')).toBeNull();
  const stop = onDeviceTokenChange(() => undefined);
  expect(typeof stop).toBe('function');
  stop();
  warn.mockRestore();
});

test('Android: the token still comes from getDevicePushTokenAsync, the Firebase SDK is not touched; a new token re-registers', async () => {
  setOs('android');
  const { client, run } = setup();
  await renderWith(<PushHost />, client);
  await waitFor(() => expect(calls(run, 'RegisterDevice')).toHaveLength(1));
  expect(calls(run, 'RegisterDevice')[0][0].variables).toMatchObject({ token: 'fcm-token-1', platform: 'ANDROID' });
  expect(N.getDevicePushTokenAsync).toHaveBeenCalledTimes(1);
  await waitFor(() => expect(listeners.token).toHaveLength(1));
  await act(async () => {
    listeners.token[0]({ type: 'android', data: 'fcm-token-2' });
  });
  await waitFor(() => expect(calls(run, 'RegisterDevice')).toHaveLength(2));
  expect(calls(run, 'RegisterDevice')[1][0].variables).toMatchObject({ token: 'fcm-token-2', platform: 'ANDROID' });
  await waitFor(() => expect(calls(run, 'UnregisterDevice')).toHaveLength(1));
  expect(calls(run, 'UnregisterDevice')[0][0].variables).toEqual({ token: 'fcm-token-1' });
  for (const fn of [M.getMessaging, M.getToken, M.registerDeviceForRemoteMessages, M.onTokenRefresh]) expect(fn).not.toHaveBeenCalled();
});

test('web: nothing registered, no permission prompt, no Firebase', async () => {
  setOs('web');
  const { client, run } = setup();
  await renderWith(<PushHost />, client);
  await act(async () => undefined);
  expect(await deviceRegistration('en')).toBeNull();
  expect(calls(run, 'RegisterDevice')).toHaveLength(0);
  expect(N.getPermissionsAsync).not.toHaveBeenCalled();
  for (const fn of [M.getMessaging, M.getToken, M.onTokenRefresh]) expect(fn).not.toHaveBeenCalled();
});
