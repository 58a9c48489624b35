import { fireEvent, screen } from '@testing-library/react-native';
import { I18nManager } from 'react-native';
import * as Passkeys from 'react-native-passkeys';
import * as SecureStore from 'expo-secure-store';
import SettingsScreen from '../src/screens/SettingsScreen';
import i18n from '../src/i18n';
import { ThemeProvider } from '../src/theme';
import { calls, data, gqlError, mockClient, once, pending, renderWith, type Handler } from './helpers';
import { challengeOptions } from './tradeFixtures';

// expo-secure-store is an in-memory mock (jest.setup.ts).

// Settings links to the exchange accounts screen (helper G).
jest.mock('expo-router', () => ({ useRouter: () => require('./routerMock').mockRouter }));

const get = Passkeys.get as jest.Mock;
const create = Passkeys.create as jest.Mock;

const passkey = (id: string, name: string) => ({
  __typename: 'Passkey',
  id,
  name,
  createdAt: '2026-11-20T10:00:00+00:00',
  lastUsedAt: null,
  cloneSuspected: false,
});
const account = { __typename: 'ExchangeAccount', id: 'acc-1', venue: 'sim', label: 'Paper' };
const challenge = (summary: string): Handler => data({ stepUpChallenge: { optionsJson: challengeOptions, summary, expiresAt: '2026-11-25T12:05:00+00:00' } });

function setup(extra: Record<string, Handler> = {}) {
  return mockClient({
    Passkeys: data({ passkeys: [passkey('pk-1', 'Laptop')] }),
    TradingGrants: data({ tradingGrants: [], exchangeAccounts: [account] }),
    WidgetTokens: data({ widgetTokens: [] }),
    // The account (profile, balances) at the top of Settings: __tests__/SettingsAccount.test.tsx.
    Account: pending(),
    ...extra,
  });
}

const renderSettings = (client: ReturnType<typeof setup>['client']) =>
  renderWith(
    <ThemeProvider initialMode="system" initialAccent="blue">
      <SettingsScreen />
    </ThemeProvider>,
    client,
  );

beforeEach(() => jest.clearAllMocks());
afterEach(async () => {
  await i18n.changeLanguage('en');
});

test('theme and accent choices apply and are remembered', async () => {
  const { client } = setup();
  await renderSettings(client);
  expect(screen.getByRole('radio', { name: 'System' })).toBeSelected();
  await fireEvent.press(screen.getByRole('radio', { name: 'Dark' }));
  expect(screen.getByRole('radio', { name: 'Dark' })).toBeSelected();
  expect(SecureStore.setItemAsync).toHaveBeenCalledWith('co.pref.theme', 'dark');
  // Dark theme: the header text is the dark theme's text color.
  expect(screen.getByRole('header', { name: 'Appearance' })).toHaveStyle({ color: '#f3f4f6' });
  await fireEvent.press(screen.getByRole('radio', { name: 'Teal' }));
  expect(SecureStore.setItemAsync).toHaveBeenCalledWith('co.pref.accent', 'teal');
  expect(screen.getByRole('button', { name: 'Add a passkey' })).toHaveStyle({ backgroundColor: '#2dd4bf' });
});

test('the language picker switches text, and Arabic switches the layout to right-to-left', async () => {
  const forceRTL = jest.spyOn(I18nManager, 'forceRTL');
  const { client } = setup();
  await renderSettings(client);
  await fireEvent.press(screen.getByRole('radio', { name: 'Deutsch' }));
  expect(screen.getByRole('header', { name: 'Sprache' })).toBeOnTheScreen();
  expect(SecureStore.setItemAsync).toHaveBeenCalledWith('co.pref.language', 'de');
  await fireEvent.press(screen.getByRole('radio', { name: 'العربية' }));
  expect(screen.getByRole('header', { name: 'اللغة' })).toBeOnTheScreen();
  expect(forceRTL).toHaveBeenCalledWith(true);
  await fireEvent.press(screen.getByRole('radio', { name: 'English' }));
  expect(screen.getByRole('header', { name: 'Language' })).toBeOnTheScreen();
});

test('the first passkey is added with the account password', async () => {
  const credential = { id: 'new', rawId: 'new', type: 'public-key', response: { attestationObject: 'a', clientDataJSON: 'c' } };
  create.mockResolvedValueOnce(credential);
  const { client, run } = setup({
    Passkeys: data({ passkeys: [] }),
    PasskeyRegistrationOptions: data({ passkeyRegistrationOptions: JSON.stringify({ challenge: 'abc', rp: { id: 'localhost', name: 'CO' }, user: { id: 'dQ', name: 'a@b.c', displayName: 'A' }, pubKeyCredParams: [] }) }),
    RegisterPasskey: data({ registerPasskey: passkey('pk-2', 'Phone') }),
  });
  await renderSettings(client);
  expect(screen.getByText('No passkeys yet. Add one to confirm trades.')).toBeOnTheScreen();
  await fireEvent.changeText(screen.getByLabelText('Passkey name'), 'Phone');
  await fireEvent.changeText(screen.getByLabelText('Your password (needed for the first passkey)'), 'secret-pass');
  await fireEvent.press(screen.getByRole('button', { name: 'Add a passkey' }));
  expect(create).toHaveBeenCalledWith(expect.objectContaining({ challenge: 'abc' }));
  expect(calls(run, 'RegisterPasskey')[0][0].variables).toEqual({
    input: { credential: JSON.stringify(credential), name: 'Phone', password: 'secret-pass' },
  });
  expect(calls(run, 'StepUpChallenge')).toHaveLength(0);
  expect(screen.getByTestId('passkey-message')).toHaveTextContent('Passkey added.');
});

