/**
 * The background notification task (Android, app in the background or not running): data messages
 * shown with their buttons, widget_refresh redraws, no-step-up buttons performed with the stored
 * session, the in-app listeners left in charge while the app is on screen.
 */
import { Platform } from 'react-native';
import * as SecureStore from 'expo-secure-store';
import { handleBackgroundNotification, taskMessageData, taskResponse, type BackgroundDeps } from '../../src/notifications/backgroundTask';
import { androidData, buttonTap } from './expoNotificationsMock';

const mockDefineTask = jest.fn();
const mockTaskManager = { defineTask: (...args: unknown[]) => mockDefineTask(...args) };
jest.mock('expo-task-manager', () => mockTaskManager);
jest.mock('expo-notifications', () => {
  const base = require('./expoNotificationsMock').notificationsMock;
  return {
    ...base,
    BackgroundNotificationTaskResult: { NewData: 0, NoData: 1, Failed: 2 },
    registerTaskAsync: jest.fn(async () => null),
    getPresentedNotificationsAsync: jest.fn(async () => []),
    dismissNotificationAsync: jest.fn(async () => undefined),
  };
});
const mockRefreshWidgets = jest.fn(async (_kinds?: unknown) => undefined);
jest.mock('../../src/widgets/refresh.android', () => ({ refreshWidgets: (kinds: unknown) => mockRefreshWidgets(kinds) }));

/** The task's payload for a received FCM message, as RemoteMessageSerializer builds it on Android. */
const received = (data: Record<string, string>, notification: unknown = null) => ({
  collapseKey: 'PRICE_ALERT',
  data: { dataString: data.body ?? null, ...data },
  from: '1234',
  messageId: '0:msg-1',
  notification,
  priority: 1,
});

/** A button tap on our local notification as the task gets it (its data kept as the dataString JSON). */
function nativeTap(actionIdentifier: string) {
  const tap = buttonTap(actionIdentifier);
  const { data, ...content } = tap.notification.request.content;
  return { actionIdentifier, notification: { date: 0, request: { identifier: 'local-1', trigger: null, content: { ...content, dataString: JSON.stringify(data) } } } };
}

function deps(overrides: Partial<Record<keyof BackgroundDeps, jest.Mock>> = {}) {
  const d = {
    isForeground: jest.fn(() => false),
    hasInAppTapHandler: jest.fn(() => false),
    language: jest.fn(() => 'en'),
    present: jest.fn(async (_message: unknown): Promise<unknown> => 'local-1'),
    dismissPlainCopies: jest.fn(async () => undefined),
    refreshWidgets: jest.fn(async () => undefined),
    performAction: jest.fn(async (_token: string) => true),
    ...overrides,
  };
  return d satisfies BackgroundDeps;
}

test('the received payload gives the FCM data map without dataString; a tap payload gives a response with parsed data', () => {
  expect(taskMessageData(received({ type: 'widget_refresh', kinds: 'bots' }))).toEqual({ type: 'widget_refresh', kinds: 'bots' });
  expect(taskMessageData({})).toBeNull();
  const response = taskResponse(nativeTap('SNOOZE_1H'));
  expect(response?.actionIdentifier).toBe('SNOOZE_1H');
  expect(response?.notification.request.content.data).toMatchObject({ notificationId: 'n-1', category: 'PRICE_ALERT' });
  expect(taskResponse(received(androidData))).toBeNull();
});

test('app not running: a data message is shown with its buttons and the plain copy dismissed', async () => {
  const d = deps();
  expect(await handleBackgroundNotification(received(androidData), d)).toBe('presented');
  expect(d.present).toHaveBeenCalledTimes(1);
  const message = (d.present.mock.calls as unknown as [[{ category: string; title: string; actions: { id: string; token: string; stepUp: boolean }[] }]])[0][0];
  expect(message.category).toBe('PRICE_ALERT');
  expect(message.title).toBe('BTC/USDT above 65000');
  expect(message.actions.map((a) => [a.id, a.token, a.stepUp])).toEqual([
    ['BUY_PRESET', 'tok-buy', true],
    ['SELL_PRESET', 'tok-sell', true],
    ['SNOOZE_1H', 'tok-snooze', false],
  ]);
  expect(d.dismissPlainCopies).toHaveBeenCalledWith('n-1');
  expect(d.refreshWidgets).not.toHaveBeenCalled();
});

test('app not running: widget_refresh redraws the named widgets and shows nothing', async () => {
  const d = deps();
  expect(await handleBackgroundNotification(received({ type: 'widget_refresh', kinds: 'portfolio,bots' }), d)).toBe('widgets');
  expect(d.refreshWidgets).toHaveBeenCalledWith(['portfolio', 'bots']);
  expect(d.present).not.toHaveBeenCalled();
});

test('on screen, the in-app listeners handle received messages: the task does nothing', async () => {
  const d = deps({ isForeground: jest.fn(() => true) });
  expect(await handleBackgroundNotification(received(androidData), d)).toBe('ignored');
  expect(await handleBackgroundNotification(received({ type: 'widget_refresh' }), d)).toBe('ignored');
  expect(d.present).not.toHaveBeenCalled();
  expect(d.refreshWidgets).not.toHaveBeenCalled();
});

test('messages with a notification part, and foreign data, are left alone', async () => {
  const d = deps();
  expect(await handleBackgroundNotification(received(androidData, { title: 'x', body: 'y' }), d)).toBe('ignored');
  expect(await handleBackgroundNotification(received({ foo: 'bar' }), d)).toBe('ignored');
  expect(await handleBackgroundNotification(null, d)).toBe('ignored');
  expect(d.present).not.toHaveBeenCalled();
});

