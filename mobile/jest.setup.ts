// Before src/i18n loads (it reads preferences through expo-secure-store): an in-memory store.
jest.mock('expo-secure-store', () => {
  const store = new Map<string, string>();
  return {
    getItemAsync: jest.fn(async (k: string) => store.get(k) ?? null),
    setItemAsync: jest.fn(async (k: string, v: string) => void store.set(k, v)),
    deleteItemAsync: jest.fn(async (k: string) => void store.delete(k)),
  };
});

import i18n from './src/i18n';

// Tests assert English strings whatever the machine's locale is.
void i18n.changeLanguage('en');

// The native passkey module does not exist under jest: tests drive its two calls.
jest.mock('react-native-passkeys', () => ({
  get: jest.fn(async () => null),
  create: jest.fn(async () => null),
  isSupported: jest.fn(() => true),
}));

// The native Firebase Messaging SDK (iOS FCM token, src/notifications/fcmToken.ios.ts, which jest's
// default iOS platform resolves) does not exist under jest: by default it behaves like a build
// without Firebase configuration. Push tests mock it with their own stand-in.
jest.mock('@react-native-firebase/messaging', () => {
  const noApp = () => {
    throw new Error("No Firebase App '[DEFAULT]' has been created");
  };
  return {
    getMessaging: jest.fn(noApp),
    getToken: jest.fn(noApp),
    isDeviceRegisteredForRemoteMessages: jest.fn(() => false),
    registerDeviceForRemoteMessages: jest.fn(noApp),
    onTokenRefresh: jest.fn(noApp),
  };
});
