import { RefreshControl, ScrollView, StyleSheet, Text, View } from 'react-native';
import { useTranslation } from 'react-i18next';
import { useQuery, useSubscription } from 'urql';
import { useRouter } from 'expo-router';
import { HomeQuery, LivePnlSubscription, PlatformStatsQuery } from '../graphql/home';
import { errorKey } from '../graphql/errors';
import { ErrorState, Loading } from '../components/States';
import { PositionRow } from '../components/home/PositionRow';
import { addDecimals, formatCompact, formatQuote, formatSigned, formatSignedPct, pnlColor } from '../components/home/pnl';
import { formatTime, symbolToSlug } from '../format';
import { useTheme } from '../theme';

export const QUOTE = 'USDT';

/**
 * Home: the portfolio's value, the day's change and live P&L (Subscription.livePnl: the current
 * state first, then every relevant tick or fill), open positions (tap → trade screen) and the
 * platform's totals.
 */
export default function HomeScreen() {
  const { t, i18n } = useTranslation();
  const theme = useTheme();
  const router = useRouter();
  const locale = i18n.language;
  const [res, refetch] = useQuery({ query: HomeQuery, variables: { quote: QUOTE } });
  const [live] = useSubscription({ query: LivePnlSubscription, variables: { quote: QUOTE, maxRate: 2 } });
  const [statsRes, refetchStats] = useQuery({ query: PlatformStatsQuery });
  const portfolio = live.data?.livePnl ?? res.data?.portfolio;

  if (!portfolio && (res.fetching || (!res.error && !res.data))) return <Loading />;
  if (!portfolio) {
    return <ErrorState message={t(errorKey(res.error) ?? 'errors.generic')} onRetry={() => refetch({ requestPolicy: 'network-only' })} />;
  }

  const quote = portfolio.quote;
  const total = addDecimals(portfolio.realisedPnl, portfolio.unrealisedPnl);
  const positions = portfolio.positions.filter((p) => Number(p.qty) !== 0);
  const stats = statsRes.data?.platformStats;
  const pnl = (label: string, value: string, testID: string) => (
    <View style={styles.pnl} accessible accessibilityLabel={`${label}: ${formatSigned(value, quote, locale)}`}>
      <Text style={{ color: theme.muted, fontSize: 12 }}>{label}</Text>
      <Text style={[styles.pnlValue, { color: pnlColor(value, theme) }]} testID={testID}>
        {formatSigned(value, quote, locale)}
      </Text>
    </View>
  );
  const dayChange = `${formatSigned(portfolio.dayChange, quote, locale)}${portfolio.dayChangePct != null ? ` (${formatSignedPct(portfolio.dayChangePct, locale)})` : ''}`;

  return (
    <ScrollView
      style={{ backgroundColor: theme.background }}
      contentContainerStyle={styles.content}
      refreshControl={
        <RefreshControl
          refreshing={false}
          onRefresh={() => {
            refetch({ requestPolicy: 'network-only' });
            refetchStats({ requestPolicy: 'network-only' });
          }}
        />
      }
    >
      <Text style={{ color: theme.muted }}>{t('home.totalValue')}</Text>
      <Text
        accessibilityRole="header"
        accessibilityLabel={`${t('home.totalValue')}: ${formatQuote(portfolio.totalValue, quote, locale)}`}
        style={[styles.total, { color: theme.text }]}
        testID="home-total"
      >
        {formatQuote(portfolio.totalValue, quote, locale)}
      </Text>
      <View style={styles.row}>
        <Text style={[styles.day, { color: pnlColor(portfolio.dayChange, theme) }]} testID="home-day-change" accessibilityLabel={`${t('home.dayChange')}: ${dayChange}`}>
          {dayChange}
        </Text>
        <Text style={{ color: theme.muted }}>{t('home.today')}</Text>
      </View>
      <View style={styles.row}>
        <View style={[styles.dot, { backgroundColor: live.data ? theme.up : theme.muted }]} />
        <Text style={{ color: theme.muted, fontSize: 12 }} testID="home-live">
          {live.data ? t('home.live', { time: formatTime(portfolio.asOf, locale) }) : t('home.asOf', { time: formatTime(portfolio.asOf, locale) })}
        </Text>
      </View>

      <View style={[styles.card, { backgroundColor: theme.surface, borderColor: theme.border }]}>
        {pnl(t('home.realised'), portfolio.realisedPnl, 'home-realised')}
        {pnl(t('home.unrealised'), portfolio.unrealisedPnl, 'home-unrealised')}
        {pnl(t('home.totalPnl'), total, 'home-total-pnl')}
      </View>
      {portfolio.unpriced.length > 0 ? (
        <Text style={{ color: theme.muted, marginTop: 8 }} testID="home-unpriced">
          {t('home.unpriced', { currencies: portfolio.unpriced.join(', ') })}
        </Text>
      ) : null}

      <Text accessibilityRole="header" style={[styles.section, { color: theme.text }]}>
        {t('home.positions')}
      </Text>
      {positions.length === 0 ? (
        <View testID="home-no-positions" style={{ paddingVertical: 12 }}>
          <Text style={{ color: theme.muted }}>{t('home.noPositions')}</Text>
        </View>
      ) : (
        positions.map((p) => (
          <PositionRow
            key={`${p.accountId}-${p.symbol}`}
            position={p}
            quote={quote}
            onPress={() =>
              router.push({
                pathname: '/market/[symbol]',
                params: { symbol: symbolToSlug(p.symbol), ...(p.venue === 'sim' ? {} : { venue: p.venue }) },
              })
            }
          />
        ))
      )}

      <Text accessibilityRole="header" style={[styles.section, { color: theme.text }]}>
        {t('home.platform')}
      </Text>
      {stats ? (
        <Text style={{ color: theme.muted }} testID="home-platform">
          {t('home.platformLine', {
            trades: formatCompact(stats.totalTrades, locale),
            volume: formatCompact(stats.volumeQuote, locale),
            quote,
            traders: formatCompact(stats.activeTraders, locale),
            copied: formatCompact(stats.copiedCapital, locale),
          })}
        </Text>
      ) : statsRes.error ? (
        <Text style={{ color: theme.muted }} testID="home-platform-error">
          {t('home.platformUnavailable')}
        </Text>
      ) : (
        <Text style={{ color: theme.muted }}>{t('common.loading')}</Text>
      )}
    </ScrollView>
  );
}

const styles = StyleSheet.create({
  content: { padding: 16, paddingBottom: 48 },
  total: { fontSize: 34, fontWeight: '700', fontVariant: ['tabular-nums'], marginTop: 4 },
  row: { flexDirection: 'row', alignItems: 'center', gap: 8, marginTop: 6 },
  day: { fontSize: 17, fontWeight: '600' },
  dot: { width: 8, height: 8, borderRadius: 4 },
  card: { flexDirection: 'row', marginTop: 16, padding: 12, borderRadius: 12, borderWidth: StyleSheet.hairlineWidth },
  pnl: { flex: 1 },
  pnlValue: { fontSize: 15, fontWeight: '600', fontVariant: ['tabular-nums'] },
  section: { fontSize: 18, fontWeight: '700', marginTop: 24, marginBottom: 8 },
});
