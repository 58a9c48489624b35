import { useCallback, useEffect, useState } from 'react';
import { Pressable, ScrollView, StyleSheet, Text, useWindowDimensions, View } from 'react-native';
import { useTranslation } from 'react-i18next';
import { useQuery, useSubscription } from 'urql';
import { Stack, useLocalSearchParams, useRouter } from 'expo-router';
import { AreaChart } from '../components/AreaChart';
import { CandlesQuery, MarketVenuesQuery, TickerQuery, TickerSubscription, TimeframesQuery, TradeContextQuery } from '../graphql/documents';
import type { LiveCandlesSubscription as LiveCandlesData, OrderSide } from '../gql/graphql';
import { LiveCandlesSubscription } from '../graphql/home';
import { foldLive, mergeCandles } from '../components/home/liveCandles';
import { PositionCard } from '../components/home/PositionCard';
import { TradesTape } from '../components/home/TradesTape';
import { useGuardedAction } from '../auth/useGuardedAction';
import { ConfirmSheet } from '../components/ConfirmSheet';
import { OrderBook } from '../components/OrderBook';
import { OrderTicket } from '../components/OrderTicket';
import { SIM_VENUE } from '../components/markets/VenueChips';
import { ShortcutHelp } from '../components/ShortcutHelp';
import { useKeyboardShortcuts } from '../hooks/useKeyboardShortcuts';
import { grantCovers } from '../trading/orderSummary';
import { errorKey } from '../graphql/errors';
import { Empty, ErrorState, Loading } from '../components/States';
import { formatNumber, formatPct, slugToSymbol } from '../format';
import { useTheme } from '../theme';
import { changeColor } from './MarketsScreen';

export const CANDLE_LIMIT = 120;

type LiveCandle = LiveCandlesData['candles']['candle'];
type LiveCandles = { timeframe: string; candles: LiveCandle[] };

/**
 * The trade screen: live ticker and chart (the forming candle from Subscription.candles), your
 * position, L2 order book, recent trades, order ticket with step-up confirmation. Everything follows
 * the `venue` route param (sim by default): its market data, its market rules and your account there.
 */
