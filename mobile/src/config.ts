import Constants from 'expo-constants';

const DEFAULT_API_URL = 'http://127.0.0.1:8000';

/** Set by `./co run` for the web build the API serves itself: talk to the page's own origin. */
export const SAME_ORIGIN = 'same-origin';

/** Server base URL: EXPO_PUBLIC_API_URL wins, then app.json `extra.apiUrl`, then the local default. */
export function apiBaseUrl(): string {
  const fromEnv = process.env.EXPO_PUBLIC_API_URL;
  const fromExtra = (Constants.expoConfig?.extra as { apiUrl?: string } | undefined)?.apiUrl;
  const configured = fromEnv || fromExtra || DEFAULT_API_URL;
  if (configured === SAME_ORIGIN) {
    return (globalThis as { location?: { origin?: string } }).location?.origin ?? DEFAULT_API_URL;
  }
  return configured.replace(/\/+$/, '');
}

export function graphqlHttpUrl(base = apiBaseUrl()): string {
  return `${base}/graphql`;
}

export function graphqlWsUrl(base = apiBaseUrl()): string {
  return `${base.replace(/^http/, 'ws')}/graphql`;
}
