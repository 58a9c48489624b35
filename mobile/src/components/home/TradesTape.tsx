import { StyleSheet, Text, View } from 'react-native';
import { useTranslation } from 'react-i18next';
import { useSubscription } from 'urql';
import { MarketTradesSubscription } from '../../graphql/home';
import type { MarketTradesSubscription as TradesData } from '../../gql/graphql';
import { formatNumber, formatTime } from '../../format';
import { useTheme } from '../../theme';
import { SIM_VENUE } from '../markets/VenueChips';

export const TAPE_SIZE = 20;

type Trade = TradesData['trades']['trades'][number];

/** Newest first, each trade id once (a frame may repeat what an earlier one carried). */
export function mergeTrades(prev: Trade[] | undefined, frame: Trade[], size = TAPE_SIZE): Trade[] {
  const seen = new Set<string>();
  const out: Trade[] = [];
  for (const trade of [...frame].reverse().concat(prev ?? [])) {
    if (seen.has(trade.id)) continue;
    seen.add(trade.id);
    out.push(trade);
    if (out.length >= size) break;
  }
  return out;
}

/** The public trades tape of one symbol on `venue`, sim by default (Subscription.trades: the latest ones, then every new one). */
export function TradesTape({ symbol, base, venue = SIM_VENUE }: { symbol: string; base: string; venue?: string }) {
  const { t, i18n } = useTranslation();
  const theme = useTheme();
  const locale = i18n.language;
  const variables = { symbol, last: TAPE_SIZE, maxRate: 4, ...(venue === SIM_VENUE ? {} : { venue }) };
  const [res] = useSubscription({ query: MarketTradesSubscription, variables }, (prev: Trade[] | undefined, data: TradesData) =>
    data.trades.symbol === symbol ? mergeTrades(prev, data.trades.trades) : prev ?? [],
  );
  const trades = res.data;
  if (!trades) {
    return (
      <Text style={{ color: res.error ? theme.danger : theme.muted }} testID="tape-waiting">
        {res.error ? t('home.tapeError') : t('home.tapeWaiting')}
      </Text>
    );
  }
  if (trades.length === 0) return <Text style={{ color: theme.muted }} testID="tape-empty">{t('home.tapeEmpty')}</Text>;
  return (
    <View testID="trades-tape">
      <View style={styles.row}>
        <Text style={[styles.cell, { color: theme.muted }]}>{t('home.tapePrice')}</Text>
        <Text style={[styles.cell, styles.end, { color: theme.muted }]}>{t('home.tapeQty', { base })}</Text>
        <Text style={[styles.cell, styles.end, { color: theme.muted }]}>{t('home.tapeTime')}</Text>
      </View>
      {trades.map((trade) => {
        const buy = trade.takerSide === 'BUY';
        const price = formatNumber(trade.price, locale);
        const qty = formatNumber(trade.qty, locale);
        const time = formatTime(trade.timestamp, locale);
        return (
          <View
            key={trade.id}
            style={styles.row}
            accessible
            accessibilityLabel={t(buy ? 'home.tapeBuyLabel' : 'home.tapeSellLabel', { qty, base, price, time })}
            testID={`tape-${trade.id}`}
          >
            <Text style={[styles.cell, { color: buy ? theme.up : theme.down, fontWeight: '600' }]}>{price}</Text>
            <Text style={[styles.cell, styles.end, { color: theme.text }]}>{qty}</Text>
            <Text style={[styles.cell, styles.end, { color: theme.muted }]}>{time}</Text>
          </View>
        );
      })}
    </View>
  );
}

const styles = StyleSheet.create({
  row: { flexDirection: 'row', paddingVertical: 3 },
  cell: { flex: 1, fontVariant: ['tabular-nums'], fontSize: 13 },
  end: { textAlign: 'right' },
});