export default function MarketDetailScreen() {
  const { t, i18n } = useTranslation();
  const theme = useTheme();
  const { width } = useWindowDimensions();
  const params = useLocalSearchParams<{ symbol: string; venue?: string }>();
  const symbol = slugToSymbol(String(params.symbol ?? ''));
  const venue = params.venue ? String(params.venue) : SIM_VENUE;
  // sim is the documents' default, so its requests stay as they were.
  const venueVars = venue === SIM_VENUE ? {} : { venue };
  const locale = i18n.language;

  const [tickerRes, refetchTicker] = useQuery({ query: TickerQuery, variables: { symbol, ...venueVars } });
  const [live] = useSubscription({ query: TickerSubscription, variables: { symbols: [symbol], maxRate: 4, ...venueVars } });
  // A live venue's name for the header (its id until the list arrives or when it is not listed).
  const [venuesRes] = useQuery({ query: MarketVenuesQuery, pause: venue === SIM_VENUE });
  const venueName =
    venue === SIM_VENUE ? t('marketVenues.simulated') : (venuesRes.data?.marketVenues.find((v) => v.id === venue)?.displayName ?? venue);
  const [tfRes] = useQuery({ query: TimeframesQuery });
  const [timeframe, setTimeframe] = useState<string | null>(null);
  useEffect(() => {
    const first = tfRes.data?.timeframes[0];
    if (!timeframe && first) setTimeframe(tfRes.data?.timeframes.includes('1m') ? '1m' : first);
  }, [tfRes.data, timeframe]);
  const [candlesRes, refetchCandles] = useQuery({
    query: CandlesQuery,
    variables: { symbol, timeframe: timeframe ?? '1m', limit: CANDLE_LIMIT, ...venueVars },
    pause: !timeframe,
  });

  // The forming candle (and each one that closes) while the screen is open.
  const [liveCandles] = useSubscription(
    {
      query: LiveCandlesSubscription,
      variables: { symbol, timeframe: timeframe ?? '1m', last: 1, maxRate: 2, ...venueVars },
      pause: !timeframe,
    },
    (prev: LiveCandles | undefined, data: LiveCandlesData): LiveCandles => {
      const { timeframe: tf, candle } = data.candles;
      return { timeframe: tf, candles: foldLive(prev?.timeframe === tf ? prev.candles : [], candle) };
    },
  );

  const ticker = live.data?.ticker ?? tickerRes.data?.ticker;

  const router = useRouter();
  const [contextRes, refetchContext] = useQuery({ query: TradeContextQuery, variables: venueVars });
  const [side, setSide] = useState<OrderSide>('BUY');
  const [pickedPrice, setPickedPrice] = useState<string | null>(null);
  const [helpVisible, setHelpVisible] = useState(false);
  // Balances change once an order rests or fills.
  const refreshContext = useCallback(() => refetchContext({ requestPolicy: 'network-only' }), [refetchContext]);
  const guarded = useGuardedAction(refreshContext);
  useKeyboardShortcuts({
    buy: () => setSide('BUY'),
    sell: () => setSide('SELL'),
    close: () => {
      setHelpVisible(false);
      guarded.reset();
    },
    search: () => router.push({ pathname: '/markets', params: { search: '1' } }),
    help: () => setHelpVisible(true),
  });

  if (tickerRes.fetching && !ticker) return <Loading />;
  if (tickerRes.error && !ticker) {
    return (
      <ErrorState
        message={t(errorKey(tickerRes.error) ?? 'errors.generic')}
        onRetry={() => refetchTicker({ requestPolicy: 'network-only' })}
      />
    );
  }
  if (!ticker) return <Empty message={t('errors.NOT_FOUND')} />;

  const liveForTf = liveCandles.data?.timeframe === timeframe ? liveCandles.data.candles : [];
  const candles = mergeCandles(candlesRes.data?.candles ?? [], liveForTf, CANDLE_LIMIT);
  const forming = liveForTf.length > 0 ? liveForTf[liveForTf.length - 1] : null;
  const ohlc = forming
    ? { open: formatNumber(forming.open, locale), high: formatNumber(forming.high, locale), low: formatNumber(forming.low, locale), close: formatNumber(forming.close, locale) }
    : null;
  const points = candles.map((c) => ({ value: Number(c.close) }));
  const values = points.map((p) => p.value);
  const min = values.length ? Math.min(...values) : 0;
  const max = values.length ? Math.max(...values) : 0;
  // Screen width less the scroll padding (2 × 16), the y-axis labels (64) and a small right margin.
  const chartWidth = Math.max(200, Math.min(width, 900) - 32 - 64 - 16);

  const rules = contextRes.data?.markets.find((m) => m.symbol === symbol && m.venue === venue);
  // Orders go to your account on this venue (none: the ticket says so and links to adding one).
  const account = contextRes.data?.exchangeAccounts.find((a) => a.venue === venue) ?? null;
  const free = (currency: string | undefined) =>
    contextRes.data?.balances.find((b) => b.accountId === account?.id && b.currency === currency)?.free;

  const stat = (label: string, value: string, testID?: string) => (
    <View style={styles.stat} accessible accessibilityLabel={`${label}: ${value}`}>
      <Text style={{ color: theme.muted, fontSize: 12 }}>{label}</Text>
      <Text style={{ color: theme.text, fontSize: 15 }} testID={testID}>
        {value}
      </Text>
    </View>
  );

  return (
    <ScrollView style={{ backgroundColor: theme.background }} contentContainerStyle={styles.content}>
      <Stack.Screen options={{ title: venue === SIM_VENUE ? symbol : `${symbol} · ${venueName}` }} />
      <Text accessibilityRole="header" style={[styles.title, { color: theme.text }]}>
        {symbol}
      </Text>
      <Text style={{ color: theme.muted, fontSize: 13 }} testID="detail-venue" accessibilityLabel={t('marketVenues.venueLabel', { venue: venueName })}>
        {venueName}
      </Text>
      <View style={styles.headline} accessible accessibilityLabel={`${t('market.last')}: ${formatNumber(ticker.last, locale)}, ${t('market.change24h')}: ${formatPct(ticker.changePct24h, locale)}`}>
        <Text style={[styles.last, { color: theme.text }]} testID="detail-last">
          {formatNumber(ticker.last, locale)}
        </Text>
        <Text style={[styles.change, { color: changeColor(ticker.changePct24h, theme) }]} testID="detail-change">
          {formatPct(ticker.changePct24h, locale)}
        </Text>
      </View>
      <View style={styles.stats}>
        {stat(t('market.bid'), formatNumber(ticker.bid, locale))}
        {stat(t('market.ask'), formatNumber(ticker.ask, locale))}
        {stat(t('market.high24h'), formatNumber(ticker.high24h, locale))}
        {stat(t('market.low24h'), formatNumber(ticker.low24h, locale))}
        {stat(t('market.volume24h'), formatNumber(ticker.baseVolume24h, locale, 2))}
      </View>

      <Text style={[styles.section, { color: theme.text }]}>{t('market.timeframe')}</Text>
      <View style={styles.timeframes} accessibilityRole="radiogroup">
        {(tfRes.data?.timeframes ?? []).map((tf) => {
          const selected = tf === timeframe;
          return (
            <Pressable
              key={tf}
              accessibilityRole="radio"
              accessibilityLabel={t('market.timeframeLabel', { timeframe: tf })}
              accessibilityState={{ selected, checked: selected }}
              aria-checked={selected}
              onPress={() => setTimeframe(tf)}
              style={[
                styles.tf,
                { borderColor: theme.accent, backgroundColor: selected ? theme.accent : 'transparent' },
              ]}
              testID={`timeframe-${tf}`}
            >
              <Text style={{ color: selected ? theme.onAccent : theme.accent, fontWeight: '600' }}>{tf}</Text>
            </Pressable>
          );
        })}
      </View>

      <View style={styles.chart}>
        {candlesRes.fetching && candles.length === 0 ? (
          <Loading testID="candles-loading" />
        ) : candlesRes.error && candles.length === 0 ? (
          <ErrorState
            message={t(errorKey(candlesRes.error) ?? 'errors.generic')}
            onRetry={() => refetchCandles({ requestPolicy: 'network-only' })}
          />
        ) : points.length === 0 && !forming ? (
          <Empty message={t('market.noCandles')} />
        ) : (
          <View
            accessible
            accessibilityRole="image"
            accessibilityLabel={t('market.chartLabel', { symbol, timeframe, count: points.length })}
            testID="candles-chart"
          >
            <AreaChart
              data={points}
              width={chartWidth}
              height={220}
              min={min}
              max={max}
              formatYLabel={(label: string) => formatNumber(label, locale, 2)}
            />
          </View>
        )}
        {forming && ohlc && !forming.closed ? (
          <Text style={{ color: theme.muted, fontSize: 12, marginTop: 4 }} testID="forming-candle" accessibilityLabel={t('home.formingLabel', ohlc)}>
            {t('home.forming', ohlc)}
          </Text>
        ) : null}
      </View>

      <Text accessibilityRole="header" style={[styles.section, { color: theme.text }]}>
        {t('home.yourPosition')}
      </Text>
      <PositionCard symbol={symbol} venue={venue} quote={rules?.quote ?? 'USDT'} />

      {rules ? (
        <>
          <Text accessibilityRole="header" style={[styles.section, { color: theme.text }]}>
            {t('book.title')}
          </Text>
          <OrderBook symbol={symbol} base={rules.base} quote={rules.quote} venue={venue} onPickPrice={setPickedPrice} />
          <OrderTicket
            rules={rules}
            account={account}
            freeBase={free(rules.base)}
            freeQuote={free(rules.quote)}
            lastPrice={ticker.last}
            side={side}
            onSideChange={setSide}
            pickedPrice={pickedPrice}
            guarded={guarded}
            grantActive={grantCovers(contextRes.data?.tradingGrants ?? [], account?.id, symbol)}
            onPlaced={refreshContext}
            venueName={venue === SIM_VENUE ? undefined : venueName}
            onAddAccount={venue === SIM_VENUE ? undefined : () => router.push('/accounts')}
          />
          <Text accessibilityRole="header" style={[styles.section, { color: theme.text }]}>
            {t('home.recentTrades')}
          </Text>
          <TradesTape symbol={symbol} base={rules.base} venue={venue} />
        </>
      ) : null}
      <ConfirmSheet guarded={guarded} onEnroll={() => router.push('/settings')} />
      <ShortcutHelp visible={helpVisible} onClose={() => setHelpVisible(false)} />
    </ScrollView>
  );
}

const styles = StyleSheet.create({
  content: { padding: 16, paddingBottom: 48 },
  title: { fontSize: 22, fontWeight: '700' },
  headline: { flexDirection: 'row', alignItems: 'baseline', marginTop: 8, gap: 12 },
  last: { fontSize: 32, fontWeight: '700', fontVariant: ['tabular-nums'] },
  change: { fontSize: 18, fontWeight: '600' },
  stats: { flexDirection: 'row', flexWrap: 'wrap', marginTop: 12 },
  stat: { width: '33%', paddingVertical: 6 },
  section: { fontSize: 16, fontWeight: '600', marginTop: 16, marginBottom: 8 },
  timeframes: { flexDirection: 'row', flexWrap: 'wrap', gap: 8 },
  tf: { minHeight: 44, minWidth: 52, borderWidth: 1, borderRadius: 8, alignItems: 'center', justifyContent: 'center', paddingHorizontal: 10 },
  chart: { marginTop: 16, minHeight: 240 },
});
