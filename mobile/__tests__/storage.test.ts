import { Platform } from 'react-native';
import * as SecureStore from 'expo-secure-store';
import { clearToken, loadToken, saveToken } from '../src/storage/token';

jest.mock('expo-secure-store', () => {
  const store = new Map<string, string>();
  return {
    getItemAsync: jest.fn(async (k: string) => store.get(k) ?? null),
    setItemAsync: jest.fn(async (k: string, v: string) => void store.set(k, v)),
    deleteItemAsync: jest.fn(async (k: string) => void store.delete(k)),
  };
});

const originalOS = Platform.OS;
afterEach(() => {
  Object.defineProperty(Platform, 'OS', { value: originalOS, configurable: true });
});

test('native: the token lives in expo-secure-store', async () => {
  await saveToken('secret');
  expect(SecureStore.setItemAsync).toHaveBeenCalledWith('co.session.token', 'secret');
  expect(await loadToken()).toBe('secret');
  await clearToken();
  expect(await loadToken()).toBeNull();
});

test('web: the token lives in localStorage', async () => {
  Object.defineProperty(Platform, 'OS', { value: 'web', configurable: true });
  const data = new Map<string, string>();
  const fake = {
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
    removeItem: (k: string) => void data.delete(k),
  };
  Object.defineProperty(globalThis, 'localStorage', { value: fake, configurable: true });
  (SecureStore.setItemAsync as jest.Mock).mockClear();
  try {
    await saveToken('web-secret');
    expect(data.get('co.session.token')).toBe('web-secret');
    expect(await loadToken()).toBe('web-secret');
    await clearToken();
    expect(await loadToken()).toBeNull();
    expect(SecureStore.setItemAsync).not.toHaveBeenCalled();
  } finally {
    delete (globalThis as { localStorage?: unknown }).localStorage;
  }
});
