import { useEffect, useMemo, useState } from 'react';
import { ActivityIndicator, Pressable, RefreshControl, ScrollView, StyleSheet, Text, View } from 'react-native';
import { useTranslation } from 'react-i18next';
import { useClient, useMutation, useQuery, useSubscription } from 'urql';
import {
  BalancesQuery,
  CancelAllOrdersMutation,
  CancelOrderMutation,
  FillsQuery,
  OpenOrdersQuery,
  OrderUpdatesSubscription,
} from '../graphql/documents';
import type { FillsQuery as FillsResult, OrderFieldsFragment, OrderStatus } from '../gql/graphql';
import { errorKey } from '../graphql/errors';
import { ErrorState, Loading } from '../components/States';
import { formatDateTime, formatNumber } from '../format';
import { useTheme } from '../theme';
import { orderSummary } from '../trading/orderSummary';

/** Statuses shown as open (cancellable): UNTRIGGERED is a stop-limit waiting for its trigger price. */
export const OPEN_STATUSES: OrderStatus[] = ['PENDING_SUBMIT', 'OPEN', 'PARTIALLY_FILLED', 'UNKNOWN', 'UNTRIGGERED'];

/** The status label; UNTRIGGERED's lives in the stop-orders bundle. */
export function statusKey(status: OrderStatus): string {
  return status === 'UNTRIGGERED' ? 'stopOrders.status.UNTRIGGERED' : `orders.status.${status}`;
}
export const FILLS_PAGE = 20;

type Fill = FillsResult['fills']['edges'][number]['node'];


/** Open orders kept live by orderUpdates (latest state of each order wins; final ones drop out). */
function useLiveOpenOrders() {
  const [res, refetch] = useQuery({ query: OpenOrdersQuery, variables: { status: OPEN_STATUSES, first: 100 } });
  const [updates] = useSubscription(
    { query: OrderUpdatesSubscription },
    (prev: Record<string, OrderFieldsFragment> = {}, event): Record<string, OrderFieldsFragment> => ({
      ...prev,
      [event.orderUpdates.id]: event.orderUpdates,
    }),
  );
  // Orders returned by our own cancel mutations (in case their update arrives late).
  const [own, setOwn] = useState<Record<string, OrderFieldsFragment>>({});
  const apply = (order: OrderFieldsFragment) => setOwn((prev) => ({ ...prev, [order.id]: order }));
  const orders = useMemo(() => {
    const byId = new Map<string, OrderFieldsFragment>();
    for (const edge of res.data?.orders.edges ?? []) byId.set(edge.node.id, edge.node);
    for (const order of [...Object.values(updates.data ?? {}), ...Object.values(own)]) {
      const known = byId.get(order.id);
      if (!known || order.updatedAt >= known.updatedAt) byId.set(order.id, order);
    }
    return [...byId.values()]
      .filter((o) => OPEN_STATUSES.includes(o.status))
      .sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1));
  }, [res.data, updates.data, own]);
  return { res, refetch, orders, apply };
}

