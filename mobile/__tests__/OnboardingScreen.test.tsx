import { fireEvent, screen } from '@testing-library/react-native';
import * as SecureStore from 'expo-secure-store';
import * as Passkeys from 'react-native-passkeys';
import { renderHook, waitFor } from '@testing-library/react-native';
import OnboardingScreen from '../src/screens/OnboardingScreen';
import { PREF_ONBOARDED, useNeedsOnboarding } from '../src/components/onboarding/onboardingPref';
import i18n from '../src/i18n';
import { ThemeProvider } from '../src/theme';
import { calls, data, gqlError, mockClient, networkError, renderWith, type Handler } from './helpers';
import { bot, challengeOptions, templates } from './botFixtures';
import { mockRouter } from './routerMock';
import { expectAccessibleControls } from './homeFixtures';

jest.mock('expo-router', () => ({
  useRouter: () => require('./routerMock').mockRouter,
  Stack: { Screen: () => null },
}));

const create = Passkeys.create as jest.Mock;
const get = Passkeys.get as jest.Mock;

beforeEach(async () => {
  jest.clearAllMocks();
  await SecureStore.deleteItemAsync(PREF_ONBOARDED);
});
afterEach(async () => {
  await i18n.changeLanguage('en');
});

const renderWizard = (client = mockClient({ Passkeys: data({ passkeys: [] }), BotTemplates: data(templates) }).client) =>
  renderWith(
    <ThemeProvider initialMode="system" initialAccent="blue">
      <OnboardingScreen />
    </ThemeProvider>,
    client,
  );

const next = () => fireEvent.press(screen.getByRole('button', { name: 'Next' }));
const challenge = (summary: string): Handler =>
  data({ stepUpChallenge: { optionsJson: challengeOptions, summary, expiresAt: '2026-12-07T10:05:00+00:00' } });
const created = bot('b-1', { templateId: 'btc-grid', name: 'BTC range grid' });
const running = bot('b-1', { templateId: 'btc-grid', name: 'BTC range grid', state: 'RUNNING', updatedAt: '2026-12-07T10:01:00+00:00' });

/** Through welcome and paper trading, pick the BTC grid template, then on past the passkey step to the bot step. */
async function toBotStep() {
  await next();
  await next();
  expect(screen.getByRole('header', { name: 'Pick a bot template' })).toBeOnTheScreen();
  await fireEvent.press(screen.getByRole('button', { name: 'Create a bot from BTC range grid' }));
  expect(screen.getByRole('header', { name: 'Add a passkey' })).toBeOnTheScreen();
  await next();
  expect(screen.getByRole('header', { name: 'Start your first bot' })).toBeOnTheScreen();
}

test('the wizard shows once: needed before, not after finishing or skipping', async () => {
  const first = await renderHook(() => useNeedsOnboarding());
  await waitFor(() => expect(first.result.current).toBe(true));
  await SecureStore.setItemAsync(PREF_ONBOARDED, 'skipped');
  const later = await renderHook(() => useNeedsOnboarding());
  await waitFor(() => expect(later.result.current).toBe(false));
});

