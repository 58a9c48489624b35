import { Text } from 'react-native';
import { act, fireEvent, screen, within } from '@testing-library/react-native';
import { renderRouter } from 'expo-router/testing-library';
import * as SecureStore from 'expo-secure-store';
import { Provider } from 'urql';
import TabsLayout, { TAB_LABEL_SIZE } from '../app/(app)/(tabs)/_layout';
import AccountRedirect from '../app/(app)/account';
import { PREF_ONBOARDED } from '../src/components/onboarding/onboardingPref';
import { TAB_NAMES } from '../src/components/nav/TabIcon';
import i18n, { resources } from '../src/i18n';
import { data, mockClient } from './helpers';

// The real expo-router tab bar (React Navigation's BottomTabBar) over stub screens, laid out on a
// 430 x 932 pt phone (iPhone Pro Max class).
const PHONE = { width: 430, height: 932 };
const stub = (name: string) => () => <Text>{`${name} screen`}</Text>;
const routes = {
  '(tabs)/_layout': TabsLayout,
  ...Object.fromEntries(TAB_NAMES.map((n) => [`(tabs)/${n}`, stub(n)])),
  account: AccountRedirect,
};

async function renderTabs(initialUrl: string) {
  await SecureStore.setItemAsync(PREF_ONBOARDED, 'done');
  const { client } = mockClient({ UnreadNotificationCount: data({ notifications: { unreadCount: 0 } }) });
  const view = renderRouter(routes, { initialUrl, wrapper: ({ children }) => <Provider value={client}>{children}</Provider> });
  await view;
  await screen.findByTestId('tab-home');
  // Lay every measured view out at the phone's size (the frame React Navigation sizes the bar by).
  for (const node of screen.container.queryAll((n) => typeof n.type === 'string' && typeof n.props.onLayout === 'function')) {
    await act(async () => fireEvent(node, 'layout', { nativeEvent: { layout: { x: 0, y: 0, ...PHONE } } }));
  }
  // renderRouter's result is RNTL's render promise with the router helpers attached.
  return { pathname: () => view.getPathname() };
}

/** The tab bar's buttons (role "tab"; "button" on iOS, which jest-expo renders as). */
function tabButtons() {
  const [tablist] = screen.container.queryAll((n) => typeof n.type === 'string' && n.props.role === 'tablist');
  return within(tablist).getAllByRole(/^(tab|button)$/);
}

/** Rough rendered width of one line (pt): CJK/kana/hangul ≈ 1 em, Arabic ≈ 0.55 em, other scripts ≤ 0.62 em (semibold). */
function estimatedWidth(text: string, fontSize: number): number {
  let em = 0;
  for (const ch of text) {
    if (/[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/.test(ch)) em += 1;
    else if (/[\u0600-\u06ff]/.test(ch)) em += 0.55;
    else em += 0.62;
  }
  return em * fontSize;
}

afterEach(async () => {
  await act(async () => {
    await i18n.changeLanguage('en');
  });
  jest.useRealTimers();
});

test('six tabs with icons and full accessible names; the short labels fit a sixth of 430 pt in every language', async () => {
  await renderTabs('/home');
  const tabs = tabButtons();
  expect(tabs.map((tab) => tab.props.accessibilityLabel ?? tab.props['aria-label'])).toEqual(['Home', 'Markets', 'Orders', 'Bots', 'Social', 'Settings']);
  expect(tabs.map((tab) => tab.props.testID)).toEqual(TAB_NAMES.map((n) => `tab-${n}`));
  for (const name of TAB_NAMES) {
    const tab = screen.getByTestId(`tab-${name}`);
    expect(within(tab).getAllByTestId(`tab-icon-${name}`, { includeHiddenElements: true }).length).toBeGreaterThan(0);
    const label = within(tab).getByTestId(`tab-label-${name}`);
    expect(label.props.numberOfLines).toBe(1);
    expect(label).toHaveStyle({ fontSize: TAB_LABEL_SIZE });
  }
  expect(screen.getByTestId('tab-label-home')).toHaveTextContent('Home');

  const perTab = PHONE.width / TAB_NAMES.length;
  const tooWide: string[] = [];
  for (const lng of Object.keys(resources)) {
    const tabsOf = (resources[lng as keyof typeof resources].translation as { nav: { tabs: Record<string, string> } }).nav.tabs;
    for (const name of TAB_NAMES) {
      const width = estimatedWidth(tabsOf[name], TAB_LABEL_SIZE);
      if (width > perTab - 4) tooWide.push(`${lng} ${name} "${tabsOf[name]}" ≈ ${width.toFixed(0)} pt`);
    }
  }
  expect(tooWide).toEqual([]);
});

test('German: short visible labels, full names for screen readers', async () => {
  await act(async () => {
    await i18n.changeLanguage('de');
  });
  await renderTabs('/home');
  expect(tabButtons().map((tab) => tab.props.accessibilityLabel ?? tab.props['aria-label'])).toEqual([
    'Start', 'Märkte', 'Aufträge', 'Handelsbots', 'Community', 'Einstellungen',
  ]);
  expect(screen.getByTestId('tab-label-settings')).toHaveTextContent('Optionen');
  expect(screen.getByTestId('tab-label-bots')).toHaveTextContent('Roboter');
});

test('/account (old links, deep links) lands on Settings', async () => {
  const view = await renderTabs('/account');
  expect(await screen.findByText('settings screen')).toBeOnTheScreen();
  expect(view.pathname()).toBe('/settings');
});
