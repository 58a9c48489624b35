import { render, screen, waitFor } from '@testing-library/react-native';
import * as SecureStore from 'expo-secure-store';
import TabsLayout from '../app/(app)/(tabs)/_layout';
import { PREF_ONBOARDED } from '../src/components/onboarding/onboardingPref';

// The tabs as plain text: "tab:<name>:<title>" in order, and where a Redirect points.
jest.mock('expo-router', () => {
  const { Text, View } = require('react-native');
  const Tabs = ({ children }: { children: unknown }) => <View testID="tabs">{children}</View>;
  Tabs.Screen = ({ name, options }: { name: string; options: { title: string } }) => <Text testID="tab">{`${name}:${options.title}`}</Text>;
  return { Tabs, Redirect: ({ href }: { href: string }) => <Text testID="redirect">{href}</Text> };
});

beforeEach(async () => {
  await SecureStore.deleteItemAsync(PREF_ONBOARDED);
});

test('first run on a device: the tabs redirect to the onboarding wizard', async () => {
  await render(<TabsLayout />);
  await waitFor(() => expect(screen.getByTestId('redirect')).toHaveTextContent('/onboarding'));
  expect(screen.queryByTestId('tabs')).toBeNull();
});

test('after the wizard: Home is the first tab', async () => {
  await SecureStore.setItemAsync(PREF_ONBOARDED, 'done');
  await render(<TabsLayout />);
  await waitFor(() => expect(screen.getByTestId('tabs')).toBeOnTheScreen());
  const tabs = screen.getAllByTestId('tab').map((t) => t.props.children);
  expect(tabs[0]).toBe('home:Home');
  expect(tabs).toContain('markets:Markets');
  // Account folded into Settings: six tabs (their fit at 430 pt: TabBarFit.test.tsx).
  expect(tabs).toEqual(['home:Home', 'markets:Markets', 'orders:Orders', 'bots:Bots', 'social:Social', 'settings:Settings']);
  expect(screen.queryByTestId('redirect')).toBeNull();
});
