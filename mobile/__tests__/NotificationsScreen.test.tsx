import { act, fireEvent, screen } from '@testing-library/react-native';
import NotificationsScreen, { INBOX_PAGE } from '../src/screens/NotificationsScreen';
import NotificationPreferencesScreen from '../src/screens/NotificationPreferencesScreen';
import { NotificationBell } from '../src/notifications/NotificationBell';
import { calls, data, gqlError, mockClient, networkError, once, pending, renderWith, type Handler } from './helpers';
import { mockRouter } from './routerMock';

jest.mock('expo-notifications', () => require('./notifications/expoNotificationsMock').notificationsMock);
jest.mock('expo-router', () => ({
  useRouter: () => require('./routerMock').mockRouter,
  Stack: { Screen: () => null },
}));

afterEach(() => jest.clearAllMocks());

/** Flip a Switch the way the native side reports it. */
async function toggle(testID: string, value: boolean) {
  await fireEvent(screen.getByTestId(testID), 'change', { nativeEvent: { value } });
}

const note = (id: string, read: boolean, over: Record<string, unknown> = {}) => ({
  __typename: 'Notification',
  id,
  category: 'ORDER_FILLED',
  title: `Title ${id}`,
  body: `Body ${id}`,
  deepLink: 'cryptoorchestrator://orders/o-1',
  createdAt: '2026-12-07T03:00:00+00:00',
  read,
  ...over,
});

const inbox: Handler = (v) =>
  once({
    data: {
      notifications: v.after
        ? { edges: [{ cursor: 'c3', node: note('n-3', true) }], pageInfo: { hasNextPage: false, endCursor: 'c3' }, unreadCount: 1 }
        : v.unreadOnly
          ? { edges: [{ cursor: 'c1', node: note('n-1', false) }], pageInfo: { hasNextPage: false, endCursor: 'c1' }, unreadCount: 1 }
          : {
              edges: [
                { cursor: 'c1', node: note('n-1', false) },
                { cursor: 'c2', node: note('n-2', true, { deepLink: 'cryptoorchestrator://market/ETH/USDT' }) },
              ],
              pageInfo: { hasNextPage: true, endCursor: 'c2' },
              unreadCount: 1,
            },
    },
  });

test('inbox: unread marked, tap marks read and opens the related screen, pages by cursor', async () => {
  const { client, run } = mockClient({ NotificationsInbox: inbox, MarkNotificationsRead: data({ markNotificationsRead: 1 }) });
  await renderWith(<NotificationsScreen />, client);
  expect(await screen.findByTestId('notification-n-1')).toHaveTextContent(/Title n-1.*Body n-1/);
  expect(calls(run, 'NotificationsInbox')[0][0].variables).toEqual({ first: INBOX_PAGE, after: null, unreadOnly: false });
  expect(screen.getByTestId('unread-n-1')).toBeTruthy();
  expect(screen.queryByTestId('unread-n-2')).toBeNull();
  expect(screen.getByTestId('inbox-unread')).toHaveTextContent('Unread (1)');

  await act(async () => {
    fireEvent.press(screen.getByTestId('notification-n-1'));
  });
  expect(calls(run, 'MarkNotificationsRead')[0][0].variables).toEqual({ ids: ['n-1'] });
  expect(mockRouter.push).toHaveBeenCalledWith('/orders');
  expect(screen.queryByTestId('unread-n-1')).toBeNull();
  expect(screen.getByTestId('inbox-unread')).toHaveTextContent('Unread (0)');

  // A read one opens without another mutation.
  await act(async () => {
    fireEvent.press(screen.getByTestId('notification-n-2'));
  });
  expect(calls(run, 'MarkNotificationsRead')).toHaveLength(1);
  expect(mockRouter.push).toHaveBeenLastCalledWith('/market/ETH-USDT');

  await act(async () => {
    fireEvent.press(screen.getByTestId('inbox-more'));
  });
  expect(calls(run, 'NotificationsInbox')[1][0].variables).toEqual({ first: INBOX_PAGE, after: 'c2', unreadOnly: false });
  expect(screen.getByTestId('notification-n-3')).toBeTruthy();
  expect(screen.queryByTestId('inbox-more')).toBeNull();
});

test('unread filter and mark all read', async () => {
  const { client, run } = mockClient({ NotificationsInbox: inbox, MarkNotificationsRead: data({ markNotificationsRead: 1 }) });
  await renderWith(<NotificationsScreen />, client);
  await screen.findByTestId('notification-n-2');
  await act(async () => {
    fireEvent.press(screen.getByTestId('inbox-unread'));
  });
  expect(calls(run, 'NotificationsInbox').at(-1)?.[0].variables).toEqual({ first: INBOX_PAGE, after: null, unreadOnly: true });
  expect(screen.queryByTestId('notification-n-2')).toBeNull();
  await act(async () => {
    fireEvent.press(screen.getByTestId('inbox-mark-all'));
  });
  expect(calls(run, 'MarkNotificationsRead')[0][0].variables).toEqual({ ids: ['n-1'] });
  expect(screen.getByText('You have read everything.')).toBeTruthy();
});

