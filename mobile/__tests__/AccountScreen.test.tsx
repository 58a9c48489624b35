import { fireEvent, screen, waitFor } from '@testing-library/react-native';
import * as SecureStore from 'expo-secure-store';
import AccountScreen from '../src/screens/AccountScreen';
import { calls, data, gqlError, mockClient, networkError, pending, renderWith } from './helpers';
import { mockRouter } from './routerMock';

jest.mock('expo-router', () => ({
  useRouter: () => require('./routerMock').mockRouter,
}));
jest.mock('expo-secure-store', () => ({
  getItemAsync: jest.fn(async () => null),
  setItemAsync: jest.fn(async () => undefined),
  deleteItemAsync: jest.fn(async () => undefined),
}));

beforeEach(() => jest.clearAllMocks());

const me = {
  __typename: 'User',
  id: '1',
  email: 'demo@cryptoorchestrator.dev',
  displayName: 'Demo Trader',
  isDemo: true,
  createdAt: '2026-01-15T10:00:00+00:00',
};
const balance = (currency: string, total: string) => ({
  __typename: 'Balance',
  accountId: 'a1',
  venue: 'sim',
  accountLabel: 'Paper',
  currency,
  free: total,
  used: '0',
  total,
});

test('shows loading', async () => {
  const { client } = mockClient({ Account: pending() });
  await renderWith(<AccountScreen />, client);
  expect(screen.getByTestId('loading')).toBeOnTheScreen();
});

test('shows the user and balances', async () => {
  const { client } = mockClient({ Account: data({ me, balances: [balance('USDT', '10000'), balance('BTC', '0.5')] }) });
  await renderWith(<AccountScreen />, client);
  expect(screen.getByRole('header', { name: 'Demo Trader' })).toBeOnTheScreen();
  expect(screen.getByText('Demo account')).toBeOnTheScreen();
  expect(screen.getByText('Member since Jan 15, 2026')).toBeOnTheScreen();
  expect(screen.getByLabelText('USDT Paper: Total 10,000, Free 10,000, In orders 0')).toBeOnTheScreen();
  expect(screen.getByTestId('balance-BTC')).toBeOnTheScreen();
});

test('shows an empty balances state', async () => {
  const { client } = mockClient({ Account: data({ me, balances: [] }) });
  await renderWith(<AccountScreen />, client);
  expect(screen.getByText('No balances yet.')).toBeOnTheScreen();
});

test('shows errors by code, with retry and logout still available', async () => {
  const { client, run } = mockClient({ Account: gqlError('UNAUTHENTICATED'), Logout: networkError() });
  await renderWith(<AccountScreen />, client);
  expect(screen.getByRole('alert')).toHaveTextContent(/session has ended/);
  await fireEvent.press(screen.getByRole('button', { name: 'Retry' }));
  expect(calls(run, 'Account').length).toBeGreaterThan(1);
  // Logging out works locally even when the server cannot be reached.
  await fireEvent.press(screen.getByRole('button', { name: 'Log out' }));
  await waitFor(() => expect(mockRouter.replace).toHaveBeenCalledWith('/login'));
  expect(SecureStore.deleteItemAsync).toHaveBeenCalledWith('co.session.token');
});

test('logout calls the mutation, clears the token and returns to login', async () => {
  const { client, run } = mockClient({ Account: data({ me, balances: [] }), Logout: data({ logout: true }) });
  await renderWith(<AccountScreen />, client);
  await fireEvent.press(screen.getByRole('button', { name: 'Log out' }));
  await waitFor(() => expect(mockRouter.replace).toHaveBeenCalledWith('/login'));
  expect(calls(run, 'Logout')).toHaveLength(1);
  expect(SecureStore.deleteItemAsync).toHaveBeenCalledWith('co.session.token');
});
