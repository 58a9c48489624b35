/** Registers the headless widget task; import from the app's entry before expo-router. */
import { registerWidgetTaskHandler } from 'react-native-android-widget';
import { widgetTaskHandler } from './taskHandler.android';

export function registerWidgets(): void {
  registerWidgetTaskHandler(widgetTaskHandler);
}
