/**
 * Android: the background notification task, defined at module scope (the app's entry `index.js`
 * requires this file before the router, so a headless JS run started by an FCM message finds it).
 * What it does is in `backgroundTask.ts`; here are the real effects.
 */
import * as Notifications from 'expo-notifications';
import * as TaskManager from 'expo-task-manager';
import { print } from 'graphql';
import i18n from '../i18n';
import { graphqlHttpUrl } from '../config';
import { PerformNotificationActionMutation } from '../graphql/notifications';
import { loadToken } from '../storage/token';
import { refreshWidgets } from '../widgets/refresh.android';
import { hasInAppTapHandler, isForeground } from './appPresence';
import { BACKGROUND_NOTIFICATION_TASK, handleBackgroundNotification, type BackgroundDeps, type BackgroundOutcome } from './backgroundTask';
import { presentDataMessage } from './push';

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function dismissPlainCopies(notificationId: string): Promise<void> {
  // Android may still be drawing its copy when the task runs: look twice.
  for (const delay of [0, 1500]) {
    if (delay) await wait(delay);
    const shown = await Notifications.getPresentedNotificationsAsync();
    for (const item of shown) {
      const trigger = item.request.trigger as { remoteMessage?: { data?: Record<string, string> } } | null;
      if (trigger?.remoteMessage?.data?.notificationId === notificationId) {
        await Notifications.dismissNotificationAsync(item.request.identifier);
      }
    }
  }
}

async function performAction(actionToken: string): Promise<boolean> {
  const token = await loadToken();
  if (!token) return false;
  const res = await fetch(graphqlHttpUrl(), {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: print(PerformNotificationActionMutation), variables: { actionToken, stepUp: null } }),
  });
  if (!res.ok) return false;
  const body = (await res.json()) as { data?: { performNotificationAction?: unknown } | null; errors?: unknown[] };
  return !body.errors?.length && Boolean(body.data?.performNotificationAction);
}

export const androidBackgroundDeps: BackgroundDeps = {
  isForeground,
  hasInAppTapHandler,
  language: () => i18n.language || 'en',
  present: presentDataMessage,
  dismissPlainCopies,
  refreshWidgets,
  performAction,
};

export function taskResult(outcome: BackgroundOutcome): Notifications.BackgroundNotificationTaskResult {
  if (outcome === 'failed') return Notifications.BackgroundNotificationTaskResult.Failed;
  if (outcome === 'ignored') return Notifications.BackgroundNotificationTaskResult.NoData;
  return Notifications.BackgroundNotificationTaskResult.NewData;
}

TaskManager.defineTask<Notifications.NotificationTaskPayload>(BACKGROUND_NOTIFICATION_TASK, async ({ data, error }) => {
  if (error) return Notifications.BackgroundNotificationTaskResult.Failed;
  return taskResult(await handleBackgroundNotification(data, androidBackgroundDeps));
});

/** Registers the task with expo-notifications (once per install; repeating it is harmless). */
export async function registerBackgroundNotifications(): Promise<boolean> {
  try {
    await Notifications.registerTaskAsync(BACKGROUND_NOTIFICATION_TASK);
    return true;
  } catch {
    return false;
  }
}
