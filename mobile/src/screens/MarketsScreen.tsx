import { FlatList, Pressable, RefreshControl, StyleSheet, Text, View } from 'react-native';
import { useTranslation } from 'react-i18next';
import { useQuery, useSubscription } from 'urql';
import { useRouter } from 'expo-router';
import { MarketsQuery, TickerSubscription } from '../graphql/documents';
import type { TickerFieldsFragment } from '../gql/graphql';
import { errorKey } from '../graphql/errors';
import { Empty, ErrorState, Loading } from '../components/States';
import { formatNumber, formatPct, symbolToSlug } from '../format';
import { useTheme, type Theme } from '../theme';

/** Ticker updates per second per symbol requested from the server (it conflates, latest wins). */
export const MARKETS_MAX_RATE = 2;

type TickerMap = Record<string, TickerFieldsFragment>;

export function changeColor(changePct: string | undefined, theme: Theme): string {
  const n = Number(changePct ?? 0);
  if (n > 0) return theme.up;
  if (n < 0) return theme.down;
  return theme.muted;
}

export default function MarketsScreen() {
  const { t, i18n } = useTranslation();
  const theme = useTheme();
  const router = useRouter();
  const [{ data, fetching, error }, refetch] = useQuery({ query: MarketsQuery });
  const symbols = data?.markets.map((m) => m.symbol) ?? [];
  const [live] = useSubscription(
    {
      query: TickerSubscription,
      variables: { symbols, maxRate: MARKETS_MAX_RATE },
      pause: symbols.length === 0,
    },
    (prev: TickerMap = {}, event): TickerMap => ({ ...prev, [event.ticker.symbol]: event.ticker }),
  );
  const tickers: TickerMap = live.data ?? {};
  const locale = i18n.language;

  if (fetching && !data) return <Loading />;
  if (error && !data) {
    return (
      <ErrorState
        message={t(errorKey(error) ?? 'errors.generic')}
        onRetry={() => refetch({ requestPolicy: 'network-only' })}
      />
    );
  }
  if (!data || data.markets.length === 0) return <Empty message={t('markets.empty')} />;

  return (
    <FlatList
      style={{ backgroundColor: theme.background }}
      data={data.markets}
      keyExtractor={(m) => `${m.venue}:${m.symbol}`}
      refreshControl={
        <RefreshControl refreshing={fetching} onRefresh={() => refetch({ requestPolicy: 'network-only' })} />
      }
      ItemSeparatorComponent={() => <View style={{ height: StyleSheet.hairlineWidth, backgroundColor: theme.border }} />}
      renderItem={({ item }) => {
        const tk = tickers[item.symbol];
        const price = tk ? formatNumber(tk.last, locale) : t('markets.noPrice');
        const change = tk ? formatPct(tk.changePct24h, locale) : t('markets.noPrice');
        return (
          <Pressable
            accessibilityRole="button"
            accessibilityLabel={t('markets.rowLabel', { symbol: item.symbol, price, change })}
            onPress={() => router.push({ pathname: '/market/[symbol]', params: { symbol: symbolToSlug(item.symbol) } })}
            style={styles.row}
            testID={`market-${item.symbol}`}
          >
            <View style={{ flex: 1 }}>
              <Text style={[styles.symbol, { color: theme.text }]}>{item.symbol}</Text>
              <Text style={{ color: theme.muted, fontSize: 12 }}>{item.venue}</Text>
            </View>
            <View style={{ alignItems: 'flex-end' }}>
              <Text style={[styles.price, { color: theme.text }]} testID={`price-${item.symbol}`}>
                {price}
              </Text>
              <Text style={{ color: changeColor(tk?.changePct24h, theme), fontWeight: '600' }} testID={`change-${item.symbol}`}>
                {change}
              </Text>
            </View>
          </Pressable>
        );
      }}
    />
  );
}

const styles = StyleSheet.create({
  row: { flexDirection: 'row', alignItems: 'center', paddingHorizontal: 16, paddingVertical: 12, minHeight: 56 },
  symbol: { fontSize: 16, fontWeight: '600' },
  price: { fontSize: 16, fontVariant: ['tabular-nums'] },
});