test('five steps with progress: welcome → paper or exchange → template → passkey → first bot; finishing is remembered', async () => {
  await renderWizard();
  expect(screen.getByTestId('onboarding-progress')).toHaveProp('accessibilityValue', { min: 1, max: 5, now: 1 });
  expect(screen.getByText('Step 1 of 5')).toBeOnTheScreen();
  expect(screen.getByRole('header', { name: 'Make it yours' })).toBeOnTheScreen();
  expect(screen.getByTestId('onboarding-duration')).toHaveTextContent('About 3 minutes to your first running bot.');
  // The language choice applies at once.
  await fireEvent.press(screen.getByRole('radio', { name: 'Deutsch' }));
  expect(screen.getByRole('header', { name: 'Mach sie zu deiner App' })).toBeOnTheScreen();
  await fireEvent.press(screen.getByRole('radio', { name: 'English' }));
  await fireEvent.press(screen.getByRole('radio', { name: 'Dark' }));
  expect(SecureStore.setItemAsync).toHaveBeenCalledWith('co.pref.theme', 'dark');

  // Paper trading, or connect an exchange instead (the accounts form, in the same step).
  await next();
  expect(screen.getByText('Step 2 of 5')).toBeOnTheScreen();
  expect(screen.getByRole('header', { name: 'Practise with paper trading' })).toBeOnTheScreen();
  expect(screen.queryByTestId('add-account-form')).toBeNull();
  await fireEvent.press(screen.getByRole('button', { name: 'Connect an exchange instead' }));
  expect(screen.getByRole('header', { name: 'Connect an exchange (optional)' })).toBeOnTheScreen();
  expect(screen.getByTestId('add-account-form')).toBeOnTheScreen();
  await fireEvent.press(screen.getByRole('button', { name: 'Stay on paper trading' }));
  expect(screen.queryByTestId('add-account-form')).toBeNull();

  await next();
  expect(screen.getByText('Step 3 of 5')).toBeOnTheScreen();
  expect(screen.getByRole('header', { name: 'Pick a bot template' })).toBeOnTheScreen();
  expect(screen.getByTestId('template-btc-grid')).toHaveTextContent(/BTC range grid/);
  await fireEvent.press(screen.getByRole('button', { name: 'Back' }));
  expect(screen.getByText('Step 2 of 5')).toBeOnTheScreen();
  await next();
  await next();
  expect(screen.getByText('Step 4 of 5')).toBeOnTheScreen();
  expect(screen.getByRole('header', { name: 'Add a passkey' })).toBeOnTheScreen();
  expect(screen.getByText('No passkeys yet. Add one to confirm trades.')).toBeOnTheScreen();

  await next();
  expect(screen.getByText('Step 5 of 5')).toBeOnTheScreen();
  expect(screen.getByRole('header', { name: 'Start your first bot' })).toBeOnTheScreen();
  // No template picked yet: the step says so and leads back to the templates.
  expect(screen.getByText('Pick a template first.')).toBeOnTheScreen();
  expect(screen.queryByRole('button', { name: 'Skip the introduction' })).toBeNull();
  await fireEvent.press(screen.getByRole('button', { name: 'Choose a template' }));
  expect(screen.getByText('Step 3 of 5')).toBeOnTheScreen();
  await next();
  await next();

  await fireEvent.press(screen.getByRole('button', { name: 'Finish' }));
  expect(SecureStore.setItemAsync).toHaveBeenCalledWith(PREF_ONBOARDED, 'done');
  expect(mockRouter.replace).toHaveBeenCalledWith('/home');
});

test('first bot: template with its suggested capital → createBotFromTemplate → the server summary, then the passkey → running', async () => {
  const { client, run } = mockClient({
    Passkeys: data({ passkeys: [] }),
    BotTemplates: data(templates),
    CreateBotFromTemplate: data({ createBotFromTemplate: created }),
    StepUpChallenge: challenge('Start bot BTC range grid on sim'),
    StartBot: data({ startBot: running }),
  });
  get.mockResolvedValueOnce({ id: 'cred', type: 'public-key' });
  await renderWizard(client);
  await next();
  await next();
  // An unavailable template says why and cannot be picked.
  expect(screen.getByTestId('template-sol-momentum')).toHaveTextContent(/Market not listed/);
  expect(screen.queryByRole('button', { name: 'Create a bot from SOL momentum' })).toBeNull();
  await fireEvent.press(screen.getByRole('button', { name: 'Create a bot from BTC range grid' }));
  await fireEvent.press(screen.getByRole('button', { name: 'Back' }));
  expect(screen.getByTestId('onboarding-template-picked')).toHaveTextContent('Picked: BTC range grid');
  await next();
  await next();
  expect(screen.getByTestId('onboarding-bot-template')).toHaveTextContent('BTC range grid');
  expect(screen.getByText('BTC/USDT on your Paper account')).toBeOnTheScreen();
  expect(screen.getByLabelText('Capital')).toHaveProp('value', '1000');
  await fireEvent.changeText(screen.getByLabelText('Capital'), '250');

  await fireEvent.press(screen.getByRole('button', { name: 'Start my bot' }));
  expect(calls(run, 'CreateBotFromTemplate')[0][0].variables).toEqual({
    input: { templateId: 'btc-grid', accountId: 'acc-1', capital: '250', name: null },
  });
  expect(calls(run, 'StepUpChallenge')[0][0].variables).toEqual({ action: { kind: 'startBot', botId: 'b-1', venue: 'sim' } });
  // The exact action in words before any passkey prompt.
  expect(screen.getByTestId('confirm-summary')).toHaveTextContent('Start bot BTC range grid on sim');
  expect(get).not.toHaveBeenCalled();
  expect(calls(run, 'StartBot')).toHaveLength(0);

  await fireEvent.press(screen.getByRole('button', { name: 'Confirm with passkey' }));
  expect(get).toHaveBeenCalledWith(JSON.parse(challengeOptions));
  expect(calls(run, 'StartBot')[0][0].variables).toEqual({ id: 'b-1', stepUp: { credential: JSON.stringify({ id: 'cred', type: 'public-key' }) } });
  expect(screen.getByTestId('onboarding-bot-running')).toHaveTextContent(/BTC range grid is running\./);
  await fireEvent.press(screen.getByRole('button', { name: 'Open the bot' }));
  await waitFor(() => expect(mockRouter.replace).toHaveBeenCalledWith('/bots/b-1'));
  expect(await SecureStore.getItemAsync(PREF_ONBOARDED)).toBe('done');
});

