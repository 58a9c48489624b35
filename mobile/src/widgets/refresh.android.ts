/** Redraw every placed widget now: call it for the `widget_refresh` push data message. */
import { requestWidgetUpdate } from 'react-native-android-widget';
import { ANDROID_WIDGETS } from './config';
import { drawWidget } from './taskHandler.android';

export async function refreshAllWidgets(): Promise<void> {
  for (const widget of ANDROID_WIDGETS) {
    await requestWidgetUpdate({ widgetName: widget.name, renderWidget: (info) => drawWidget(widget.kind, info) });
  }
}
