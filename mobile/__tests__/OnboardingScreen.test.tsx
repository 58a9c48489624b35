import { fireEvent, screen } from '@testing-library/react-native';
import * as SecureStore from 'expo-secure-store';
import * as Passkeys from 'react-native-passkeys';
import { renderHook, waitFor } from '@testing-library/react-native';
import OnboardingScreen from '../src/screens/OnboardingScreen';
import { PREF_ONBOARDED, useNeedsOnboarding } from '../src/components/onboarding/onboardingPref';
import i18n from '../src/i18n';
import { ThemeProvider } from '../src/theme';
import { calls, data, mockClient, renderWith } from './helpers';
import { mockRouter } from './routerMock';
import { expectAccessibleControls } from './homeFixtures';

jest.mock('expo-router', () => ({
  useRouter: () => require('./routerMock').mockRouter,
  Stack: { Screen: () => null },
}));

const create = Passkeys.create as jest.Mock;

beforeEach(async () => {
  jest.clearAllMocks();
  await SecureStore.deleteItemAsync(PREF_ONBOARDED);
});
afterEach(async () => {
  await i18n.changeLanguage('en');
});

const renderWizard = (client = mockClient({ Passkeys: data({ passkeys: [] }) }).client) =>
  renderWith(
    <ThemeProvider initialMode="system" initialAccent="blue">
      <OnboardingScreen />
    </ThemeProvider>,
    client,
  );

test('the wizard shows once: needed before, not after finishing or skipping', async () => {
  const first = await renderHook(() => useNeedsOnboarding());
  await waitFor(() => expect(first.result.current).toBe(true));
  await SecureStore.setItemAsync(PREF_ONBOARDED, 'skipped');
  const later = await renderHook(() => useNeedsOnboarding());
  await waitFor(() => expect(later.result.current).toBe(false));
});

test('four steps with progress: language/theme → passkey → paper trading → exchange; finishing is remembered', async () => {
  const { client } = mockClient({ Passkeys: data({ passkeys: [] }) });
  await renderWizard(client);
  expect(screen.getByTestId('onboarding-progress')).toHaveProp('accessibilityValue', { min: 1, max: 4, now: 1 });
  expect(screen.getByText('Step 1 of 4')).toBeOnTheScreen();
  expect(screen.getByRole('header', { name: 'Make it yours' })).toBeOnTheScreen();
  // The language choice applies at once.
  await fireEvent.press(screen.getByRole('radio', { name: 'Deutsch' }));
  expect(screen.getByRole('header', { name: 'Mach sie zu deiner App' })).toBeOnTheScreen();
  await fireEvent.press(screen.getByRole('radio', { name: 'English' }));
  await fireEvent.press(screen.getByRole('radio', { name: 'Dark' }));
  expect(SecureStore.setItemAsync).toHaveBeenCalledWith('co.pref.theme', 'dark');

  await fireEvent.press(screen.getByRole('button', { name: 'Next' }));
  expect(screen.getByText('Step 2 of 4')).toBeOnTheScreen();
  expect(screen.getByRole('header', { name: 'Add a passkey' })).toBeOnTheScreen();
  expect(screen.getByText('No passkeys yet. Add one to confirm trades.')).toBeOnTheScreen();
  expect(screen.getByLabelText('Your password (needed for the first passkey)')).toBeOnTheScreen();

  await fireEvent.press(screen.getByRole('button', { name: 'Next' }));
  expect(screen.getByRole('header', { name: 'Practise with paper trading' })).toBeOnTheScreen();
  await fireEvent.press(screen.getByRole('button', { name: 'Back' }));
  expect(screen.getByText('Step 2 of 4')).toBeOnTheScreen();
  await fireEvent.press(screen.getByRole('button', { name: 'Next' }));
  await fireEvent.press(screen.getByRole('button', { name: 'Next' }));
  expect(screen.getByRole('header', { name: 'Connect an exchange (optional)' })).toBeOnTheScreen();
  expect(screen.getByTestId('add-account-form')).toBeOnTheScreen();
  expect(screen.queryByRole('button', { name: 'Skip the introduction' })).toBeNull();

  await fireEvent.press(screen.getByRole('button', { name: 'Finish' }));
  expect(SecureStore.setItemAsync).toHaveBeenCalledWith(PREF_ONBOARDED, 'done');
  expect(mockRouter.replace).toHaveBeenCalledWith('/home');
});

test('enrolling the first passkey inside the wizard uses the account password', async () => {
  create.mockResolvedValueOnce({ id: 'new' });
  const { client, run } = mockClient({
    Passkeys: data({ passkeys: [] }),
    PasskeyRegistrationOptions: data({ passkeyRegistrationOptions: '{"challenge":"abc"}' }),
    RegisterPasskey: data({ registerPasskey: { __typename: 'Passkey', id: 'pk-1', name: 'Phone', createdAt: '2026-11-25T12:00:00+00:00', lastUsedAt: null, cloneSuspected: false } }),
  });
  await renderWizard(client);
  await fireEvent.press(screen.getByRole('button', { name: 'Next' }));
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
  expect(screen.getByText('الخطوة 1 من 4')).toBeOnTheScreen();
});
