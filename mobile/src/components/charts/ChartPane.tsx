import { Pressable, ScrollView, StyleSheet, Text, View } from 'react-native';
import { useTranslation } from 'react-i18next';
import { useQuery, useSubscription } from 'urql';
import { AreaChart } from '../AreaChart';
import { CandlesQuery } from '../../graphql/documents';
import { LiveCandlesSubscription } from '../../graphql/home';
import type { LiveCandlesSubscription as LiveCandlesData } from '../../gql/graphql';
import { errorKey } from '../../graphql/errors';
import { foldLive, mergeCandles } from '../home/liveCandles';
import { Empty, ErrorState, Loading } from '../States';
import { formatNumber } from '../../format';
import { useTheme } from '../../theme';
import type { PaneChoice } from './layout';

/** Candles per pane (fewer than the trade screen: up to four charts share the screen). */
export const PANE_CANDLE_LIMIT = 90;

type LiveCandle = LiveCandlesData['candles']['candle'];
type LiveCandles = { key: string; candles: LiveCandle[] };

/** One option of a pane's symbol or timeframe picker (radio, 44 pt). */
function Choice({ text, label, selected, onPress, testID }: { text: string; label: string; selected: boolean; onPress: () => void; testID: string }) {
  const theme = useTheme();
  return (
    <Pressable
      accessibilityRole="radio"
      accessibilityLabel={label}
      accessibilityState={{ selected, checked: selected }}
      aria-checked={selected}
      onPress={onPress}
      style={[styles.choice, { borderColor: theme.accent, backgroundColor: selected ? theme.accent : 'transparent' }]}
      testID={testID}
    >
      <Text style={{ color: selected ? theme.onAccent : theme.accent, fontWeight: '600' }}>{text}</Text>
    </Pressable>
  );
}

/**
 * One live chart of the grid: Query.candles for the history, Subscription.candles for the forming
 * candle (it replaces the history's last one while it forms), with its own symbol and timeframe pickers.
 */
export function ChartPane({
  index,
  choice,
  symbols,
  timeframes,
  width,
  height,
  onChange,
}: {
  index: number;
  choice: PaneChoice;
  symbols: readonly string[];
  timeframes: readonly string[];
  width: number;
  height: number;
  onChange: (next: PaneChoice) => void;
}) {
  const { t, i18n } = useTranslation();
  const theme = useTheme();
  const locale = i18n.language;
  const { symbol, timeframe } = choice;
  const pane = index + 1;
  const key = `${symbol}|${timeframe}`;

  const [candlesRes, refetch] = useQuery({
    query: CandlesQuery,
    variables: { symbol, timeframe, limit: PANE_CANDLE_LIMIT },
  });
  const [live] = useSubscription(
    { query: LiveCandlesSubscription, variables: { symbol, timeframe, last: 1, maxRate: 2 } },
    (prev: LiveCandles | undefined, data: LiveCandlesData): LiveCandles => {
      const { symbol: s, timeframe: tf, candle } = data.candles;
      const k = `${s}|${tf}`;
      return { key: k, candles: foldLive(prev?.key === k ? prev.candles : [], candle) };
    },
  );
  const liveForPane = live.data?.key === key ? live.data.candles : [];
  const candles = mergeCandles(candlesRes.data?.candles ?? [], liveForPane, PANE_CANDLE_LIMIT);
  const last = candles.length > 0 ? candles[candles.length - 1] : null;
  const points = candles.map((c) => ({ value: Number(c.close) }));
  const values = points.map((p) => p.value);
  const min = values.length ? Math.min(...values) : 0;
  const max = values.length ? Math.max(...values) : 0;
  // The pane's width less its padding (2 × 12), the y-axis labels (56) and a small right margin.
  const chartWidth = Math.max(140, width - 24 - 56 - 8);

  let body;
  if (candlesRes.fetching && candles.length === 0) body = <Loading testID={`pane-${pane}-loading`} />;
  else if (candlesRes.error && candles.length === 0) {
    body = <ErrorState message={t(errorKey(candlesRes.error) ?? 'errors.generic')} onRetry={() => refetch({ requestPolicy: 'network-only' })} />;
  } else if (points.length === 0) body = <Empty message={t('charts.noCandles')} />;
  else {
    body = (
      <View
        accessible
        accessibilityRole="image"
        accessibilityLabel={t('charts.chartLabel', { pane, symbol, timeframe, count: points.length })}
        testID={`pane-${pane}-chart`}
      >
        <AreaChart
          data={points}
          width={chartWidth}
          height={height}
          min={min}
          max={max}
          fadeTo={theme.surface}
          yAxisLabelWidth={56}
          sections={3}
          formatYLabel={(label: string) => formatNumber(label, locale, 2)}
        />
      </View>
    );
  }

  return (
    <View
      style={[styles.pane, { width, backgroundColor: theme.surface, borderColor: theme.border }]}
      testID={`pane-${pane}`}
    >
      <View style={styles.head}>
        <Text
          accessibilityRole="header"
          accessibilityLabel={t('charts.paneHeader', { pane, symbol, timeframe })}
          style={[styles.title, { color: theme.text }]}
          testID={`pane-${pane}-title`}
        >
          {`${symbol} · ${timeframe}`}
        </Text>
        {last ? (
          <Text
            style={[styles.last, { color: last.closed ? theme.text : theme.accent }]}
            accessibilityLabel={t(last.closed ? 'charts.lastLabel' : 'charts.formingLabel', { price: formatNumber(last.close, locale) })}
            testID={`pane-${pane}-last`}
          >
            {formatNumber(last.close, locale)}
          </Text>
        ) : null}
      </View>
      <ScrollView horizontal showsHorizontalScrollIndicator={false} accessibilityRole="radiogroup" accessibilityLabel={t('charts.symbolPicker', { pane })} contentContainerStyle={styles.choices}>
        {symbols.map((s) => (
          <Choice
            key={s}
            text={s}
            label={t('charts.symbolLabel', { pane, symbol: s })}
            selected={s === symbol}
            onPress={() => onChange({ symbol: s, timeframe })}
            testID={`pane-${pane}-symbol-${s}`}
          />
        ))}
      </ScrollView>
      <ScrollView horizontal showsHorizontalScrollIndicator={false} accessibilityRole="radiogroup" accessibilityLabel={t('charts.timeframePicker', { pane })} contentContainerStyle={styles.choices}>
        {timeframes.map((tf) => (
          <Choice
            key={tf}
            text={tf}
            label={t('charts.timeframeLabel', { pane, timeframe: tf })}
            selected={tf === timeframe}
            onPress={() => onChange({ symbol, timeframe: tf })}
            testID={`pane-${pane}-timeframe-${tf}`}
          />
        ))}
      </ScrollView>
      <View style={[styles.chart, { minHeight: height + 24 }]}>{body}</View>
    </View>
  );
}

const styles = StyleSheet.create({
  pane: { borderWidth: StyleSheet.hairlineWidth, borderRadius: 12, padding: 12 },
  head: { flexDirection: 'row', alignItems: 'baseline', justifyContent: 'space-between', gap: 8 },
  title: { fontSize: 16, fontWeight: '700', flexShrink: 1 },
  last: { fontSize: 16, fontWeight: '600', fontVariant: ['tabular-nums'] },
  choices: { flexDirection: 'row', gap: 6, paddingVertical: 4 },
  choice: { minHeight: 44, minWidth: 44, borderWidth: 1, borderRadius: 8, alignItems: 'center', justifyContent: 'center', paddingHorizontal: 10 },
  chart: { marginTop: 8 },
});
