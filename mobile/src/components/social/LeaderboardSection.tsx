import { useCallback, useEffect, useState } from 'react';
import { Pressable, Text, View } from 'react-native';
import { useRouter } from 'expo-router';
import { useTranslation } from 'react-i18next';
import { useClient } from 'urql';
import { Empty, ErrorState, Loading } from '../States';
import type { LeaderboardMetric, LeaderboardPeriod, LeaderboardQuery as LeaderboardResult, TraderMetricsFieldsFragment } from '../../gql/graphql';
import { errorKey } from '../../graphql/errors';
import { LeaderboardQuery } from '../../graphql/social';
import { useTheme } from '../../theme';
import { Button } from '../controls';
import { Chips, socialStyles } from './ui';
import { formatMetric } from './metrics';

export const PERIODS: LeaderboardPeriod[] = ['D7', 'D30', 'D90', 'ALL'];
export const METRICS: LeaderboardMetric[] = ['ROI', 'SHARPE', 'SORTINO', 'MAX_DRAWDOWN', 'WIN_RATE', 'TRADES', 'FOLLOWERS', 'COPIED_CAPITAL'];
export const LEADERBOARD_PAGE = 20;

type Row = LeaderboardResult['leaderboard']['edges'][number]['node'];

/** Ranked traders: period and metric pickers, cursor pages; a row opens the trader's profile. */
export function LeaderboardSection() {
  const { t, i18n } = useTranslation();
  const theme = useTheme();
  const router = useRouter();
  const client = useClient();
  const [period, setPeriod] = useState<LeaderboardPeriod>('D30');
  const [metric, setMetric] = useState<LeaderboardMetric>('ROI');
  const [rows, setRows] = useState<Row[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [hasMore, setHasMore] = useState(false);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(
    async (after: string | null) => {
      setLoading(true);
      const res = await client.query(LeaderboardQuery, { period, metric, first: LEADERBOARD_PAGE, after }, { requestPolicy: 'network-only' }).toPromise();
      setLoading(false);
      if (res.error || !res.data) {
        setError(errorKey(res.error) ?? 'errors.generic');
        return;
      }
      setError(null);
      const page = res.data.leaderboard;
      const nodes = page.edges.map((e) => e.node);
      setRows((prev) => (after ? [...prev, ...nodes] : nodes));
      setCursor(page.pageInfo.endCursor ?? null);
      setHasMore(page.pageInfo.hasNextPage);
    },
    [client, period, metric],
  );

  useEffect(() => {
    setRows([]);
    void load(null);
  }, [load]);

  const locale = i18n.language;
  const line = (m: TraderMetricsFieldsFragment) =>
    [
      `${t('social.metrics.ROI')} ${formatMetric('ROI', m, locale)}`,
      `${t('social.metrics.MAX_DRAWDOWN')} ${formatMetric('MAX_DRAWDOWN', m, locale)}`,
      `${t('social.metrics.WIN_RATE')} ${formatMetric('WIN_RATE', m, locale)}`,
    ].join(' · ');

  return (
    <View style={{ gap: 10 }}>
      <Chips
        label={t('social.leaderboard.period')}
        options={PERIODS.map((p) => ({ value: p, label: t(`social.periods.${p}`) }))}
        value={period}
        onChange={setPeriod}
        testID="period"
      />
      <Chips
        label={t('social.leaderboard.metric')}
        options={METRICS.map((m) => ({ value: m, label: t(`social.metrics.${m}`) }))}
        value={metric}
        onChange={setMetric}
        testID="metric"
      />
      {loading && rows.length === 0 && !error ? <Loading /> : null}
      {error && rows.length === 0 ? <ErrorState message={t(error)} onRetry={() => void load(null)} /> : null}
      {!loading && !error && rows.length === 0 ? <Empty message={t('social.leaderboard.empty')} /> : null}
      {rows.map((r) => (
        <Pressable
          key={r.traderId}
          accessibilityRole="button"
          accessibilityLabel={t('social.leaderboard.rowLabel', {
            rank: r.rank,
            handle: r.handle,
            metric: t(`social.metrics.${metric}`),
            value: formatMetric(metric, r.metrics, locale),
          })}
          onPress={() => router.push(`/traders/${encodeURIComponent(r.handle)}` as never)}
          style={[socialStyles.row, { borderColor: theme.border }]}
          testID={`leader-${r.traderId}`}
        >
          <Text style={{ color: theme.muted, width: 32, fontWeight: '700' }}>{r.rank}</Text>
          <View style={{ flex: 1 }}>
            <Text style={{ color: theme.text, fontWeight: '600', fontSize: 15 }}>@{r.handle}</Text>
            <Text style={{ color: theme.muted, fontSize: 13 }}>{line(r.metrics)}</Text>
          </View>
          <Text style={{ color: theme.text, fontWeight: '700' }} testID={`leader-value-${r.traderId}`}>
            {formatMetric(metric, r.metrics, locale)}
          </Text>
        </Pressable>
      ))}
      {hasMore ? <Button label={t('social.more')} onPress={() => void load(cursor)} busy={loading} testID="leaders-more" /> : null}
    </View>
  );
}
