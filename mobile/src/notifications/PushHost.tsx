import { useCallback, useEffect, useRef, useState } from 'react';
import { ActivityIndicator, Modal, Platform, Pressable, StyleSheet, Text, View } from 'react-native';
import * as Notifications from 'expo-notifications';
import { useRouter } from 'expo-router';
import { useTranslation } from 'react-i18next';
import { useClient, useMutation, type CombinedError } from 'urql';
import { useAuth } from '../auth/AuthContext';
import { useGuardedAction } from '../auth/useGuardedAction';
import { ConfirmSheet } from '../components/ConfirmSheet';
import type { ActionInput, NotificationActionPreviewQuery } from '../gql/graphql';
import { errorKey } from '../graphql/errors';
import {
  MarkNotificationsReadMutation,
  NotificationActionQuery,
  PerformNotificationActionMutation,
  RegisterDeviceMutation,
  UnregisterDeviceMutation,
} from '../graphql/notifications';
import { useTheme } from '../theme';
import {
  deepLinkRoute,
  deviceRegistration,
  isUnshownDataMessage,
  notificationPayload,
  onDeviceTokenChange,
  parsePushData,
  presentDataMessage,
  registerCategories,
  tapFromResponse,
  type PushTap,
} from './push';
import { holdInAppTapHandler } from './appPresence';
import { addSignOutHook } from './signOutHooks';

/** i18n key for the action-token codes of performNotificationAction / notificationAction. */
export function actionErrorKey(error: CombinedError | undefined | null): string | null {
  if (!error) return null;
  const code = error.graphQLErrors.find((e) => e.extensions?.code)?.extensions?.code;
  switch (code) {
    case 'ACTION_TOKEN_EXPIRED':
      return 'notifications.push.errors.expired';
    case 'ACTION_TOKEN_USED':
      return 'notifications.push.errors.used';
    case 'NOT_FOUND':
      return 'notifications.push.errors.notFound';
    case 'ACTION_NOT_SUPPORTED':
      return 'notifications.push.errors.notSupported';
    default:
      return null;
  }
}

type StepUpFields = NonNullable<NotificationActionPreviewQuery['notificationAction']['stepUpAction']>;

/** The exact ActionInput the server returned for the token (no typename, no nulls). */
export function toActionInput(fields: StepUpFields): ActionInput {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (key === '__typename' || value === null || value === undefined) continue;
    out[key] = value;
  }
  return out as unknown as ActionInput;
}

interface Notice {
  /** A translated sentence (server messages are already in the user's language). */
  text: string;
  error: boolean;
  route: string | null;
}

/**
 * Taps on pushes and their buttons: View/Snooze/Cancel rest are performed at once; trading and bot
 * actions show the server's summary in the confirmation sheet, then the passkey, then
 * performNotificationAction(actionToken, stepUp). Token problems (expired, used) are said clearly.
 */