test('a further passkey needs a step-up first', async () => {
  create.mockResolvedValueOnce({ id: 'new2' });
  get.mockResolvedValueOnce({ id: 'pk-1' });
  const { client, run } = setup({
    StepUpChallenge: challenge('Add a new passkey to your account'),
    PasskeyRegistrationOptions: data({ passkeyRegistrationOptions: '{"challenge":"abc"}' }),
    RegisterPasskey: data({ registerPasskey: passkey('pk-2', 'Passkey') }),
  });
  await renderSettings(client);
  expect(screen.queryByLabelText('Your password (needed for the first passkey)')).toBeNull();
  await fireEvent.press(screen.getByRole('button', { name: 'Add a passkey' }));
  expect(calls(run, 'StepUpChallenge')[0][0].variables).toEqual({ action: { kind: 'registerPasskey' } });
  expect(screen.getByTestId('confirm-summary')).toHaveTextContent('Add a new passkey to your account');
  await fireEvent.press(screen.getByRole('button', { name: 'Confirm with passkey' }));
  expect(calls(run, 'RegisterPasskey')[0][0].variables).toEqual({
    input: { credential: JSON.stringify({ id: 'new2' }), name: null, stepUp: { credential: JSON.stringify({ id: 'pk-1' }) } },
  });
});

test('rename and remove (with step-up) a passkey', async () => {
  get.mockResolvedValueOnce({ id: 'pk-1' });
  const { client, run } = setup({
    RenamePasskey: (v) => once({ data: { renamePasskey: { __typename: 'Passkey', id: v.id, name: v.name } } }),
    StepUpChallenge: challenge('Remove passkey pk-1'),
    RemovePasskey: data({ removePasskey: true }),
  });
  await renderSettings(client);
  await fireEvent.press(screen.getByRole('button', { name: 'Rename passkey Laptop' }));
  await fireEvent.changeText(screen.getByTestId('passkey-rename-input'), 'Work laptop');
  await fireEvent.press(screen.getByRole('button', { name: 'Save' }));
  expect(calls(run, 'RenamePasskey')[0][0].variables).toEqual({ id: 'pk-1', name: 'Work laptop' });

  await fireEvent.press(screen.getByRole('button', { name: 'Remove passkey Laptop' }));
  expect(calls(run, 'StepUpChallenge')[0][0].variables).toEqual({ action: { kind: 'removePasskey', passkeyId: 'pk-1' } });
  await fireEvent.press(screen.getByRole('button', { name: 'Confirm with passkey' }));
  expect(calls(run, 'RemovePasskey')[0][0].variables).toEqual({ id: 'pk-1', stepUp: { credential: JSON.stringify({ id: 'pk-1' }) } });
});

test('recovery codes are generated with a step-up and shown once', async () => {
  get.mockResolvedValueOnce({ id: 'pk-1' });
  const { client } = setup({
    StepUpChallenge: challenge('Generate new recovery codes (old ones stop working)'),
    GenerateRecoveryCodes: data({ generateRecoveryCodes: { codes: ['aaaa-bbbb', 'cccc-dddd'] } }),
  });
  await renderSettings(client);
  await fireEvent.press(screen.getByRole('button', { name: 'Generate new codes' }));
  await fireEvent.press(screen.getByRole('button', { name: 'Confirm with passkey' }));
  expect(screen.getByText('aaaa-bbbb')).toBeOnTheScreen();
  expect(screen.getByText('Write these down now: they are shown only once.')).toBeOnTheScreen();
  await fireEvent.press(screen.getByRole('button', { name: 'Done' }));
  expect(screen.queryByText('aaaa-bbbb')).toBeNull();
});

