import { Pressable, StyleSheet, Text, View } from 'react-native';
import { useTranslation } from 'react-i18next';
import { useSubscription } from 'urql';
import { OrderBookSubscription } from '../graphql/documents';
import { formatNumber } from '../format';
import { SIM_VENUE } from './markets/VenueChips';
import { useTheme } from '../theme';

export const BOOK_DEPTH = 10;
export const BOOK_MAX_RATE = 4;

interface Level {
  price: string;
  qty: string;
}

/** Running totals of qty from the best level outwards, as fractions of the deepest total (depth bars). */
export function depthFractions(levels: Level[], maxTotal: number): number[] {
  let running = 0;
  return levels.map((l) => {
    running += Number(l.qty) || 0;
    return maxTotal > 0 ? Math.min(1, running / maxTotal) : 0;
  });
}

function total(levels: Level[]): number {
  return levels.reduce((sum, l) => sum + (Number(l.qty) || 0), 0);
}

/** Live L2 book (orderBook subscription on `venue`, sim by default): asks above, bids below, cumulative depth bars, spread. */
export function OrderBook({
  symbol,
  base,
  quote,
  venue = SIM_VENUE,
  onPickPrice,
}: {
  symbol: string;
  base: string;
  quote: string;
  venue?: string;
  onPickPrice?: (price: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const theme = useTheme();
  const locale = i18n.language;
  const [{ data, error }] = useSubscription({
    query: OrderBookSubscription,
    // sim is the document's default, so its request stays as it was.
    variables: { symbol, depth: BOOK_DEPTH, maxRate: BOOK_MAX_RATE, ...(venue === SIM_VENUE ? {} : { venue }) },
  });
  const book = data?.orderBook;

  if (!book) {
    return (
      <View style={styles.box} testID="book-waiting">
        <Text style={{ color: error ? theme.danger : theme.muted }}>{error ? t('errors.network') : t('book.waiting')}</Text>
      </View>
    );
  }
  const asks = book.asks.slice(0, BOOK_DEPTH);
  const bids = book.bids.slice(0, BOOK_DEPTH);
  const maxTotal = Math.max(total(asks), total(bids));
  const askDepth = depthFractions(asks, maxTotal);
  const bidDepth = depthFractions(bids, maxTotal);

  const row = (level: Level, depth: number, side: 'bid' | 'ask', index: number) => {
    const price = formatNumber(level.price, locale);
    const qty = formatNumber(level.qty, locale);
    const color = side === 'bid' ? theme.up : theme.down;
    return (
      <Pressable
        key={`${side}-${level.price}`}
        accessibilityRole="button"
        accessibilityLabel={t(side === 'bid' ? 'book.bidLabel' : 'book.askLabel', { price, qty })}
        accessibilityHint={t('book.pickHint')}
        onPress={() => onPickPrice?.(level.price)}
        style={styles.row}
        testID={`book-${side}-${index}`}
      >
        <View
          style={[
            styles.bar,
            { width: `${Math.round(depth * 100)}%`, backgroundColor: side === 'bid' ? theme.bidBar : theme.askBar },
          ]}
          testID={`book-${side}-bar-${index}`}
        />
        <Text style={[styles.cell, { color }]}>{price}</Text>
        <Text style={[styles.cell, styles.right, { color: theme.text }]}>{qty}</Text>
      </Pressable>
    );
  };

  return (
    <View style={styles.box} testID="order-book" accessibilityLabel={t('book.title')}>
      <View style={styles.header}>
        <Text style={[styles.headCell, { color: theme.muted }]}>{t('book.price', { quote })}</Text>
        <Text style={[styles.headCell, styles.right, { color: theme.muted }]}>{t('book.amount', { base })}</Text>
      </View>
      {/* Best ask nearest the spread: asks are listed from the highest shown down to the best. */}
      {asks.map((l, i) => ({ l, i })).reverse().map(({ l, i }) => row(l, askDepth[i], 'ask', i))}
      <Text style={[styles.spread, { color: theme.muted }]} testID="book-spread">
        {t('book.spread', { spread: formatNumber(book.spread, locale) })}
      </Text>
      {bids.map((l, i) => row(l, bidDepth[i], 'bid', i))}
    </View>
  );
}

const styles = StyleSheet.create({
  box: { marginTop: 16, minHeight: 80 },
  header: { flexDirection: 'row', paddingHorizontal: 8, paddingBottom: 4 },
  headCell: { flex: 1, fontSize: 12 },
  row: { flexDirection: 'row', alignItems: 'center', minHeight: 44, paddingHorizontal: 8, position: 'relative' },
  bar: { position: 'absolute', top: 2, bottom: 2, end: 0 },
  cell: { flex: 1, fontSize: 14, fontVariant: ['tabular-nums'] },
  right: { textAlign: 'right' },
  spread: { textAlign: 'center', paddingVertical: 6, fontSize: 13 },
});
