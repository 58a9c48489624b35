import { act, fireEvent, screen } from '@testing-library/react-native';
import { expectAccessibleControls } from './a11yHelpers';
import SocialScreen from '../src/screens/SocialScreen';
import TraderScreen from '../src/screens/TraderScreen';
import NotificationsScreen from '../src/screens/NotificationsScreen';
import NotificationPreferencesScreen from '../src/screens/NotificationPreferencesScreen';
import { data, mockClient, pending, renderWith } from './helpers';
import { accounts, follow, leader, listing, metrics, post } from './socialFixtures';

jest.mock('expo-notifications', () => require('./notifications/expoNotificationsMock').notificationsMock);
jest.mock('expo-router', () => ({
  useLocalSearchParams: () => ({ handle: 'alice' }),
  useRouter: () => require('./routerMock').mockRouter,
  Stack: { Screen: () => null },
}));

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

const client = (extra: Record<string, ReturnType<typeof data>> = {}) =>
  mockClient({
    Leaderboard: data({ leaderboard: { edges: [{ cursor: 'c1', node: leader(1, 'alice') }], pageInfo: { hasNextPage: true, endCursor: 'c1' } } }),
    Following: data({ following: [follow('t-alice')] }),
    CopySkippedLive: pending(),
    Marketplace: data({ marketplace: { listings: [listing('l-1')], hasNextPage: false, endCursor: null }, strategySubscriptions: [] }),
    CopyAccounts: data(accounts),
    Feed: data({ feed: { posts: [post('p-1')], hasNextPage: true, endCursor: 'c' } }),
    LiveFeed: pending(),
    MyTraderProfile: data({
      myTraderProfile: { handle: 'alice', bio: '', avatarUrl: null, styleTags: [], publicAccountIds: [], showBalances: false },
      ...accounts,
    }),
    TraderProfile: data({
      traderProfile: { traderId: 't-alice', handle: 'alice', bio: '', styleTags: [], verifiedSince: null, verifiedAccounts: [], equityCurve: [], metrics: [metrics('D30')] },
    }),
    NotificationsInbox: data({
      notifications: {
        edges: [{ cursor: 'c1', node: { id: 'n-1', category: 'PRICE_ALERT', title: 'T', body: 'B', deepLink: '', createdAt: '2026-12-07T03:00:00Z', read: false } }],
        pageInfo: { hasNextPage: true, endCursor: 'c1' },
        unreadCount: 1,
      },
    }),
    NotificationPreferences: data({
      notificationPreferences: { categories: [{ category: 'PRICE_ALERT', enabled: true, urgent: false }], quietHoursStart: '22:00', quietHoursEnd: '07:00', timezone: 'UTC' },
    }),
    ...extra,
  }).client;

test.each(['leaderboard', 'following', 'marketplace', 'feed', 'profile'] as const)('social %s controls are labelled and ≥ 44 pt', async (section) => {
  await renderWith(<SocialScreen initial={section} />, client());
  await act(async () => undefined);
  expectAccessibleControls();
});

test('trader profile, inbox and notification settings controls are labelled and ≥ 44 pt', async () => {
  let view = await renderWith(<TraderScreen />, client({ Following: data({ following: [] }) }));
  await fireEvent.press(await screen.findByTestId('follow-open'));
  await screen.findByTestId('follow-form');
  expectAccessibleControls();
  await view.unmount();
  view = await renderWith(<NotificationsScreen />, client());
  await screen.findByTestId('notification-n-1');
  expectAccessibleControls();
  await view.unmount();
  await renderWith(<NotificationPreferencesScreen />, client());
  await screen.findByTestId('quiet-from');
  expectAccessibleControls();
});
