import { fireEvent, screen, waitFor, within } from '@testing-library/react-native';
import * as SecureStore from 'expo-secure-store';
import SettingsScreen from '../src/screens/SettingsScreen';
import { calls, data, gqlError, mockClient, networkError, pending, renderWith, type Handler } from './helpers';
import { mockRouter } from './routerMock';

// The Account tab folded into Settings: the user, balances and Log out sit at the top of Settings.
jest.mock('expo-router', () => ({
  useRouter: () => require('./routerMock').mockRouter,
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

const settings = (account: Handler, extra: Record<string, Handler> = {}) =>
  mockClient({
    Account: account,
    Passkeys: data({ passkeys: [] }),
    TradingGrants: data({ tradingGrants: [], exchangeAccounts: [] }),
    WidgetTokens: data({ widgetTokens: [] }),
    ...extra,
  });

test('the account is the first thing in Settings: name, email, demo badge, member since, Log out', async () => {
  const { client } = settings(data({ me, balances: [balance('USDT', '10000'), balance('BTC', '0.5')] }));
  await renderWith(<SettingsScreen />, client);
  const profile = screen.getByTestId('settings-account');
  expect(within(profile).getByRole('header', { name: 'Demo Trader' })).toBeOnTheScreen();
  expect(within(profile).getByText('demo@cryptoorchestrator.dev')).toBeOnTheScreen();
  expect(within(profile).getByText('Demo account')).toBeOnTheScreen();
  expect(within(profile).getByText('Member since Jan 15, 2026')).toBeOnTheScreen();
  expect(within(profile).getByRole('button', { name: 'Log out' })).toBeOnTheScreen();
  // First of all sections: the first header on the screen is the user's name.
  expect(screen.getAllByRole('header')[0]).toHaveTextContent('Demo Trader');
  // Balances are listed in Settings too.
  const balances = screen.getByTestId('settings-balances');
  expect(within(balances).getByLabelText('USDT Paper: Total 10,000, Free 10,000, In orders 0')).toBeOnTheScreen();
  expect(within(balances).getByTestId('balance-BTC')).toBeOnTheScreen();
  // The rest of Settings is still there.
  expect(screen.getByRole('header', { name: 'Appearance' })).toBeOnTheScreen();
  expect(screen.getByRole('button', { name: 'Manage exchange accounts' })).toBeOnTheScreen();
});

test('shows loading, then an empty balances state', async () => {
  const { client } = settings(pending());
  const view = await renderWith(<SettingsScreen />, client);
  expect(screen.getByTestId('account-loading')).toBeOnTheScreen();
  expect(screen.queryByTestId('settings-balances')).toBeNull();
  await view.unmount();
  await renderWith(<SettingsScreen />, settings(data({ me, balances: [] })).client);
  expect(screen.getByText('No balances yet.')).toBeOnTheScreen();
});

test('errors show by code with retry, and Log out still works offline', async () => {
  const { client, run } = settings(gqlError('UNAUTHENTICATED'), { Logout: networkError() });
  await renderWith(<SettingsScreen />, client);
  const profile = screen.getByTestId('settings-account');
  expect(within(profile).getByRole('alert')).toHaveTextContent(/session has ended/);
  await fireEvent.press(within(profile).getByRole('button', { name: 'Retry' }));
  expect(calls(run, 'Account').length).toBeGreaterThan(1);
  await fireEvent.press(screen.getByRole('button', { name: 'Log out' }));
  await waitFor(() => expect(mockRouter.replace).toHaveBeenCalledWith('/login'));
  expect(SecureStore.deleteItemAsync).toHaveBeenCalledWith('co.session.token');
});

test('Log out calls the mutation, clears the token and returns to login', async () => {
  const { client, run } = settings(data({ me, balances: [] }), { Logout: data({ logout: true }) });
  await renderWith(<SettingsScreen />, client);
  await fireEvent.press(screen.getByRole('button', { name: 'Log out' }));
  await waitFor(() => expect(mockRouter.replace).toHaveBeenCalledWith('/login'));
  expect(calls(run, 'Logout')).toHaveLength(1);
  expect(SecureStore.deleteItemAsync).toHaveBeenCalledWith('co.session.token');
});
