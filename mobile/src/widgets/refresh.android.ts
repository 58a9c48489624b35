/** Redraw placed widgets now: for the `widget_refresh` push data message. */
import { requestWidgetUpdate } from 'react-native-android-widget';
import { ANDROID_WIDGETS } from './config';
import type { WidgetKind } from './payload';
import { drawWidget } from './taskHandler.android';

/** Redraws the widgets of `kinds` (all of them when omitted). */
export async function refreshWidgets(kinds?: readonly WidgetKind[]): Promise<void> {
  for (const widget of ANDROID_WIDGETS) {
    if (kinds && !kinds.includes(widget.kind)) continue;
    await requestWidgetUpdate({ widgetName: widget.name, renderWidget: (info) => drawWidget(widget.kind, info) });
  }
}

export async function refreshAllWidgets(): Promise<void> {
  await refreshWidgets();
}