test('a no-step-up button tapped while the app is not running is performed; step-up buttons are left to the app', async () => {
  const d = deps();
  expect(await handleBackgroundNotification(nativeTap('SNOOZE_1H'), d)).toBe('performed');
  expect(d.performAction).toHaveBeenCalledWith('tok-snooze');
  expect(await handleBackgroundNotification(nativeTap('BUY_PRESET'), d)).toBe('ignored');
  expect(d.performAction).toHaveBeenCalledTimes(1);
  d.performAction.mockResolvedValueOnce(false);
  expect(await handleBackgroundNotification(nativeTap('SNOOZE_1H'), d)).toBe('failed');
  d.performAction.mockRejectedValueOnce(new Error('offline'));
  expect(await handleBackgroundNotification(nativeTap('SNOOZE_1H'), d)).toBe('failed');
});

test('while PushHost listens for taps, the task leaves them to it (no double perform)', async () => {
  const d = deps({ hasInAppTapHandler: jest.fn(() => true) });
  expect(await handleBackgroundNotification(nativeTap('SNOOZE_1H'), d)).toBe('ignored');
  expect(d.performAction).not.toHaveBeenCalled();
});

test('a failed presentation reports failure and dismisses nothing', async () => {
  const d = deps({ present: jest.fn(async () => Promise.reject(new Error('no channel'))) });
  expect(await handleBackgroundNotification(received(androidData), d)).toBe('failed');
  expect(d.dismissPlainCopies).not.toHaveBeenCalled();
});

describe('the Android module', () => {
  const setOs = (os: string) => Object.defineProperty(Platform, 'OS', { value: os, configurable: true });
  const originalOs = Platform.OS;
  const fetchMock = jest.fn();
  beforeEach(() => {
    setOs('android');
    (globalThis as { fetch: unknown }).fetch = fetchMock;
  });
  afterEach(() => setOs(originalOs));

  test('defines the task at import and registers it with expo-notifications', async () => {
    const mod = require('../../src/notifications/background.android') as typeof import('../../src/notifications/background.android');
    const N = require('expo-notifications') as { registerTaskAsync: jest.Mock };
    expect(mockDefineTask).toHaveBeenCalledWith('co-background-notification', expect.any(Function));
    expect(await mod.registerBackgroundNotifications()).toBe(true);
    expect(N.registerTaskAsync).toHaveBeenCalledWith('co-background-notification');
    N.registerTaskAsync.mockRejectedValueOnce(new Error('unavailable'));
    expect(await mod.registerBackgroundNotifications()).toBe(false);
  });

  test('the defined task presents a data message with its category and refreshes widgets', async () => {
    require('../../src/notifications/background.android');
    const N = require('expo-notifications') as { scheduleNotificationAsync: jest.Mock; getPresentedNotificationsAsync: jest.Mock; dismissNotificationAsync: jest.Mock };
    const executor = mockDefineTask.mock.calls[0][1] as (body: { data: unknown; error: unknown }) => Promise<number>;
    N.getPresentedNotificationsAsync.mockResolvedValue([
      { request: { identifier: '0:msg-1', trigger: { type: 'push', remoteMessage: { data: { notificationId: 'n-1' } } } } },
      { request: { identifier: 'other', trigger: { type: 'push', remoteMessage: { data: { notificationId: 'n-2' } } } } },
    ]);
    jest.useFakeTimers();
    const run = executor({ data: received(androidData), error: null });
    await jest.runAllTimersAsync();
    expect(await run).toBe(0);
    jest.useRealTimers();
    expect(N.scheduleNotificationAsync).toHaveBeenCalledWith(expect.objectContaining({ content: expect.objectContaining({ categoryIdentifier: 'PRICE_ALERT' }) }));
    expect(N.dismissNotificationAsync).toHaveBeenCalledWith('0:msg-1');
    expect(N.dismissNotificationAsync).not.toHaveBeenCalledWith('other');

    expect(await executor({ data: received({ type: 'widget_refresh', kinds: 'watchlist' }), error: null })).toBe(0);
    expect(mockRefreshWidgets).toHaveBeenCalledWith(['watchlist']);
    expect(await executor({ data: received({ foo: 'bar' }), error: null })).toBe(1);
    expect(await executor({ data: null, error: { code: 'x', message: 'y' } })).toBe(2);
  });

  test('a Snooze tap performs the action over HTTP with the stored session', async () => {
    require('../../src/notifications/background.android');
    const executor = mockDefineTask.mock.calls[0][1] as (body: { data: unknown; error: unknown }) => Promise<number>;
    await SecureStore.setItemAsync('co.session.token', 'sess-1');
    fetchMock.mockResolvedValueOnce({ ok: true, json: async () => ({ data: { performNotificationAction: { kind: 'snooze', message: 'Snoozed.' } } }) });
    expect(await executor({ data: nativeTap('SNOOZE_1H'), error: null })).toBe(0);
    const [url, init] = fetchMock.mock.calls[0] as [string, { headers: Record<string, string>; body: string }];
    expect(url).toMatch(/\/graphql$/);
    expect(init.headers.authorization).toBe('Bearer sess-1');
    const body = JSON.parse(init.body) as { query: string; variables: unknown };
    expect(body.query).toContain('performNotificationAction');
    expect(body.variables).toEqual({ actionToken: 'tok-snooze', stepUp: null });
    fetchMock.mockResolvedValueOnce({ ok: true, json: async () => ({ data: null, errors: [{ extensions: { code: 'ACTION_TOKEN_USED' } }] }) });
    expect(await executor({ data: nativeTap('SNOOZE_1H'), error: null })).toBe(2);
  });
});