test('a capital that is not a positive amount is refused before anything is sent', async () => {
  const { client, run } = mockClient({ Passkeys: data({ passkeys: [] }), BotTemplates: data(templates) });
  await renderWizard(client);
  await toBotStep();
  await fireEvent.changeText(screen.getByLabelText('Capital'), '0');
  await fireEvent.press(screen.getByRole('button', { name: 'Start my bot' }));
  expect(screen.getByText('Must be greater than 0')).toBeOnTheScreen();
  expect(calls(run, 'CreateBotFromTemplate')).toHaveLength(0);
});

test('template unavailable on the server: says so, nothing is started, and leads back to the templates', async () => {
  const { client, run } = mockClient({
    Passkeys: data({ passkeys: [] }),
    BotTemplates: data(templates),
    CreateBotFromTemplate: gqlError('BAD_USER_INPUT', 'template btc-grid is not available: market closed', { field: 'templateId' }),
  });
  await renderWizard(client);
  await toBotStep();
  await fireEvent.press(screen.getByRole('button', { name: 'Start my bot' }));
  expect(screen.getByTestId('onboarding-bot-error')).toHaveTextContent('This template is not available right now. Pick another one.');
  expect(calls(run, 'StepUpChallenge')).toHaveLength(0);
  await fireEvent.press(screen.getByRole('button', { name: 'Choose a template' }));
  expect(screen.getByRole('header', { name: 'Pick a bot template' })).toBeOnTheScreen();
});

test('STEP_UP_REQUIRED (no passkey yet) leads to the passkey step; the created bot is reused, not created twice', async () => {
  let first = true;
  const { client, run } = mockClient({
    Passkeys: data({ passkeys: [] }),
    BotTemplates: data(templates),
    CreateBotFromTemplate: data({ createBotFromTemplate: created }),
    StepUpChallenge: (variables) => {
      if (first) {
        first = false;
        return gqlError('STEP_UP_REQUIRED', 'add a passkey', { enroll: true })(variables);
      }
      return challenge('Start bot BTC range grid on sim')(variables);
    },
    StartBot: data({ startBot: running }),
  });
  get.mockResolvedValueOnce({ id: 'cred' });
  await renderWizard(client);
  await toBotStep();
  await fireEvent.press(screen.getByRole('button', { name: 'Start my bot' }));
  expect(screen.getByTestId('confirm-message')).toHaveTextContent('Add a passkey first: every trade is confirmed with one.');
  await fireEvent.press(screen.getByTestId('confirm-enroll'));
  expect(screen.getByText('Step 4 of 5')).toBeOnTheScreen();
  expect(screen.getByRole('header', { name: 'Add a passkey' })).toBeOnTheScreen();

  await next();
  expect(screen.getByTestId('onboarding-bot-created')).toHaveTextContent('BTC range grid was created; start it to finish.');
  await fireEvent.press(screen.getByRole('button', { name: 'Start my bot' }));
  await fireEvent.press(screen.getByRole('button', { name: 'Confirm with passkey' }));
  expect(calls(run, 'CreateBotFromTemplate')).toHaveLength(1);
  expect(calls(run, 'StepUpChallenge')).toHaveLength(2);
  expect(screen.getByTestId('onboarding-bot-running')).toBeOnTheScreen();
});

