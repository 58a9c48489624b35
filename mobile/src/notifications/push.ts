import * as Notifications from 'expo-notifications';
import Constants from 'expo-constants';
import { Platform } from 'react-native';
import { categoriesFile } from './categories';
import { fcmToken, onFcmTokenRefresh } from './fcmToken';
import appJson from '../../app.json';

/**
 * Push on the device: the server's notification categories (generated from
 * notifications/categories.json), the FCM registration token, Android data messages rendered as
 * local notifications with their buttons, and the button → action token mapping.
 */

export type ActionKind = 'placeOrder' | 'startBot' | 'stopBot' | 'killSwitch' | 'view' | 'snooze' | 'cancelAllOrders' | string;

export interface PushAction {
  id: string;
  kind: ActionKind;
  label: string;
  stepUp: boolean;
  token: string;
}

export interface PushMessage {
  notificationId: string;
  category: string;
  title: string;
  body: string;
  actions: PushAction[];
  data: Record<string, string>;
}

/** What a tap on a notification asks the app to do. */
export type PushTap =
  | { type: 'action'; notificationId: string; action: PushAction; data: Record<string, string> }
  | { type: 'open'; notificationId: string | null; data: Record<string, string> };

type CategoryAction = (typeof categoriesFile.categories)[number]['actions'][number];

/** App language ("pt-BR", "zh-Hans") → the catalog locale of categories.json ("pt_BR", "zh_Hans"). */
export function catalogLocale(language: string): string {
  const tag = language.replace('-', '_');
  const locales = categoriesFile.locales as readonly string[];
  if (locales.includes(tag)) return tag;
  const base = tag.split('_')[0];
  return locales.find((l) => l === base) ?? 'en';
}

function categoryAction(category: string, actionId: string): CategoryAction | undefined {
  return categoriesFile.categories.find((c) => c.identifier === category)?.actions.find((a) => a.identifier === actionId);
}

/** Kinds that move money or control bots: performed only after a passkey step-up. */
export function needsStepUp(kind: string): boolean {
  return kind === 'placeOrder' || kind === 'startBot' || kind === 'stopBot' || kind === 'killSwitch';
}

/** Each category with its buttons, titled in `language`, as setNotificationCategoryAsync takes them. */
export function categoryDefinitions(language: string): { identifier: string; actions: Notifications.NotificationAction[] }[] {
  const locale = catalogLocale(language);
  return categoriesFile.categories.map((category) => ({
    identifier: category.identifier,
    actions: category.actions.map((action) => ({
      identifier: action.identifier,
      buttonTitle: (action.buttonTitle as Record<string, string>)[locale] ?? action.buttonTitle.en,
      options: { ...action.options },
    })),
  }));
}

/** Registers (or re-titles, after a language switch) every category; no-op on the web. */
export async function registerCategories(language: string): Promise<number> {
  if (Platform.OS === 'web') return 0;
  const defs = categoryDefinitions(language);
  for (const def of defs) await Notifications.setNotificationCategoryAsync(def.identifier, def.actions);
  return defs.length;
}

export type PushPlatformName = 'ANDROID' | 'IOS' | 'WEB';

export interface DeviceRegistration {
  token: string;
  platform: PushPlatformName;
  locale: string;
  timezone: string;
  appVersion: string | null;
}

/** What registerDevice needs with a token of this device. */
export function registrationFor(token: string, platform: PushPlatformName, language: string): DeviceRegistration {
  return {
    token,
    platform,
    locale: language,
    timezone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC',
    appVersion: Constants.expoConfig?.version ?? appJson.expo.version ?? null,
  };
}

/**
 * The device's FCM registration token and what registerDevice needs with it, or null when this
 * platform cannot receive our pushes (web), the user refused permission, or no token came.
 * Permission (and its prompt) is expo-notifications' on both platforms. The token: on Android
 * `getDevicePushTokenAsync()` (the FCM token); on iOS the Firebase Messaging SDK's FCM token
 * (`fcmToken.ios.ts`) — getDevicePushTokenAsync would give the raw APNs token there, which FCM
 * cannot address.
 */
export async function deviceRegistration(language: string): Promise<DeviceRegistration | null> {
  if (Platform.OS !== 'android' && Platform.OS !== 'ios') return null;
  const current = await Notifications.getPermissionsAsync();
  let granted = current.granted;
  if (!granted && current.canAskAgain) granted = (await Notifications.requestPermissionsAsync()).granted;
  if (!granted) return null;
  if (Platform.OS === 'ios') {
    const token = await fcmToken();
    return token ? registrationFor(token, 'IOS', language) : null;
  }
  const token = await Notifications.getDevicePushTokenAsync();
  if (typeof token.data !== 'string' || !token.data) return null;
  return registrationFor(token.data, 'ANDROID', language);
}

/**
 * Calls `listener` with each new FCM token of this device (iOS: the Firebase Messaging SDK's
 * `onTokenRefresh`; Android: expo-notifications' push token listener); returns the unsubscribe.
 * Nothing on the web.
 */
export function onDeviceTokenChange(listener: (token: string) => void): () => void {
  if (Platform.OS === 'ios') return onFcmTokenRefresh(listener);
  if (Platform.OS !== 'android') return () => undefined;
  const subscription = Notifications.addPushTokenListener((token) => {
    if (typeof token.data === 'string' && token.data) listener(token.data);
  });
  return () => subscription.remove();
}

function parseJson(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return null;
  }
}

function stringMap(value: unknown): Record<string, string> {
  const parsed = parseJson(value);
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return {};
  return Object.fromEntries(Object.entries(parsed as Record<string, unknown>).map(([k, v]) => [k, String(v)]));
}

