/**
 * The `widget_refresh` data message the server sends when the portfolio moved or a bot changed
 * state: `{"type": "widget_refresh", "kinds": "portfolio,bots"}` (FCM data values are strings).
 * Pure parsing here; `refresh.android.ts` redraws the widgets, `register.android.ts` listens.
 */
import { WIDGET_KINDS, type WidgetKind } from './payload';

export const WIDGET_REFRESH = 'widget_refresh';

/** The kinds a `widget_refresh` payload names (every kind when it names none), or null when the
 * payload is something else (a notification's data, another data message). */
export function widgetRefreshKinds(data: Record<string, unknown> | null | undefined): WidgetKind[] | null {
  if (!data || data.type !== WIDGET_REFRESH) return null;
  const named = typeof data.kinds === 'string' ? data.kinds.split(',').map((k) => k.trim()) : [];
  const kinds = WIDGET_KINDS.filter((kind) => named.includes(kind));
  return kinds.length > 0 ? kinds : [...WIDGET_KINDS];
}

interface ReceivedNotification {
  request: { content: { data?: unknown }; trigger: unknown };
}

/** The data of a received push: the FCM message's data map (Android) or the content's data. */
export function pushData(notification: ReceivedNotification): Record<string, unknown> | null {
  const trigger = notification.request.trigger as { remoteMessage?: { data?: Record<string, unknown> } } | null;
  const remote = trigger && typeof trigger === 'object' ? trigger.remoteMessage?.data : undefined;
  if (remote && typeof remote === 'object') return remote;
  const data = notification.request.content.data;
  return data && typeof data === 'object' ? (data as Record<string, unknown>) : null;
}

/**
 * Acts on a received push if it is a `widget_refresh`: calls `refresh(kinds)` and resolves true;
 * anything else is left alone (false). A failed redraw is swallowed: the periodic update follows.
 */
export async function handleWidgetRefresh(
  notification: ReceivedNotification,
  refresh: (kinds: WidgetKind[]) => Promise<void>,
): Promise<boolean> {
  const kinds = widgetRefreshKinds(pushData(notification));
  if (kinds === null) return false;
  try {
    await refresh(kinds);
  } catch {
    // The widget keeps its last drawing; Android's periodic update redraws it later.
  }
  return true;
}