test('an expired step-up says so and offers a fresh confirmation; a refused start names its code', async () => {
  let starts = 0;
  const { client, run } = mockClient({
    Passkeys: data({ passkeys: [] }),
    BotTemplates: data(templates),
    CreateBotFromTemplate: data({ createBotFromTemplate: created }),
    StepUpChallenge: challenge('Start bot BTC range grid on sim'),
    StartBot: (variables) => {
      starts += 1;
      return starts === 1
        ? gqlError('STEP_UP_EXPIRED', 'expired')(variables)
        : gqlError('ACCOUNT_NOT_RECONCILED', 'orders in doubt')(variables);
    },
  });
  get.mockResolvedValue({ id: 'cred' });
  await renderWizard(client);
  await toBotStep();
  await fireEvent.press(screen.getByRole('button', { name: 'Start my bot' }));
  await fireEvent.press(screen.getByRole('button', { name: 'Confirm with passkey' }));
  expect(screen.getByTestId('confirm-message')).toHaveTextContent('The confirmation expired. Try again.');
  await fireEvent.press(screen.getByRole('button', { name: 'Try again' }));
  expect(calls(run, 'StepUpChallenge')).toHaveLength(2);
  await fireEvent.press(screen.getByRole('button', { name: 'Confirm with passkey' }));
  expect(screen.getByTestId('confirm-message')).toHaveTextContent("The account's orders are being checked. Try again in a moment.");
  expect(screen.queryByTestId('onboarding-bot-running')).toBeNull();
  get.mockReset();
});

test('the templates step shows an error with retry when offline', async () => {
  const failing = mockClient({ Passkeys: data({ passkeys: [] }), BotTemplates: networkError() });
  await renderWizard(failing.client);
  await next();
  await next();
  expect(screen.getByTestId('error')).toBeOnTheScreen();
  await fireEvent.press(screen.getByRole('button', { name: 'Retry' }));
  expect(calls(failing.run, 'BotTemplates').length).toBeGreaterThan(1);
});

test('the templates step says when no template is available', async () => {
  await renderWizard(mockClient({ Passkeys: data({ passkeys: [] }), BotTemplates: data({ botTemplates: [], exchangeAccounts: [] }) }).client);
  await next();
  await next();
  expect(screen.getByText('No templates are available right now. You can create a bot later on the Bots tab.')).toBeOnTheScreen();
});

test('enrolling the first passkey inside the wizard uses the account password', async () => {
  create.mockResolvedValueOnce({ id: 'new' });
  const { client, run } = mockClient({
    Passkeys: data({ passkeys: [] }),
    PasskeyRegistrationOptions: data({ passkeyRegistrationOptions: '{"challenge":"abc"}' }),
    BotTemplates: data(templates),
    RegisterPasskey: data({ registerPasskey: { __typename: 'Passkey', id: 'pk-1', name: 'Phone', createdAt: '2026-11-25T12:00:00+00:00', lastUsedAt: null, cloneSuspected: false } }),
  });
  await renderWizard(client);
  await next();
  await next();
  await next();
  expect(screen.getByRole('header', { name: 'Add a passkey' })).toBeOnTheScreen();
  await fireEvent.changeText(screen.getByLabelText('Your password (needed for the first passkey)'), 'pw-123456');
  await fireEvent.press(screen.getByRole('button', { name: 'Add a passkey' }));
  expect(calls(run, 'RegisterPasskey')[0][0].variables).toEqual({ input: { credential: JSON.stringify({ id: 'new' }), name: null, password: 'pw-123456' } });
  expect(screen.getByTestId('passkey-message')).toHaveTextContent('Passkey added.');
});

test('skipping is one tap from any step and is remembered', async () => {
  await renderWizard();
  await fireEvent.press(screen.getByRole('button', { name: 'Next' }));
  await fireEvent.press(screen.getByRole('button', { name: 'Skip the introduction' }));
  expect(await SecureStore.getItemAsync(PREF_ONBOARDED)).toBe('skipped');
  expect(mockRouter.replace).toHaveBeenCalledWith('/home');
});

test('controls are labelled and ≥ 44 pt; Arabic text', async () => {
  await renderWizard();
  expectAccessibleControls();
  await fireEvent.press(screen.getByRole('radio', { name: 'العربية' }));
  expect(screen.getByText('الخطوة 1 من 5')).toBeOnTheScreen();
});
