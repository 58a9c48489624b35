import { useEffect, useRef, useState, type ReactElement } from 'react';
import { FlatList, Pressable, RefreshControl, StyleSheet, Text, TextInput, View } from 'react-native';
import { useTranslation } from 'react-i18next';
import { useQuery, useSubscription } from 'urql';
import { useLocalSearchParams, useRouter } from 'expo-router';
import { MarketsQuery, MarketVenuesQuery, TickerSubscription } from '../graphql/documents';
import type { TickerFieldsFragment } from '../gql/graphql';
import { errorKey } from '../graphql/errors';
import { Empty, ErrorState, Loading } from '../components/States';
import { formatNumber, formatPct, symbolToSlug } from '../format';
import { useTheme, type Theme } from '../theme';
import { useKeyboardShortcuts } from '../hooks/useKeyboardShortcuts';
import { ShortcutHelp } from '../components/ShortcutHelp';
import { WatchableRow } from '../components/watchlist/WatchlistStar';
import { ChartsGridLink } from '../components/charts/ChartsGridLink';
import { SIM_VENUE, VenueChips } from '../components/markets/VenueChips';

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
  // Venues with public data here (sim first); the chips show only when there is more than sim.
  const [venuesRes] = useQuery({ query: MarketVenuesQuery });
  const venues = venuesRes.data?.marketVenues ?? [];
  const [picked, setPicked] = useState(SIM_VENUE);
  const venue = venues.some((v) => v.id === picked) ? picked : SIM_VENUE;
  // The default venue (sim) is the documents' default, so its requests stay as they were.
  const venueVars = venue === SIM_VENUE ? {} : { venue };
  const [{ data, fetching, error }, refetch] = useQuery({ query: MarketsQuery, variables: venueVars });
  const symbols = data?.markets.filter((m) => m.venue === venue).map((m) => m.symbol) ?? [];
  const [live] = useSubscription(
    {
      query: TickerSubscription,
      variables: { symbols, maxRate: MARKETS_MAX_RATE, ...venueVars },
      pause: symbols.length === 0,
    },
    (prev: TickerMap = {}, event): TickerMap => ({ ...prev, [`${event.ticker.venue}:${event.ticker.symbol}`]: event.ticker }),
  );
  const tickers: TickerMap = live.data ?? {};
  const locale = i18n.language;
  const params = useLocalSearchParams<{ search?: string }>();
  const [query, setQuery] = useState('');
  const [helpVisible, setHelpVisible] = useState(false);
  const search = useRef<TextInput>(null);
  useKeyboardShortcuts({
    search: () => search.current?.focus(),
    help: () => setHelpVisible(true),
    close: () => setHelpVisible(false),
  });
  const focusSearch = params?.search === '1' && Boolean(data);
  useEffect(() => {
    if (focusSearch) search.current?.focus();
  }, [focusSearch]);

  const chips = <VenueChips venues={venues} selected={venue} onSelect={setPicked} />;
  // The chips stay above every state, so a live venue that cannot be reached can be switched away from.
  const withChips = (content: ReactElement) => (
    <View style={{ flex: 1, backgroundColor: theme.background }}>
      {chips}
      {content}
    </View>
  );
  const listed = data?.markets.filter((m) => m.venue === venue) ?? [];
  if (fetching && listed.length === 0) return withChips(<Loading />);
  if (error && !data) {
    return withChips(
      <ErrorState
        message={t(errorKey(error) ?? 'errors.generic')}
        onRetry={() => refetch({ requestPolicy: 'network-only' })}
      />,
    );
  }
  if (!data || listed.length === 0) return withChips(<Empty message={t('markets.empty')} />);
  const needle = query.trim().toUpperCase().replace('-', '/');
  const shown = needle ? listed.filter((m) => m.symbol.includes(needle)) : listed;

  return withChips(
    <>
    <ShortcutHelp visible={helpVisible} onClose={() => setHelpVisible(false)} />
    <FlatList
      style={{ backgroundColor: theme.background }}
      data={shown}
      ListHeaderComponent={
        <View style={styles.searchBox}>
          <TextInput
            ref={search}
            accessibilityLabel={t('markets.search')}
            autoCapitalize="characters"
            autoCorrect={false}
            onChangeText={setQuery}
            placeholder={t('markets.search')}
            placeholderTextColor={theme.muted}
            style={[styles.search, { color: theme.text, borderColor: theme.border, backgroundColor: theme.surface }]}
            testID="markets-search"
            value={query}
          />
          <ChartsGridLink />
          {shown.length === 0 ? (
            <Text style={{ color: theme.muted, marginTop: 8 }} testID="markets-no-match">
              {t('markets.noMatch', { query: query.trim() })}
            </Text>
          ) : null}
        </View>
      }
      keyExtractor={(m) => `${m.venue}:${m.symbol}`}
      refreshControl={
        <RefreshControl refreshing={fetching} onRefresh={() => refetch({ requestPolicy: 'network-only' })} />
      }
      ItemSeparatorComponent={() => <View style={{ height: StyleSheet.hairlineWidth, backgroundColor: theme.border }} />}
      renderItem={({ item }) => {
        const tk = tickers[`${item.venue}:${item.symbol}`];
        const price = tk ? formatNumber(tk.last, locale) : t('markets.noPrice');
        const change = tk ? formatPct(tk.changePct24h, locale) : t('markets.noPrice');
        return (
          <WatchableRow venue={item.venue} symbol={item.symbol}>
          <Pressable
            accessibilityRole="button"
            accessibilityLabel={t('markets.rowLabel', { symbol: item.symbol, price, change })}
            onPress={() => router.push({ pathname: '/market/[symbol]', params: { symbol: symbolToSlug(item.symbol), ...venueVars } })}
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
          </WatchableRow>
        );
      }}
    />
    </>,
  );
}

const styles = StyleSheet.create({
  searchBox: { padding: 12 },
  search: { minHeight: 44, borderWidth: 1, borderRadius: 8, paddingHorizontal: 12, fontSize: 16 },
  row: { flexDirection: 'row', alignItems: 'center', paddingHorizontal: 16, paddingVertical: 12, minHeight: 56 },
  symbol: { fontSize: 16, fontWeight: '600' },
  price: { fontSize: 16, fontVariant: ['tabular-nums'] },
});