export function useNotificationActions() {
  const { t } = useTranslation();
  const client = useClient();
  const router = useRouter();
  const [, perform] = useMutation(PerformNotificationActionMutation);
  const [, markRead] = useMutation(MarkNotificationsReadMutation);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [busy, setBusy] = useState(false);
  const lastRoute = useRef<string | null>(null);
  const guarded = useGuardedAction(() => {
    if (lastRoute.current) setNotice({ text: t('notifications.push.done'), error: false, route: lastRoute.current });
  });

  const handleTap = useCallback(
    async (tap: PushTap) => {
      if (tap.type === 'open') {
        if (tap.notificationId) void markRead({ ids: [tap.notificationId] });
        router.push(deepLinkRoute(null, tap.data) as never);
        return;
      }
      const { action } = tap;
      setNotice(null);
      if (!action.stepUp) {
        setBusy(true);
        const res = await perform({ actionToken: action.token, stepUp: null });
        setBusy(false);
        if (res.error || !res.data) {
          setNotice({ text: t(actionErrorKey(res.error) ?? errorKey(res.error) ?? 'errors.generic'), error: true, route: null });
          return;
        }
        const result = res.data.performNotificationAction;
        if (result.kind === 'view' && result.deepLink) {
          router.push(deepLinkRoute(result.deepLink, tap.data) as never);
          return;
        }
        setNotice({ text: result.message, error: false, route: result.deepLink ? deepLinkRoute(result.deepLink) : null });
        return;
      }
      setBusy(true);
      const preview = await client.query(NotificationActionQuery, { actionToken: action.token }, { requestPolicy: 'network-only' }).toPromise();
      setBusy(false);
      const info = preview.data?.notificationAction;
      if (preview.error || !info) {
        setNotice({ text: t(actionErrorKey(preview.error) ?? errorKey(preview.error) ?? 'errors.generic'), error: true, route: null });
        return;
      }
      if (!info.stepUpAction) {
        setNotice({ text: t('notifications.push.errors.notSupported'), error: true, route: null });
        return;
      }
      lastRoute.current = deepLinkRoute(null, tap.data);
      await guarded.prepare(toActionInput(info.stepUpAction), async (stepUp) => {
        const res = await perform({ actionToken: action.token, stepUp });
        const key = actionErrorKey(res.error);
        if (key) return { messageKey: key };
        return { error: res.error };
      });
    },
    [client, guarded, markRead, perform, router, t],
  );

  return { handleTap, guarded, notice, busy, dismiss: () => setNotice(null) };
}

/** The result of a push action that needed no confirmation, or why it could not run. */
function ActionNotice({ notice, busy, onClose, onOpen }: { notice: Notice | null; busy: boolean; onClose(): void; onOpen(route: string): void }) {
  const { t } = useTranslation();
  const theme = useTheme();
  return (
    <Modal visible={busy || notice !== null} transparent animationType="fade" onRequestClose={onClose}>
      <View style={styles.backdrop}>
        <View style={[styles.sheet, { backgroundColor: theme.surface, borderColor: theme.border }]} accessibilityViewIsModal testID="push-notice">
          {busy ? <ActivityIndicator color={theme.accent} accessibilityLabel={t('common.loading')} /> : null}
          {notice ? (
            <>
              <Text accessibilityRole="alert" style={{ color: notice.error ? theme.danger : theme.text, fontSize: 16 }} testID="push-notice-text">
                {notice.text}
              </Text>
              <View style={styles.row}>
                {notice.route ? (
                  <Pressable
                    accessibilityRole="button"
                    accessibilityLabel={t('notifications.push.open')}
                    onPress={() => {
                      onClose();
                      onOpen(notice.route as string);
                    }}
                    style={[styles.button, { backgroundColor: theme.accent }]}
                    testID="push-notice-open"
                  >
                    <Text style={{ color: theme.onAccent, fontWeight: '600' }}>{t('notifications.push.open')}</Text>
                  </Pressable>
                ) : null}
                <Pressable
                  accessibilityRole="button"
                  accessibilityLabel={t('notifications.push.close')}
                  onPress={onClose}
                  style={[styles.button, { borderColor: theme.border, borderWidth: 1 }]}
                  testID="push-notice-close"
                >
                  <Text style={{ color: theme.text, fontWeight: '600' }}>{t('notifications.push.close')}</Text>
                </Pressable>
              </View>
            </>
          ) : null}
        </View>
      </View>
    </Modal>
  );
}

/**
 * Mounted once under the API provider: registers the categories (titled in the app language),
 * registers this device's FCM token after sign-in (again when FCM rotates it; unregisters it at
 * sign-out), shows Android data messages as local notifications with their buttons, and handles
 * taps.
 */
