/**
 * What the background notification task does (Android; `background.android.ts` defines and
 * registers it with expo-task-manager). Pure: every effect comes in through `BackgroundDeps`, so
 * jest drives it without native modules.
 *
 * The task runs for every FCM message — app in the foreground, in the background, or not running
 * (a headless JS run) — and for a tap on a button that does not open the app. The in-app listeners
 * (PushHost, widgets/register.android) own the foreground; the task owns everything else:
 * - a `widget_refresh` data message redraws the home-screen widgets it names;
 * - one of our data messages (`category`, `title`, `body`, `actions`, `data`) is shown as a local
 *   notification with its category's buttons; the plain copy Android shows by itself for a data
 *   message that has a `title` (no buttons) is dismissed;
 * - a button that needs no step-up (Snooze, Cancel the rest) is performed with the stored session;
 *   step-up buttons open the app, where PushHost asks for the passkey.
 */
import type { NotificationResponse } from 'expo-notifications';
import { handleWidgetRefresh } from '../widgets/pushRefresh';
import type { WidgetKind } from '../widgets/payload';
import { parsePushData, tapFromResponse, type PushMessage } from './push';

export const BACKGROUND_NOTIFICATION_TASK = 'co-background-notification';

export type BackgroundOutcome = 'presented' | 'widgets' | 'performed' | 'failed' | 'ignored';

export interface BackgroundDeps {
  /** True while the app is on screen: the in-app listeners handle received messages then. */
  isForeground(): boolean;
  /** True while PushHost listens for taps (app running and signed in). */
  hasInAppTapHandler(): boolean;
  language(): string;
  present(message: PushMessage): Promise<unknown>;
  /** Dismisses the button-less copy Android presented itself for this data message. */
  dismissPlainCopies(notificationId: string): Promise<void>;
  refreshWidgets(kinds: WidgetKind[]): Promise<void>;
  /** performNotificationAction(token) without step-up; true when the server accepted it. */
  performAction(actionToken: string): Promise<boolean>;
}

function record(value: unknown): Record<string, unknown> | null {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

/** The FCM data map of a received-message payload, without the `dataString` expo adds. */
export function taskMessageData(payload: unknown): Record<string, unknown> | null {
  const data = record(record(payload)?.data);
  if (!data) return null;
  const { dataString: _dataString, ...rest } = data;
  return rest;
}

/**
 * A button-tap payload as the JS listeners would see it: the native bundle keeps a local
 * notification's data as the `dataString` JSON (expo's JS layer parses it; the task gets it raw).
 */
export function taskResponse(payload: unknown): NotificationResponse | null {
  const raw = record(payload);
  if (!raw || typeof raw.actionIdentifier !== 'string') return null;
  const notification = record(raw.notification);
  const request = record(notification?.request);
  const content = record(request?.content) ?? {};
  let data = record(content.data);
  if (!data && typeof content.dataString === 'string') {
    try {
      data = record(JSON.parse(content.dataString));
    } catch {
      data = null;
    }
  }
  return {
    actionIdentifier: raw.actionIdentifier,
    notification: {
      date: Number(notification?.date ?? 0),
      request: { ...(request ?? {}), content: { ...content, data: data ?? {} }, trigger: request?.trigger ?? null },
    },
  } as unknown as NotificationResponse;
}

export async function handleBackgroundNotification(payload: unknown, deps: BackgroundDeps): Promise<BackgroundOutcome> {
  const response = taskResponse(payload);
  if (response) {
    if (deps.hasInAppTapHandler()) return 'ignored';
    const tap = tapFromResponse(response, deps.language());
    if (!tap || tap.type !== 'action' || tap.action.stepUp) return 'ignored';
    try {
      return (await deps.performAction(tap.action.token)) ? 'performed' : 'failed';
    } catch {
      return 'failed';
    }
  }
  if (deps.isForeground()) return 'ignored';
  const data = taskMessageData(payload);
  if (!data) return 'ignored';
  const notification = { request: { content: { data }, trigger: { remoteMessage: { data } } } };
  if (await handleWidgetRefresh(notification, deps.refreshWidgets)) return 'widgets';
  // A message with a notification part is shown by Android itself (and cannot carry buttons).
  if (record(payload)?.notification) return 'ignored';
  const message = parsePushData(data, deps.language());
  if (!message) return 'ignored';
  try {
    await deps.present(message);
  } catch {
    return 'failed';
  }
  if (message.notificationId) await deps.dismissPlainCopies(message.notificationId).catch(() => undefined);
  return 'presented';
}