test('a trading grant is created with the exact step-up action, listed and revoked', async () => {
  get.mockResolvedValueOnce({ id: 'pk-1' });
  const grant = {
    __typename: 'TradingGrant',
    id: 'g-1',
    accountId: 'acc-1',
    symbols: [],
    maxOrders: 3,
    maxNotional: '500',
    ordersUsed: 1,
    notionalUsed: '120',
    createdAt: '2026-11-25T12:00:00+00:00',
    expiresAt: '2999-01-01T00:00:00+00:00',
    revokedAt: null,
  };
  const { client, run } = setup({
    TradingGrants: data({ tradingGrants: [grant, { ...grant, id: 'g-old', revokedAt: '2026-11-25T12:01:00+00:00' }], exchangeAccounts: [account] }),
    StepUpChallenge: challenge('Allow up to 3 orders worth 500 in total on account acc-1 for 10 minutes without asking again'),
    CreateTradingGrant: data({ createTradingGrant: grant }),
    RevokeTradingGrant: data({ revokeTradingGrant: true }),
  });
  await renderSettings(client);
  expect(screen.getByTestId('grant-g-1')).toHaveTextContent(/1\/3 orders, 120\/500/);
  expect(screen.queryByTestId('grant-g-old')).toBeNull();

  await fireEvent.changeText(screen.getByLabelText('Max orders'), '3');
  await fireEvent.changeText(screen.getByLabelText('Max total value'), '500.00');
  await fireEvent.changeText(screen.getByLabelText('Minutes (1–15)'), '10');
  await fireEvent.press(screen.getByRole('button', { name: 'Create grant' }));
  expect(calls(run, 'StepUpChallenge')[0][0].variables).toEqual({
    action: { kind: 'createTradingGrant', account: 'acc-1', maxOrders: 3, maxNotional: '500', minutes: 10 },
  });
  await fireEvent.press(screen.getByRole('button', { name: 'Confirm with passkey' }));
  expect(calls(run, 'CreateTradingGrant')[0][0].variables).toEqual({
    input: { accountId: 'acc-1', maxOrders: 3, maxNotional: '500', minutes: 10 },
    stepUp: { credential: JSON.stringify({ id: 'pk-1' }) },
  });

  await fireEvent.press(screen.getByTestId('grant-revoke-g-1'));
  expect(calls(run, 'RevokeTradingGrant')[0][0].variables).toEqual({ id: 'g-1' });
});

test('the kill switch: confirm, step-up {kind: killSwitch}, then what it did', async () => {
  get.mockResolvedValueOnce({ id: 'pk-1' });
  const { client, run } = setup({
    Passkeys: pending(),
    TradingGrants: pending(),
    StepUpChallenge: challenge('Stop every bot and cancel every open order'),
    KillSwitch: data({ killSwitch: { __typename: 'KillSwitchResult', botsStopped: 2, ordersCancelled: 5, ordersLeftOpen: 1 } }),
  });
  await renderSettings(client);
  // One tap shows the confirmation; cancelling sends nothing.
  await fireEvent.press(screen.getByRole('button', { name: 'Stop all trading' }));
  expect(screen.getByTestId('kill-switch-confirm')).toHaveTextContent(/Stop all bots and cancel all open orders on every account now\?/);
  await fireEvent.press(screen.getByTestId('kill-switch-confirm-no'));
  expect(calls(run, 'StepUpChallenge')).toHaveLength(0);

  await fireEvent.press(screen.getByRole('button', { name: 'Stop all trading' }));
  await fireEvent.press(screen.getByRole('button', { name: 'Yes, stop everything' }));
  expect(calls(run, 'StepUpChallenge')[0][0].variables).toEqual({ action: { kind: 'killSwitch' } });
  expect(screen.getByTestId('confirm-summary')).toHaveTextContent('Stop every bot and cancel every open order');
  expect(calls(run, 'KillSwitch')).toHaveLength(0);
  await fireEvent.press(screen.getByRole('button', { name: 'Confirm with passkey' }));
  expect(calls(run, 'KillSwitch')[0][0].variables).toEqual({ stepUp: { credential: JSON.stringify({ id: 'pk-1' }) } });
  expect(screen.getByTestId('kill-switch-result')).toHaveTextContent(
    'Done: 5 orders cancelled, 2 bots stopped. 1 orders are still in doubt at the exchange; reconciliation will settle them.',
  );
});

test('a rejected kill switch step-up says what to do next and changes nothing', async () => {
  get.mockResolvedValueOnce({ id: 'pk-1' });
  const { client, run } = setup({
    Passkeys: pending(),
    TradingGrants: pending(),
    StepUpChallenge: challenge('Stop every bot and cancel every open order'),
    KillSwitch: gqlError('STEP_UP_EXPIRED'),
  });
  await renderSettings(client);
  await fireEvent.press(screen.getByRole('button', { name: 'Stop all trading' }));
  await fireEvent.press(screen.getByRole('button', { name: 'Yes, stop everything' }));
  await fireEvent.press(screen.getByRole('button', { name: 'Confirm with passkey' }));
  expect(calls(run, 'KillSwitch')).toHaveLength(1);
  expect(screen.getByRole('button', { name: 'Try again' })).toBeOnTheScreen();
  expect(screen.queryByTestId('kill-switch-result')).toBeNull();
});

test('settings links to the exchange accounts screen', async () => {
  const { client } = setup({ Passkeys: pending(), TradingGrants: pending() });
  await renderSettings(client);
  await fireEvent.press(screen.getByRole('button', { name: 'Manage exchange accounts' }));
  expect(require('./routerMock').mockRouter.push).toHaveBeenCalledWith('/accounts');
});