test('inbox loading state', async () => {
  const { client } = mockClient({ NotificationsInbox: pending() });
  await renderWith(<NotificationsScreen />, client);
  expect(screen.getByTestId('loading')).toBeTruthy();
});

test('inbox empty state', async () => {
  const { client } = mockClient({ NotificationsInbox: data({ notifications: { edges: [], pageInfo: { hasNextPage: false, endCursor: null }, unreadCount: 0 } }) });
  await renderWith(<NotificationsScreen />, client);
  expect(await screen.findByText('No notifications yet.')).toBeTruthy();
});

test('inbox error state with retry', async () => {
  const { client, run } = mockClient({ NotificationsInbox: networkError() });
  await renderWith(<NotificationsScreen />, client);
  expect(await screen.findByTestId('error')).toBeTruthy();
  await act(async () => {
    fireEvent.press(screen.getByLabelText('Retry'));
  });
  expect(calls(run, 'NotificationsInbox')).toHaveLength(2);
});

test('the bell shows the unread count and opens the inbox', async () => {
  const { client } = mockClient({ UnreadNotificationCount: data({ notifications: { unreadCount: 3 } }) });
  await renderWith(<NotificationBell />, client);
  expect(await screen.findByTestId('notification-badge')).toHaveTextContent('3');
  expect(screen.getByLabelText('Notifications, 3 unread')).toBeTruthy();
  await fireEvent.press(screen.getByTestId('notification-bell'));
  expect(mockRouter.push).toHaveBeenCalledWith('/notifications');
});

const prefs = {
  notificationPreferences: {
    categories: [
      { category: 'PRICE_ALERT', enabled: true, urgent: false },
      { category: 'ORDER_FILLED', enabled: false, urgent: false },
      { category: 'RISK_LIMIT', enabled: true, urgent: true },
    ],
    quietHoursStart: null,
    quietHoursEnd: null,
    timezone: null,
  },
};

test('preferences: mute categories (urgent stays on), quiet hours validated and saved in the device zone', async () => {
  const { client, run } = mockClient({
    NotificationPreferences: data(prefs),
    UpdateNotificationPreferences: data({ updateNotificationPreferences: prefs.notificationPreferences }),
  });
  await renderWith(<NotificationPreferencesScreen />, client);
  expect((await screen.findByTestId('category-ORDER_FILLED')).props.value).toBe(false);
  expect(screen.getByTestId('category-RISK_LIMIT').props.disabled).toBe(true);
  expect(screen.getByLabelText('Push for Price alerts')).toBeTruthy();

  await toggle('category-PRICE_ALERT', false);
  await toggle('quiet-toggle', true);
  await fireEvent.changeText(screen.getByTestId('quiet-from'), '25:00');
  await act(async () => {
    fireEvent.press(screen.getByTestId('prefs-save'));
  });
  expect(screen.getByTestId('quiet-error')).toHaveTextContent(/Enter times as HH:MM/);
  expect(calls(run, 'UpdateNotificationPreferences')).toHaveLength(0);

  await fireEvent.changeText(screen.getByTestId('quiet-from'), '23:30');
  await fireEvent.changeText(screen.getByTestId('quiet-to'), '06:45');
  await act(async () => {
    fireEvent.press(screen.getByTestId('prefs-save'));
  });
  const input = calls(run, 'UpdateNotificationPreferences')[0][0].variables.input;
  expect(input).toEqual({
    mutedCategories: expect.arrayContaining(['ORDER_FILLED', 'PRICE_ALERT']),
    quietHoursStart: '23:30',
    quietHoursEnd: '06:45',
    timezone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    clearQuietHours: false,
  });
  expect(input.mutedCategories).toHaveLength(2);
  expect(screen.getByTestId('prefs-saved')).toBeTruthy();
});

test('preferences: turning quiet hours off clears them; errors are shown', async () => {
  const withQuiet = { notificationPreferences: { ...prefs.notificationPreferences, quietHoursStart: '22:00', quietHoursEnd: '07:00' } };
  const { client, run } = mockClient({ NotificationPreferences: data(withQuiet), UpdateNotificationPreferences: gqlError('BAD_USER_INPUT') });
  await renderWith(<NotificationPreferencesScreen />, client);
  expect((await screen.findByTestId('quiet-from')).props.value).toBe('22:00');
  await toggle('quiet-toggle', false);
  await act(async () => {
    fireEvent.press(screen.getByTestId('prefs-save'));
  });
  expect(calls(run, 'UpdateNotificationPreferences')[0][0].variables.input).toEqual({ mutedCategories: ['ORDER_FILLED'], clearQuietHours: true });
  expect(screen.queryByTestId('prefs-saved')).toBeNull();
});