/** Fills, newest first, one page at a time (cursor pagination). */
function useFillPages() {
  const client = useClient();
  const [fills, setFills] = useState<Fill[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [hasMore, setHasMore] = useState(false);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const load = async (after: string | null) => {
    setLoading(true);
    const res = await client.query(FillsQuery, { first: FILLS_PAGE, after }, { requestPolicy: 'network-only' }).toPromise();
    setLoading(false);
    if (res.error || !res.data) {
      setError(errorKey(res.error) ?? 'errors.generic');
      return;
    }
    setError(null);
    const page = res.data.fills;
    setFills((prev) => (after ? [...prev, ...page.edges.map((e) => e.node)] : page.edges.map((e) => e.node)));
    setCursor(page.pageInfo.endCursor ?? null);
    setHasMore(page.pageInfo.hasNextPage);
  };
  useEffect(() => {
    void load(null);
  }, []);
  return { fills, hasMore, loading, error, loadMore: () => load(cursor), reload: () => load(null) };
}

export default function OrdersScreen() {
  const { t, i18n } = useTranslation();
  const theme = useTheme();
  const locale = i18n.language;
  const { res, refetch, orders, apply } = useLiveOpenOrders();
  const fills = useFillPages();
  const [balancesRes, refetchBalances] = useQuery({ query: BalancesQuery });
  const [cancelRes, cancelOrder] = useMutation(CancelOrderMutation);
  const [cancelAllRes, cancelAll] = useMutation(CancelAllOrdersMutation);
  const [notice, setNotice] = useState<string | null>(null);

  const refresh = () => {
    refetch({ requestPolicy: 'network-only' });
    refetchBalances({ requestPolicy: 'network-only' });
    void fills.reload();
  };

  const doCancelAll = async () => {
    const r = await cancelAll({ symbol: null });
    if (r.data) {
      r.data.cancelAllOrders.forEach(apply);
      setNotice(t('orders.canceledCount', { count: r.data.cancelAllOrders.length }));
      refetch({ requestPolicy: 'network-only' });
    }
  };

  if (res.fetching && !res.data) return <Loading />;
  if (res.error && !res.data) {
    return <ErrorState message={t(errorKey(res.error) ?? 'errors.generic')} onRetry={() => refetch({ requestPolicy: 'network-only' })} />;
  }

  const actionError = errorKey(cancelRes.error ?? cancelAllRes.error);
  const header = (text: string) => (
    <Text accessibilityRole="header" style={[styles.section, { color: theme.text }]}>
      {text}
    </Text>
  );

  return (
    <ScrollView
      style={{ backgroundColor: theme.background }}
      contentContainerStyle={styles.content}
      refreshControl={<RefreshControl refreshing={false} onRefresh={refresh} />}
    >
      <View style={styles.headerRow}>
        {header(t('orders.open'))}
        {orders.length > 0 ? (
          <Pressable
            accessibilityRole="button"
            accessibilityLabel={t('orders.cancelAllLabel')}
            accessibilityState={{ busy: cancelAllRes.fetching }}
            onPress={() => void doCancelAll()}
            style={[styles.small, { borderColor: theme.danger }]}
            testID="cancel-all"
          >
            <Text style={{ color: theme.danger, fontWeight: '600' }}>{t('orders.cancelAll')}</Text>
          </Pressable>
        ) : null}
      </View>
      {notice ? (
        <Text accessibilityRole="alert" style={{ color: theme.muted }} testID="orders-notice">
          {notice}
        </Text>
      ) : null}
      {actionError ? (
        <Text accessibilityRole="alert" style={{ color: theme.danger }}>
          {t(actionError)}
        </Text>
      ) : null}
      {orders.length === 0 ? (
        <Text style={{ color: theme.muted }} testID="orders-empty">
          {t('orders.empty')}
        </Text>
      ) : (
        orders.map((o) => {
          const summary = orderSummary(o, t, locale);
          return (
            <View key={o.id} style={[styles.row, { borderColor: theme.border }]} testID={`order-${o.id}`}>
              <View style={{ flex: 1 }}>
                <Text style={{ color: o.side === 'BUY' ? theme.up : theme.down, fontWeight: '600', fontSize: 15 }}>{summary}</Text>
                <Text style={{ color: theme.muted, fontSize: 13 }}>
                  {t(statusKey(o.status))} · {t('orders.filled', { filled: formatNumber(o.filledQty, locale), qty: formatNumber(o.qty, locale) })}
                </Text>
                {o.triggerPrice ? (
                  <Text style={{ color: theme.muted, fontSize: 13 }} testID={`trigger-${o.id}`}>
                    {t('stopOrders.trigger', { quote: o.symbol.split('/')[1] ?? '' })}: {formatNumber(o.triggerPrice, locale)}
                  </Text>
                ) : null}
              </View>
              <Pressable
                accessibilityRole="button"
                accessibilityLabel={t('orders.cancelLabel', { summary })}
                onPress={() => void cancelOrder({ id: o.id }).then((r) => r.data && apply(r.data.cancelOrder))}
                style={[styles.small, { borderColor: theme.border }]}
                testID={`cancel-${o.id}`}
              >
                <Text style={{ color: theme.text }}>{t('orders.cancel')}</Text>
              </Pressable>
            </View>
          );
        })
      )}

      {header(t('orders.fills'))}
      {fills.error && fills.fills.length === 0 ? (
        <Text accessibilityRole="alert" style={{ color: theme.danger }}>
          {t(fills.error)}
        </Text>
      ) : null}
      {!fills.loading && !fills.error && fills.fills.length === 0 ? (
        <Text style={{ color: theme.muted }} testID="fills-empty">
          {t('orders.noFills')}
        </Text>
      ) : null}
      {fills.fills.map((f) => (
        <View key={f.id} style={[styles.row, { borderColor: theme.border }]} testID={`fill-${f.id}`}>
          <View style={{ flex: 1 }}>
            <Text style={{ color: theme.text, fontSize: 15 }}>
              {t('orders.fill', { side: t(`orders.side.${f.side}`), qty: formatNumber(f.qty, locale), symbol: f.symbol, price: formatNumber(f.price, locale) })}
            </Text>
            <Text style={{ color: theme.muted, fontSize: 13 }}>
              {formatDateTime(f.executedAt, locale)} · {t('orders.fee', { fee: formatNumber(f.fee, locale), currency: f.feeCurrency })}
            </Text>
          </View>
        </View>
      ))}
      {fills.loading ? <ActivityIndicator color={theme.accent} accessibilityLabel={t('common.loading')} /> : null}
      {fills.hasMore && !fills.loading ? (
        <Pressable
          accessibilityRole="button"
          accessibilityLabel={t('orders.loadMore')}
          onPress={() => void fills.loadMore()}
          style={[styles.more, { borderColor: theme.accent }]}
          testID="fills-more"
        >
          <Text style={{ color: theme.accent, fontWeight: '600' }}>{t('orders.loadMore')}</Text>
        </Pressable>
      ) : null}

      {header(t('orders.balances'))}
      {(balancesRes.data?.balances ?? []).map((b) => (
        <View key={`${b.accountId}:${b.currency}`} style={[styles.row, { borderColor: theme.border }]} testID={`orders-balance-${b.currency}`}>
          <Text style={{ color: theme.text, fontWeight: '600', flex: 1 }}>{b.currency}</Text>
          <Text style={{ color: theme.text }}>{formatNumber(b.total, locale)}</Text>
        </View>
      ))}
    </ScrollView>
  );
}

const styles = StyleSheet.create({
  content: { padding: 16, paddingBottom: 48 },
  headerRow: { flexDirection: 'row', alignItems: 'center', justifyContent: 'space-between' },
  section: { fontSize: 18, fontWeight: '600', marginTop: 16, marginBottom: 8 },
  row: { flexDirection: 'row', alignItems: 'center', paddingVertical: 10, borderBottomWidth: StyleSheet.hairlineWidth, minHeight: 56, gap: 8 },
  small: { minHeight: 44, minWidth: 44, borderWidth: 1, borderRadius: 8, paddingHorizontal: 12, alignItems: 'center', justifyContent: 'center' },
  more: { minHeight: 44, borderWidth: 1, borderRadius: 8, alignItems: 'center', justifyContent: 'center', marginTop: 8 },
});
