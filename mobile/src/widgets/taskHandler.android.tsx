/**
 * The headless widget task: on add, update, resize or a push-triggered refresh, fetch the
 * snapshot (widget token + ETag) and draw it in both themes. Register it in the app's entry:
 *   registerWidgetTaskHandler(widgetTaskHandler)   (see docs/widgets.md)
 */
import i18next from 'i18next';
import type { WidgetInfo, WidgetRepresentation, WidgetTaskHandlerProps } from 'react-native-android-widget';
import { apiBaseUrl } from '../config';
import { widgetKindFor } from './config';
import { layoutWidget, sizeForDimensions, type LayoutOptions } from './layout';
import type { WidgetKind } from './payload';
import { refreshSnapshot, type HttpGet } from './snapshots';
import { secureSnapshotStore } from './store';
import { ENGLISH, widgetStrings } from './strings';
import { WidgetView } from './WidgetView.android';

function localOptions(): Omit<LayoutOptions, 'theme'> {
  const translated = i18next.isInitialized && i18next.exists('widgets.portfolio');
  return {
    strings: translated ? widgetStrings((key, opts) => i18next.t(key, opts)) : ENGLISH,
    rtl: i18next.isInitialized ? i18next.dir() === 'rtl' : false,
    formatTime: (unix) => new Date(unix * 1000).toLocaleTimeString(i18next.language || undefined, { hour: '2-digit', minute: '2-digit' }),
  };
}

const get: HttpGet = (url, init) => fetch(url, init);

/** Fetch the kind's snapshot for a placed widget and build it in both themes. */
export async function drawWidget(kind: WidgetKind, widgetInfo: WidgetInfo): Promise<WidgetRepresentation> {
  const size = sizeForDimensions(widgetInfo.width, widgetInfo.height);
  const result = await refreshSnapshot({ baseUrl: apiBaseUrl(), kind, size, store: secureSnapshotStore, get });
  const options = localOptions();
  const draw = (theme: 'light' | 'dark') => (
    <WidgetView model={layoutWidget(kind, size, result.payload, result.state, { ...options, theme, stale: result.stale })} />
  );
  return { light: draw('light'), dark: draw('dark') };
}

export async function widgetTaskHandler(props: WidgetTaskHandlerProps): Promise<void> {
  const { widgetInfo, widgetAction, renderWidget } = props;
  if (widgetAction === 'WIDGET_DELETED' || widgetAction === 'WIDGET_CLICK') return;
  const kind = widgetKindFor(widgetInfo.widgetName);
  if (kind !== null) renderWidget(await drawWidget(kind, widgetInfo));
}