export function PushHost() {
  const { i18n } = useTranslation();
  const language = i18n.language;
  const { token } = useAuth();
  const router = useRouter();
  const [, register] = useMutation(RegisterDeviceMutation);
  const [, unregister] = useMutation(UnregisterDeviceMutation);
  const { handleTap, guarded, notice, busy, dismiss } = useNotificationActions();
  const tapRef = useRef(handleTap);
  tapRef.current = handleTap;
  const languageRef = useRef(language);
  languageRef.current = language;

  useEffect(() => {
    void registerCategories(language).catch(() => 0);
  }, [language]);

  // After sign-in (and whenever the language changes the push texts): registerDevice.
  useEffect(() => {
    if (!token) return;
    let alive = true;
    let registered: string | null = null;
    let stopRefresh: (() => void) | null = null;
    void deviceRegistration(language)
      .then(async (device) => {
        if (!alive || !device) return;
        const res = await register(device);
        if (!res.error) registered = device.token;
        if (!alive) return;
        // FCM rotates tokens (iOS: Firebase Messaging's onTokenRefresh): register the new one,
        // then drop the old one. Only after a granted permission (a device was registered).
        stopRefresh = onDeviceTokenChange((next) => {
          if (!alive || next === registered) return;
          const previous = registered;
          void register({ ...device, token: next })
            .then(async (again) => {
              if (again.error) return;
              registered = next;
              if (previous) await unregister({ token: previous });
            })
            .catch(() => undefined);
        });
      })
      .catch(() => undefined);
    const remove = addSignOutHook(async () => {
      // One-shot: a rejected session makes the client sign out again, which must not loop.
      const device = registered;
      registered = null;
      if (device) await unregister({ token: device });
    });
    return () => {
      alive = false;
      stopRefresh?.();
      remove();
    };
  }, [token, language, register, unregister]);

  useEffect(() => {
    // The web build has no native push (Web Push needs a service worker): nothing to listen to.
    if (!token || Platform.OS === 'web') return;
    Notifications.setNotificationHandler({
      // Our data messages are shown as our own copy with buttons (below), not as Android's plain one.
      handleNotification: async (notification) => {
        const show = !isUnshownDataMessage(notification);
        return { shouldShowBanner: show, shouldShowList: show, shouldPlaySound: show, shouldSetBadge: false };
      },
    });
    const release = holdInAppTapHandler();
    const received = Notifications.addNotificationReceivedListener((notification) => {
      if (!isUnshownDataMessage(notification)) return;
      const message = parsePushData(notificationPayload(notification), languageRef.current);
      if (message) void presentDataMessage(message).catch(() => null);
    });
    const responses = Notifications.addNotificationResponseReceivedListener((response) => {
      const tap = tapFromResponse(response, languageRef.current);
      if (tap) void tapRef.current(tap);
    });
    // The tap that started the app (cold start).
    void Notifications.getLastNotificationResponseAsync()
      .then((response) => {
        if (!response) return;
        Notifications.clearLastNotificationResponse();
        const tap = tapFromResponse(response, languageRef.current);
        if (tap) void tapRef.current(tap);
      })
      .catch(() => null);
    return () => {
      release();
      received.remove();
      responses.remove();
    };
  }, [token]);

  if (!token) return null;
  return (
    <>
      <ConfirmSheet guarded={guarded} onEnroll={() => router.push('/settings' as never)} />
      <ActionNotice notice={notice} busy={busy} onClose={dismiss} onOpen={(route) => router.push(route as never)} />
    </>
  );
}

const styles = StyleSheet.create({
  backdrop: { flex: 1, justifyContent: 'flex-end', backgroundColor: 'rgba(0,0,0,0.5)' },
  sheet: { padding: 20, gap: 12, borderTopLeftRadius: 16, borderTopRightRadius: 16, borderWidth: StyleSheet.hairlineWidth, width: '100%', maxWidth: 560, alignSelf: 'center' },
  row: { flexDirection: 'row', gap: 8, flexWrap: 'wrap' },
  button: { minHeight: 48, minWidth: 44, borderRadius: 8, alignItems: 'center', justifyContent: 'center', paddingHorizontal: 16 },
});
