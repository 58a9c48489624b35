import type { ConfigContext, ExpoConfig } from 'expo/config';

/**
 * app.json is the app's configuration; this file only adds the operator's Firebase project, read
 * from the environment, because the repository cannot ship one (docs/notifications.md, "Setting up
 * Firebase"):
 *
 * - `GOOGLE_SERVICES_PLIST` — path to the iOS app's `GoogleService-Info.plist`. Adds the React
 *   Native Firebase plugins (`@react-native-firebase/app`: FirebaseApp.configure() in the
 *   AppDelegate, the plist in the Xcode project, Firebase pods through CocoaPods instead of SPM;
 *   `@react-native-firebase/messaging`) and `expo-build-properties` with static frameworks, which
 *   React Native Firebase requires on iOS. The iOS app gets its FCM token from Firebase Messaging
 *   (`src/notifications/fcmToken.ios.ts`).
 * - `GOOGLE_SERVICES_JSON` — path to the Android app's `google-services.json` (Expo's own
 *   `android.googleServicesFile`: expo-notifications' FCM token). React Native Firebase is not
 *   linked on Android at all (`react-native.config.js`). Set it too when GOOGLE_SERVICES_PLIST is
 *   set and you prebuild Android: the Firebase app plugin also configures Android and needs it.
 *
 * Unset, nothing is added: `expo config`, `expo prebuild` and the web export work as before, and an
 * iOS build without Firebase simply registers no push token.
 */
export default ({ config }: ConfigContext): ExpoConfig => {
  const plist = process.env.GOOGLE_SERVICES_PLIST?.trim();
  const json = process.env.GOOGLE_SERVICES_JSON?.trim();
  const plugins: NonNullable<ExpoConfig['plugins']> = [...(config.plugins ?? [])];
  if (plist) {
    plugins.push(
      ['@react-native-firebase/app', { ios: { disableSPM: true } }],
      '@react-native-firebase/messaging',
      ['expo-build-properties', { ios: { useFrameworks: 'static' } }],
    );
  }
  return {
    ...config,
    name: config.name ?? 'CryptoOrchestrator',
    slug: config.slug ?? 'cryptoorchestrator',
    ios: { ...config.ios, ...(plist ? { googleServicesFile: plist } : {}) },
    android: { ...config.android, ...(json ? { googleServicesFile: json } : {}) },
    plugins,
  };
};
