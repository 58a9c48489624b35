import { act, fireEvent, screen } from '@testing-library/react-native';
import { makeSubject } from 'wonka';
import * as Passkeys from 'react-native-passkeys';
import AccountsScreen from '../src/screens/AccountsScreen';
import { ThemeProvider } from '../src/theme';
import { calls, data, gqlError, mockClient, networkError, pending, renderWith, type Handler } from './helpers';
import { challengeOptions } from './tradeFixtures';
import { expectAccessibleControls } from './homeFixtures';

jest.mock('expo-router', () => ({
  useRouter: () => require('./routerMock').mockRouter,
  Stack: { Screen: () => null },
}));

const get = Passkeys.get as jest.Mock;

const paper = { __typename: 'ExchangeAccount', id: 'acc-1', venue: 'sim', label: 'Paper', createdAt: '2026-11-20T10:00:00+00:00', apiKeyHint: null, hasKeys: false };
const live = { __typename: 'ExchangeAccount', id: 'acc-2', venue: 'binance', label: 'Main', createdAt: '2026-11-21T10:00:00+00:00', apiKeyHint: 'x9Qa', hasKeys: true };
const status = (accountId: string, overrides: Record<string, unknown> = {}) => ({
  __typename: 'ExchangeStatus',
  accountId,
  venue: accountId === 'acc-1' ? 'sim' : 'binance',
  label: accountId === 'acc-1' ? 'Paper' : 'Main',
  connected: true,
  restLatencyMs: 118.6,
  streamMessageAgeSeconds: 1.5,
  resyncs: 0,
  lastError: null,
  lastErrorAt: null,
  ...overrides,
});
const challenge = (summary: string): Handler => data({ stepUpChallenge: { optionsJson: challengeOptions, summary, expiresAt: '2026-11-25T12:05:00+00:00' } });

function setup(extra: Record<string, Handler> = {}) {
  return mockClient({
    ExchangeAccounts: data({ exchangeAccounts: [paper, live], exchangeStatus: [status('acc-1'), status('acc-2')] }),
    LiveExchangeStatus: pending(),
    ...extra,
  });
}

beforeEach(() => jest.clearAllMocks());

test('loading, then an error with retry', async () => {
  const { client: loading } = setup({ ExchangeAccounts: pending() });
  const view = await renderWith(<AccountsScreen />, loading);
  expect(screen.getByTestId('loading')).toBeOnTheScreen();
  await view.unmount();
  const { client, run } = setup({ ExchangeAccounts: networkError() });
  await renderWith(<AccountsScreen />, client);
  expect(screen.getByRole('alert')).toHaveTextContent('Cannot reach the server. Check your connection.');
  await fireEvent.press(screen.getByRole('button', { name: 'Retry' }));
  expect(calls(run, 'ExchangeAccounts').length).toBeGreaterThanOrEqual(2);
});

test('accounts with the key hint only and their live connection health', async () => {
  const statuses = makeSubject<unknown>();
  const { client, run } = setup({ LiveExchangeStatus: () => statuses.source });
  await renderWith(<AccountsScreen />, client);
  expect(calls(run, 'LiveExchangeStatus')[0][0].variables).toEqual({ intervalSeconds: 5 });
  expect(screen.getByTestId('account-acc-1')).toHaveTextContent(/Paper trading/);
  expect(screen.queryByTestId('account-hint-acc-1')).toBeNull();
  expect(screen.getByTestId('account-hint-acc-2')).toHaveTextContent('API key ending in x9Qa');
  expect(screen.getByTestId('account-state-acc-2')).toHaveTextContent('Connected');
  expect(screen.getByTestId('account-details-acc-2')).toHaveTextContent('119 ms latency · last update 1.5 s ago');
  expect(screen.queryByRole('button', { name: 'Remove the API keys of Paper' })).toBeNull();

  await act(async () => {
    statuses.next({
      data: {
        exchangeStatus: [
          status('acc-1'),
          status('acc-2', { connected: false, restLatencyMs: null, streamMessageAgeSeconds: 42, resyncs: 2, lastError: 'binance: timeout', lastErrorAt: '2026-11-25T12:00:00+00:00' }),
        ],
      },
    });
  });
  expect(screen.getByTestId('account-state-acc-2')).toHaveTextContent('Disconnected');
  expect(screen.getByTestId('account-details-acc-2')).toHaveTextContent('last update 42 s ago · resyncs: 2');
  expect(screen.getByTestId('account-error-acc-2')).toHaveTextContent(/^Last error \(.+\): binance: timeout$/);
});

