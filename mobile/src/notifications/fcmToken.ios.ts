import {
  getMessaging,
  getToken,
  isDeviceRegisteredForRemoteMessages,
  onTokenRefresh,
  registerDeviceForRemoteMessages,
} from '@react-native-firebase/messaging';

/**
 * iOS: the FCM registration token from the Firebase Messaging SDK. The server sends every push
 * through FCM (firebase-admin), which addresses an iPhone by this token — FCM maps it to the APNs
 * token the SDK handed over — not by the raw APNs token that expo-notifications'
 * `getDevicePushTokenAsync` returns on iOS. Only this file imports `@react-native-firebase/*`
 * (Metro picks `.ios.ts` for iOS builds only); Android and the web use `fcmToken.ts`.
 */

function warn(what: string, error: unknown): void {
  if (__DEV__) console.warn(`[push] ${what}:`, error instanceof Error ? error.message : error);
}

/**
 * Call once notification permission is granted. Registers with APNs when the app is not yet
 * registered, then asks FCM for the token. Null when this build has no Firebase configuration
 * (no GoogleService-Info.plist: `getMessaging()` throws) or APNs registration fails (a simulator
 * without push, no network).
 */
export async function fcmToken(): Promise<string | null> {
  try {
    const messaging = getMessaging();
    if (!isDeviceRegisteredForRemoteMessages(messaging)) await registerDeviceForRemoteMessages(messaging);
    try {
      return (await getToken(messaging)) || null;
    } catch (first) {
      // Registered at launch, but the APNs token had not reached the SDK yet (FCM needs it to
      // vend a token): registering again resolves once APNs has answered; then ask once more.
      warn('getToken failed, retrying after APNs registration', first);
      await registerDeviceForRemoteMessages(messaging);
      return (await getToken(messaging)) || null;
    }
  } catch (error) {
    warn('no FCM token', error);
    return null;
  }
}

/** Calls `listener` with each new FCM token (FCM rotates them; a re-install or restore changes them). */
export function onFcmTokenRefresh(listener: (token: string) => void): () => void {
  try {
    return onTokenRefresh(getMessaging(), (token: string) => {
      if (token) listener(token);
    });
  } catch (error) {
    warn('no token refresh listener', error);
    return () => undefined;
  }
}
