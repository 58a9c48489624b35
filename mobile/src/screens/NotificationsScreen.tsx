import { useCallback, useEffect, useState } from 'react';
import { ActivityIndicator, Pressable, RefreshControl, ScrollView, StyleSheet, Text, View } from 'react-native';
import { Stack, useRouter } from 'expo-router';
import { useTranslation } from 'react-i18next';
import { useClient, useMutation } from 'urql';
import { Empty, ErrorState, Loading } from '../components/States';
import { formatDateTime } from '../format';
import type { NotificationFieldsFragment } from '../gql/graphql';
import { errorKey } from '../graphql/errors';
import { MarkNotificationsReadMutation, NotificationsInboxQuery } from '../graphql/notifications';
import { deepLinkRoute } from '../notifications/push';
import { useTheme } from '../theme';

export const INBOX_PAGE = 20;

/** The in-app inbox: newest first, cursor pages, unread filter, mark read, tap → the related screen. */
export default function NotificationsScreen() {
  const { t, i18n } = useTranslation();
  const theme = useTheme();
  const router = useRouter();
  const client = useClient();
  const [, markRead] = useMutation(MarkNotificationsReadMutation);
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [items, setItems] = useState<NotificationFieldsFragment[]>([]);
  const [unread, setUnread] = useState(0);
  const [cursor, setCursor] = useState<string | null>(null);
  const [hasMore, setHasMore] = useState(false);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);

  const load = useCallback(
    async (after: string | null) => {
      setLoading(true);
      const res = await client
        .query(NotificationsInboxQuery, { first: INBOX_PAGE, after, unreadOnly }, { requestPolicy: 'network-only' })
        .toPromise();
      setLoading(false);
      if (res.error || !res.data) {
        setError(errorKey(res.error) ?? 'errors.generic');
        return;
      }
      setError(null);
      const page = res.data.notifications;
      const nodes = page.edges.map((e) => e.node);
      setItems((prev) => (after ? [...prev, ...nodes] : nodes));
      setUnread(page.unreadCount);
      setCursor(page.pageInfo.endCursor ?? null);
      setHasMore(page.pageInfo.hasNextPage);
    },
    [client, unreadOnly],
  );

  useEffect(() => {
    void load(null);
  }, [load]);

  const mark = async (ids: string[]) => {
    if (ids.length === 0) return true;
    const res = await markRead({ ids });
    if (res.error) {
      setActionError(errorKey(res.error) ?? 'errors.generic');
      return false;
    }
    setActionError(null);
    const set = new Set(ids);
    setItems((prev) => (unreadOnly ? prev.filter((n) => !set.has(n.id)) : prev.map((n) => (set.has(n.id) ? { ...n, read: true } : n))));
    setUnread((u) => Math.max(0, u - (res.data?.markNotificationsRead ?? 0)));
    return true;
  };

  const open = async (n: NotificationFieldsFragment) => {
    if (!n.read) await mark([n.id]);
    router.push(deepLinkRoute(n.deepLink) as never);
  };

  const title = <Stack.Screen options={{ title: t('notifications.inbox.title') }} />;
  if (loading && items.length === 0 && !error) return <>{title}<Loading /></>;
  if (error && items.length === 0) return <>{title}<ErrorState message={t(error)} onRetry={() => void load(null)} /></>;

  const chip = (label: string, selected: boolean, onPress: () => void, testID: string) => (
    <Pressable
      accessibilityRole="radio"
      accessibilityLabel={label}
      accessibilityState={{ selected }}
      onPress={onPress}
      style={[styles.chip, { borderColor: selected ? theme.accent : theme.border, backgroundColor: selected ? theme.accent : 'transparent' }]}
      testID={testID}
    >
      <Text style={{ color: selected ? theme.onAccent : theme.text, fontWeight: '600' }}>{label}</Text>
    </Pressable>
  );

  return (
    <ScrollView
      style={{ backgroundColor: theme.background }}
      contentContainerStyle={styles.content}
      refreshControl={<RefreshControl refreshing={false} onRefresh={() => void load(null)} />}
    >
      {title}
      <View style={styles.toolbar}>
        <View style={styles.chips} accessibilityRole="radiogroup">
          {chip(t('notifications.inbox.all'), !unreadOnly, () => setUnreadOnly(false), 'inbox-all')}
          {chip(t('notifications.inbox.unread', { count: unread }), unreadOnly, () => setUnreadOnly(true), 'inbox-unread')}
        </View>
        <View style={styles.chips}>
          {unread > 0 ? (
            <Pressable
              accessibilityRole="button"
              accessibilityLabel={t('notifications.inbox.markAllRead')}
              onPress={() => void mark(items.filter((n) => !n.read).map((n) => n.id))}
              style={[styles.chip, { borderColor: theme.border }]}
              testID="inbox-mark-all"
            >
              <Text style={{ color: theme.text }}>{t('notifications.inbox.markAllRead')}</Text>
            </Pressable>
          ) : null}
          <Pressable
            accessibilityRole="button"
            accessibilityLabel={t('notifications.prefs.title')}
            onPress={() => router.push('/notifications/preferences' as never)}
            style={[styles.chip, { borderColor: theme.border }]}
            testID="inbox-preferences"
          >
            <Text style={{ color: theme.text }}>{t('notifications.prefs.title')}</Text>
          </Pressable>
        </View>
      </View>
      {actionError ? (
        <Text accessibilityRole="alert" style={{ color: theme.danger }}>
          {t(actionError)}
        </Text>
      ) : null}
      {items.length === 0 ? (
        <Empty message={t(unreadOnly ? 'notifications.inbox.noUnread' : 'notifications.inbox.empty')} />
      ) : (
        items.map((n) => (
          <View key={n.id} style={[styles.row, { borderColor: theme.border }]}>
            <Pressable
              accessibilityRole="button"
              accessibilityLabel={t(n.read ? 'notifications.inbox.itemLabel' : 'notifications.inbox.itemUnreadLabel', { title: n.title, body: n.body })}
              onPress={() => void open(n)}
              style={styles.item}
              testID={`notification-${n.id}`}
            >
              <View style={[styles.dot, { backgroundColor: n.read ? 'transparent' : theme.accent }]} testID={n.read ? undefined : `unread-${n.id}`} />
              <View style={{ flex: 1 }}>
                <Text style={{ color: theme.text, fontWeight: n.read ? '400' : '700', fontSize: 15 }}>{n.title}</Text>
                <Text style={{ color: theme.muted, fontSize: 14 }}>{n.body}</Text>
                <Text style={{ color: theme.muted, fontSize: 12 }}>{formatDateTime(n.createdAt, i18n.language)}</Text>
              </View>
            </Pressable>
            {!n.read ? (
              <Pressable
                accessibilityRole="button"
                accessibilityLabel={t('notifications.inbox.markRead')}
                onPress={() => void mark([n.id])}
                style={[styles.chip, { borderColor: theme.border }]}
                testID={`mark-read-${n.id}`}
              >
                <Text style={{ color: theme.text }}>{t('notifications.inbox.markRead')}</Text>
              </Pressable>
            ) : null}
          </View>
        ))
      )}
      {hasMore ? (
        <Pressable
          accessibilityRole="button"
          accessibilityLabel={t('notifications.inbox.more')}
          onPress={() => void load(cursor)}
          style={[styles.chip, styles.more, { borderColor: theme.border }]}
          testID="inbox-more"
        >
          {loading ? <ActivityIndicator color={theme.accent} /> : <Text style={{ color: theme.text }}>{t('notifications.inbox.more')}</Text>}
        </Pressable>
      ) : null}
    </ScrollView>
  );
}

const styles = StyleSheet.create({
  content: { padding: 16, gap: 8 },
  toolbar: { gap: 8 },
  chips: { flexDirection: 'row', flexWrap: 'wrap', gap: 8 },
  chip: { minHeight: 44, minWidth: 44, paddingHorizontal: 14, borderRadius: 22, borderWidth: 1, alignItems: 'center', justifyContent: 'center' },
  row: { flexDirection: 'row', alignItems: 'center', gap: 10, paddingVertical: 10, borderBottomWidth: StyleSheet.hairlineWidth },
  item: { flex: 1, flexDirection: 'row', alignItems: 'center', gap: 10, minHeight: 44 },
  dot: { width: 10, height: 10, borderRadius: 5 },
  more: { alignSelf: 'center', marginTop: 8 },
});