test('no accounts: an empty state and the connect form', async () => {
  const { client } = setup({ ExchangeAccounts: data({ exchangeAccounts: [], exchangeStatus: [] }) });
  await renderWith(<AccountsScreen />, client);
  expect(screen.getByTestId('accounts-empty')).toHaveTextContent('No accounts yet.');
  expect(screen.getByTestId('add-account-form')).toBeOnTheScreen();
});

test('connecting a venue: required fields, passphrase for OKX, step-up for {addExchangeAccount, venue}, secrets cleared', async () => {
  get.mockResolvedValueOnce({ id: 'pk-1' });
  const added = { ...live, id: 'acc-3', venue: 'okx', label: 'OKX main', apiKeyHint: 'abcd' };
  const { client, run } = setup({
    StepUpChallenge: challenge('Connect a okx account'),
    AddExchangeAccount: data({ addExchangeAccount: added }),
  });
  await renderWith(<AccountsScreen />, client);
  await fireEvent.press(screen.getByRole('button', { name: 'Connect' }));
  expect(screen.getByTestId('add-account-problem')).toHaveTextContent('Choose an exchange.');
  expect(calls(run, 'StepUpChallenge')).toHaveLength(0);

  expect(screen.getAllByRole('radio')).toHaveLength(10);
  expect(screen.queryByLabelText('API passphrase')).toBeNull();
  await fireEvent.press(screen.getByRole('radio', { name: 'OKX' }));
  expect(screen.getByRole('radio', { name: 'OKX' })).toBeSelected();
  await fireEvent.changeText(screen.getByLabelText('Name for this account'), ' OKX main ');
  await fireEvent.changeText(screen.getByLabelText('API key'), 'key-123abcd');
  await fireEvent.changeText(screen.getByLabelText('API secret'), 's3cret');
  await fireEvent.press(screen.getByRole('button', { name: 'Connect' }));
  expect(screen.getByTestId('add-account-problem')).toHaveTextContent('This exchange needs the API passphrase.');
  await fireEvent.changeText(screen.getByLabelText('API passphrase'), 'phrase');
  await fireEvent.press(screen.getByRole('button', { name: 'Connect' }));

  expect(calls(run, 'StepUpChallenge')[0][0].variables).toEqual({ action: { kind: 'addExchangeAccount', venue: 'okx' } });
  expect(screen.getByTestId('confirm-summary')).toHaveTextContent('Connect a okx account');
  expect(calls(run, 'AddExchangeAccount')).toHaveLength(0);
  await fireEvent.press(screen.getByRole('button', { name: 'Confirm with passkey' }));
  expect(calls(run, 'AddExchangeAccount')[0][0].variables).toEqual({
    input: { venue: 'okx', label: 'OKX main', apiKey: 'key-123abcd', secret: 's3cret', passphrase: 'phrase' },
    stepUp: { credential: JSON.stringify({ id: 'pk-1' }) },
  });
  expect(screen.getByTestId('accounts-notice')).toHaveTextContent('OKX main is connected.');
  expect(screen.getByLabelText('API key')).toHaveDisplayValue('');
  expect(screen.getByLabelText('API secret')).toHaveDisplayValue('');
  expect(calls(run, 'ExchangeAccounts').length).toBeGreaterThanOrEqual(2);
});

