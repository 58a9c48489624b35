import Constants from 'expo-constants';

const DEFAULT_API_URL = 'http://127.0.0.1:8000';

/** Server base URL: EXPO_PUBLIC_API_URL wins, then app.json `extra.apiUrl`, then the local default. */
export function apiBaseUrl(): string {
  const fromEnv = process.env.EXPO_PUBLIC_API_URL;
  const fromExtra = (Constants.expoConfig?.extra as { apiUrl?: string } | undefined)?.apiUrl;
  return (fromEnv || fromExtra || DEFAULT_API_URL).replace(/\/+$/, '');
}

export function graphqlHttpUrl(base = apiBaseUrl()): string {
  return `${base}/graphql`;
}

export function graphqlWsUrl(base = apiBaseUrl()): string {
  return `${base.replace(/^http/, 'ws')}/graphql`;
}
