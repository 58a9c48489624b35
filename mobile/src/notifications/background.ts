/**
 * The background notification task is Android-only (`background.android.ts`): our pushes reach
 * iOS as APNs alerts the system shows itself, and the web build has no native push.
 */
export async function registerBackgroundNotifications(): Promise<boolean> {
  return false;
}
