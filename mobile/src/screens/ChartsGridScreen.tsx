import { useCallback, useEffect, useState } from 'react';
import { Pressable, ScrollView, StyleSheet, Text, useWindowDimensions, View } from 'react-native';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { Stack } from 'expo-router';
import { MarketsQuery, TimeframesQuery } from '../graphql/documents';
import { errorKey } from '../graphql/errors';
import { Empty, ErrorState, Loading } from '../components/States';
import { ChartPane } from '../components/charts/ChartPane';
import {
  GRID_LAYOUTS,
  gridColumns,
  parseGridPref,
  resolvePanes,
  serializeGrid,
  type GridLayout,
  type PaneChoice,
} from '../components/charts/layout';
import { loadPref, PREF_CHART_GRID, savePref } from '../storage/prefs';
import { useTheme } from '../theme';

const PADDING = 16;
const GAP = 12;
/** Wider than this the grid stops growing (it is centred). */
const MAX_WIDTH = 1400;

/**
 * Trade › multi-chart grid: 1, 2 or 4 live candle charts, each with its own symbol and timeframe.
 * 2 and 4 sit side by side (1×2, 2×2) on wide screens and stack on narrow ones; the layout and the
 * panes' choices are remembered (prefs).
 */
export default function ChartsGridScreen() {
  const { t } = useTranslation();
  const theme = useTheme();
  const { width } = useWindowDimensions();
  const [marketsRes, refetchMarkets] = useQuery({ query: MarketsQuery });
  const [tfRes, refetchTf] = useQuery({ query: TimeframesQuery });
  const [restored, setRestored] = useState(false);
  const [layout, setLayout] = useState<GridLayout>(1);
  const [choices, setChoices] = useState<PaneChoice[]>([]);

  useEffect(() => {
    let live = true;
    void loadPref(PREF_CHART_GRID).then((raw) => {
      if (!live) return;
      const saved = parseGridPref(raw);
      if (saved) {
        setLayout(saved.layout);
        setChoices(saved.panes);
      }
      setRestored(true);
    });
    return () => {
      live = false;
    };
  }, []);

  const symbols = marketsRes.data?.markets.map((m) => m.symbol) ?? [];
  const timeframes = tfRes.data?.timeframes ?? [];

  const persist = useCallback((nextLayout: GridLayout, nextChoices: PaneChoice[]) => {
    void savePref(PREF_CHART_GRID, serializeGrid({ layout: nextLayout, panes: nextChoices }));
  }, []);

  const pickLayout = (next: GridLayout) => {
    // Keep every pane chosen so far (going 4 → 1 → 4 brings the same charts back).
    const kept = resolvePanes(choices, Math.max(next, choices.length), symbols, timeframes);
    setLayout(next);
    setChoices(kept);
    persist(next, kept);
  };
  const changePane = (index: number, next: PaneChoice) => {
    const all = resolvePanes(choices, Math.max(layout, choices.length), symbols, timeframes);
    all[index] = next;
    setChoices(all);
    persist(layout, all);
  };

  const loading = !restored || (marketsRes.fetching && !marketsRes.data) || (tfRes.fetching && !tfRes.data);
  if (loading) return <Loading />;
  const error = (!marketsRes.data && marketsRes.error) || (!tfRes.data && tfRes.error);
  if (error) {
    return (
      <ErrorState
        message={t(errorKey(error) ?? 'errors.generic')}
        onRetry={() => {
          refetchMarkets({ requestPolicy: 'network-only' });
          refetchTf({ requestPolicy: 'network-only' });
        }}
      />
    );
  }
  if (symbols.length === 0 || timeframes.length === 0) return <Empty message={t('charts.empty')} />;

  const panes = resolvePanes(choices, layout, symbols, timeframes);
  const columns = gridColumns(layout, width);
  const inner = Math.min(width, MAX_WIDTH) - 2 * PADDING;
  const paneWidth = Math.floor((inner - (columns - 1) * GAP) / columns);
  const chartHeight = layout === 1 ? 260 : columns === 2 && layout === 4 ? 150 : 180;

  return (
    <ScrollView style={{ backgroundColor: theme.background }} contentContainerStyle={styles.content} testID="charts-grid">
      <Stack.Screen options={{ title: t('charts.title') }} />
      <View style={styles.bar}>
        <Text accessibilityRole="header" style={[styles.title, { color: theme.text }]}>
          {t('charts.title')}
        </Text>
        <View accessibilityRole="radiogroup" accessibilityLabel={t('charts.layout')} style={styles.layouts}>
          {GRID_LAYOUTS.map((n) => {
            const selected = n === layout;
            return (
              <Pressable
                key={n}
                accessibilityRole="radio"
                accessibilityLabel={t(`charts.layout${n}`)}
                accessibilityState={{ selected, checked: selected }}
                aria-checked={selected}
                onPress={() => pickLayout(n)}
                style={[styles.layout, { borderColor: theme.accent, backgroundColor: selected ? theme.accent : 'transparent' }]}
                testID={`layout-${n}`}
              >
                <Text style={{ color: selected ? theme.onAccent : theme.accent, fontWeight: '700' }}>{n}</Text>
              </Pressable>
            );
          })}
        </View>
      </View>
      <View
        style={[styles.grid, { flexDirection: columns === 2 ? 'row' : 'column', width: inner }]}
        testID={`grid-columns-${columns}`}
      >
        {panes.map((choice, i) => (
          <ChartPane
            key={i}
            index={i}
            choice={choice}
            symbols={symbols}
            timeframes={timeframes}
            width={paneWidth}
            height={chartHeight}
            onChange={(next) => changePane(i, next)}
          />
        ))}
      </View>
    </ScrollView>
  );
}

const styles = StyleSheet.create({
  content: { padding: PADDING, paddingBottom: 48, alignItems: 'center' },
  bar: { flexDirection: 'row', alignItems: 'center', justifyContent: 'space-between', alignSelf: 'stretch', marginBottom: 12, gap: 8, flexWrap: 'wrap' },
  title: { fontSize: 22, fontWeight: '700' },
  layouts: { flexDirection: 'row', gap: 8 },
  layout: { minHeight: 44, minWidth: 44, borderWidth: 1, borderRadius: 8, alignItems: 'center', justifyContent: 'center', paddingHorizontal: 12 },
  grid: { flexWrap: 'wrap', gap: GAP },
});