test('keys the venue refuses: a clear message, nothing added', async () => {
  get.mockResolvedValueOnce({ id: 'pk-1' });
  const { client } = setup({
    StepUpChallenge: challenge('Connect a binance account'),
    AddExchangeAccount: gqlError('EXCHANGE_AUTH_FAILED', 'binance refused these API keys', { field: 'apiKey' }),
  });
  await renderWith(<AccountsScreen />, client);
  await fireEvent.press(screen.getByRole('radio', { name: 'Binance' }));
  await fireEvent.changeText(screen.getByLabelText('Name for this account'), 'Main 2');
  await fireEvent.changeText(screen.getByLabelText('API key'), 'k');
  await fireEvent.changeText(screen.getByLabelText('API secret'), 's');
  await fireEvent.press(screen.getByRole('button', { name: 'Connect' }));
  await fireEvent.press(screen.getByRole('button', { name: 'Confirm with passkey' }));
  expect(screen.getByTestId('confirm-message')).toHaveTextContent('The exchange refused these keys. Check the key, secret and permissions.');
  expect(screen.getByTestId('add-account-problem')).toHaveTextContent('The exchange refused these keys. Check the key, secret and permissions.');
  expect(screen.queryByTestId('accounts-notice')).toBeNull();
  // The form keeps what was typed so the user can fix it.
  expect(screen.getByLabelText('API key')).toHaveDisplayValue('k');
});

test('a step-up without a passkey points to enrolment', async () => {
  const { client } = setup({ StepUpChallenge: gqlError('STEP_UP_REQUIRED', 'enrol a passkey', { enroll: true }) });
  await renderWith(<AccountsScreen />, client);
  await fireEvent.press(screen.getByRole('radio', { name: 'Kraken' }));
  await fireEvent.changeText(screen.getByLabelText('Name for this account'), 'K');
  await fireEvent.changeText(screen.getByLabelText('API key'), 'k');
  await fireEvent.changeText(screen.getByLabelText('API secret'), 's');
  await fireEvent.press(screen.getByRole('button', { name: 'Connect' }));
  await fireEvent.press(screen.getByRole('button', { name: 'Add a passkey' }));
  expect(require('./routerMock').mockRouter.push).toHaveBeenCalledWith('/settings');
});

test('removing keys asks first; open orders block it with a clear message', async () => {
  let attempt = 0;
  const { client, run } = setup({
    RemoveExchangeAccountKeys: (v) =>
      attempt++ === 0
        ? gqlError('CONFLICT', "cancel this account's open orders first")(v)
        : data({ removeExchangeAccountKeys: { __typename: 'ExchangeAccount', id: 'acc-2', apiKeyHint: null, hasKeys: false } })(v),
  });
  await renderWith(<AccountsScreen />, client);
  await fireEvent.press(screen.getByRole('button', { name: 'Remove the API keys of Main' }));
  expect(calls(run, 'RemoveExchangeAccountKeys')).toHaveLength(0);
  expect(screen.getByTestId('account-remove-confirm-acc-2')).toHaveTextContent(/open orders must be cancelled first/);
  await fireEvent.press(screen.getByTestId('account-remove-no-acc-2'));
  expect(screen.queryByTestId('account-remove-confirm-acc-2')).toBeNull();

  await fireEvent.press(screen.getByRole('button', { name: 'Remove the API keys of Main' }));
  await fireEvent.press(screen.getByTestId('account-remove-yes-acc-2'));
  expect(calls(run, 'RemoveExchangeAccountKeys')[0][0].variables).toEqual({ id: 'acc-2' });
  expect(screen.getByTestId('accounts-remove-error')).toHaveTextContent("Cancel this account's open orders first.");

  await fireEvent.press(screen.getByRole('button', { name: 'Remove the API keys of Main' }));
  await fireEvent.press(screen.getByTestId('account-remove-yes-acc-2'));
  expect(screen.getByTestId('accounts-notice')).toHaveTextContent('The keys of Main were removed.');
});

test('controls are labelled and ≥ 44 pt in the dark theme', async () => {
  const { client } = setup();
  await renderWith(
    <ThemeProvider initialMode="dark" initialAccent="teal">
      <AccountsScreen />
    </ThemeProvider>,
    client,
  );
  expect(screen.getByTestId('account-state-acc-2')).toHaveStyle({ color: '#34d399' });
  expectAccessibleControls();
});