/**
 * A push's payload — the Android data message (`actions` and `data` as JSON strings), the iOS custom
 * keys (`actions` as [{id, token}]) or our own local notification's data — as a PushMessage. Kind,
 * step-up and label of an action the payload does not carry come from the registered categories.
 */
export function parsePushData(raw: Record<string, unknown> | null | undefined, language = 'en'): PushMessage | null {
  if (!raw || typeof raw.category !== 'string') return null;
  const category = raw.category;
  const locale = catalogLocale(language);
  const list = parseJson(raw.actions);
  const actions: PushAction[] = [];
  if (Array.isArray(list)) {
    for (const item of list as Record<string, unknown>[]) {
      const id = typeof item?.id === 'string' ? item.id : null;
      const token = typeof item?.token === 'string' ? item.token : null;
      if (!id || !token) continue;
      const known = categoryAction(category, id);
      const kind = typeof item.kind === 'string' ? item.kind : known?.kind ?? 'view';
      const label =
        typeof item.label === 'string' ? item.label : known ? (known.buttonTitle as Record<string, string>)[locale] ?? known.buttonTitle.en : id;
      actions.push({ id, kind, label, stepUp: typeof item.stepUp === 'boolean' ? item.stepUp || needsStepUp(kind) : needsStepUp(kind), token });
    }
  }
  return {
    notificationId: String(raw.notificationId ?? ''),
    category,
    title: String(raw.title ?? ''),
    body: String(raw.body ?? ''),
    actions,
    data: stringMap(raw.data),
  };
}

/** The payload of a received notification: a remote message's data, or the content's data. */
export function notificationPayload(notification: Notifications.Notification): Record<string, unknown> | null {
  const trigger = notification.request.trigger as {
    type?: string;
    remoteMessage?: { data?: Record<string, string> };
    payload?: { aps?: { category?: string; alert?: { title?: string; body?: string } | string } } & Record<string, unknown>;
  } | null;
  const remote = trigger && typeof trigger === 'object' ? trigger.remoteMessage?.data : undefined;
  if (remote && typeof remote.category === 'string') return remote;
  // iOS: the APNs payload — category in aps, our custom keys (notificationId, actions, data) beside it.
  const apns = trigger && typeof trigger === 'object' ? trigger.payload : undefined;
  if (apns?.aps?.category) {
    const alert = typeof apns.aps.alert === 'object' ? apns.aps.alert : { body: apns.aps.alert };
    return { ...apns, category: apns.aps.category, title: alert?.title ?? '', body: alert?.body ?? '' };
  }
  const content = notification.request.content;
  const data = (content.data ?? null) as Record<string, unknown> | null;
  if (!data) return null;
  return { title: content.title ?? '', body: content.body ?? '', ...data };
}

/**
 * Android data messages carry no notification of their own (FCM cannot carry buttons): show one,
 * with the category's buttons and the tokens kept in its data for the tap.
 */
export async function presentDataMessage(message: PushMessage): Promise<string | null> {
  if (Platform.OS !== 'android') return null;
  return Notifications.scheduleNotificationAsync({
    content: {
      title: message.title,
      body: message.body,
      categoryIdentifier: message.category,
      data: {
        notificationId: message.notificationId,
        category: message.category,
        actions: JSON.stringify(message.actions),
        data: JSON.stringify(message.data),
        local: '1',
      },
    },
    trigger: null,
  });
}

/** Whether a received notification is one of our data messages still to be shown (not our own copy). */
export function isUnshownDataMessage(notification: Notifications.Notification): boolean {
  const trigger = notification.request.trigger as { type?: string; remoteMessage?: { notification?: unknown; data?: Record<string, string> } } | null;
  const remote = trigger && typeof trigger === 'object' ? trigger.remoteMessage : undefined;
  return Boolean(remote?.data?.category) && !remote?.notification;
}

/** What a notification response (a tap on the notification or on one of its buttons) asks for. */
export function tapFromResponse(response: Notifications.NotificationResponse, language = 'en'): PushTap | null {
  const message = parsePushData(notificationPayload(response.notification), language);
  if (!message) return null;
  if (response.actionIdentifier === Notifications.DEFAULT_ACTION_IDENTIFIER) {
    return { type: 'open', notificationId: message.notificationId || null, data: message.data };
  }
  const action = message.actions.find((a) => a.id === response.actionIdentifier);
  if (!action) return { type: 'open', notificationId: message.notificationId || null, data: message.data };
  return { type: 'action', notificationId: message.notificationId, action, data: message.data };
}

/**
 * An in-app route for a server deep link (`cryptoorchestrator://orders/<id>` → `/orders`,
 * `…/market/BTC/USDT` → `/market/BTC-USDT`, `…/bots/<id>` → `/bots/<id>`), or for push data.
 */
export function deepLinkRoute(link: string | null | undefined, data: Record<string, string> = {}): string {
  const path = (link ?? '').replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').replace(/^\/+/, '');
  const [head, ...rest] = path.split('/').filter(Boolean);
  if (head === 'orders') return '/orders';
  if (head === 'market' && rest.length) return `/market/${rest.join('-')}`;
  if (head === 'notifications') return '/notifications';
  if (head === 'traders' && rest.length) return `/traders/${rest.join('/')}`;
  if (head) return `/${[head, ...rest].join('/')}`;
  if (data.orderId) return '/orders';
  if (data.symbol) return `/market/${data.symbol.replace('/', '-')}`;
  return '/notifications';
}
