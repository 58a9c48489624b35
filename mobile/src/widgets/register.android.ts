/**
 * Android start-up for the widgets, called from the app's entry (`index.js`) before the router:
 * registers the headless widget task and redraws widgets when a `widget_refresh` data message
 * arrives while the app runs. i18n is loaded so the headless task draws in the app's language.
 */
import '../i18n';
import * as Notifications from 'expo-notifications';
import { registerWidgetTaskHandler } from 'react-native-android-widget';
import { handleWidgetRefresh } from './pushRefresh';
import { refreshWidgets } from './refresh.android';
import { widgetTaskHandler } from './taskHandler.android';

let listening: { remove(): void } | null = null;

export function registerWidgets(): void {
  registerWidgetTaskHandler(widgetTaskHandler);
  if (listening === null) {
    listening = Notifications.addNotificationReceivedListener((notification) => {
      void handleWidgetRefresh(notification, refreshWidgets);
    });
  }
}
