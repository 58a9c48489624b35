/**
 * Android and web: no Firebase SDK in these bundles. Android's FCM registration token comes from
 * expo-notifications (`getDevicePushTokenAsync`, in push.ts); the web build has no native push.
 * iOS gets its token from the Firebase Messaging SDK: `fcmToken.ios.ts`, which Metro picks for iOS
 * only, so `@react-native-firebase/*` is never bundled for Android or the web.
 */

/** The FCM registration token of this device from the Firebase Messaging SDK: none here. */
export async function fcmToken(): Promise<string | null> {
  return null;
}

/** Calls `listener` with each new FCM token the Firebase Messaging SDK reports: never here. */
export function onFcmTokenRefresh(_listener: (token: string) => void): () => void {
  return () => undefined;
}
