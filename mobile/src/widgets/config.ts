/**
 * The Android home-screen widgets, as the react-native-android-widget config plugin lists them
 * in app.json (`plugins`); `widgetKindFor` maps a widget's name back to its payload kind.
 */
import type { WidgetKind } from './payload';

export const ANDROID_WIDGETS = [
  { name: 'Portfolio', kind: 'portfolio', label: 'Portfolio', description: 'Value and 24 h P&L' },
  { name: 'Watchlist', kind: 'watchlist', label: 'Watchlist', description: 'Prices of up to 6 symbols' },
  { name: 'Bots', kind: 'bots', label: 'Bots', description: 'Running bots and errors' },
] as const satisfies readonly { name: string; kind: WidgetKind; label: string; description: string }[];

/** Android's minimum for updatePeriodMillis: 30 minutes. Pushes (`widget_refresh`) come between. */
export const UPDATE_PERIOD_MS = 30 * 60 * 1000;

export function widgetKindFor(widgetName: string): WidgetKind | null {
  return ANDROID_WIDGETS.find((widget) => widget.name === widgetName)?.kind ?? null;
}
