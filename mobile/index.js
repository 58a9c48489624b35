// The app's entry ("main" in package.json). The Android home-screen widgets' task handler must be
// registered before the router starts (the widget task can run without any screen); on web and
// iOS `register` resolves to a no-op (the widget library lives in *.android.* files only).
const { registerWidgets } = require('./src/widgets/register');

registerWidgets();
// Android: the background notification task (data messages with buttons and widget refreshes while
// the app is not running) must be defined at module scope, before the router; no-op elsewhere.
void require('./src/notifications/background').registerBackgroundNotifications();
require('expo-router/entry');
