import { useEffect, useState } from 'react';
import { ScrollView, Text, View } from 'react-native';
import { useTranslation } from 'react-i18next';
import { Stack, useLocalSearchParams, useRouter } from 'expo-router';
import { useMutation, useQuery, useSubscription } from 'urql';
import {
  BacktestProgressSubscription,
  BacktestQuery,
  BotDetailQuery,
  BotTemplatesQuery,
  CancelBacktestMutation,
  RunBacktestMutation,
} from '../graphql/bots';
import type { BacktestInput, BacktestStatus } from '../gql/graphql';
import { errorKey } from '../graphql/errors';
import { ErrorState, Loading } from '../components/States';
import { Button, Field } from '../components/controls';
import { SectionHeader, Stat, Toggle, errorCode, fieldError, ui } from '../components/bots/ui';
import { formatFraction, formatRatio, pnlColor, quoteOf } from '../components/bots/format';
import { EquityChart } from '../components/backtests/EquityChart';
import { ProgressBar } from '../components/backtests/ProgressBar';
import { ShareBacktest } from '../components/social/ShareBacktest';
import { Robustness } from '../components/backtests/Robustness';
import { parseGrid, validRuns, validWindows } from '../components/backtests/robustInput';
import { DataSource, SIM_SOURCE, type DataSourceChoice } from '../components/backtests/DataSource';
import { FillModel } from '../components/backtests/FillModel';
import { DataSourceSummary } from '../components/backtests/DataSourceSummary';
import { EMPTY_FILLS, fillInput, type FillOptions } from '../components/backtests/fillInput';
import { formatDateTime, formatMoney, formatNumber } from '../format';
import { useTheme } from '../theme';

export const TRADES_SHOWN = 50;
const FINAL: BacktestStatus[] = ['DONE', 'FAILED', 'CANCELED'];
/** A BAD_USER_INPUT `field` of runBacktest → the form field that shows it. */
const SERVER_FIELDS: Record<string, string> = {
  days: 'days',
  capital: 'capital',
  'monteCarlo.runs': 'mcRuns',
  'walkForward.windows': 'wfWindows',
  'walkForward.grid': 'wfGrid',
  'dataSource.datasetId': 'dataset',
  'dataSource.venue': 'venue',
  spreadBps: 'spreadBps',
  impactFactor: 'impactFactor',
  latencyBars: 'latencyBars',
  partialFillShare: 'partialFillShare',
};

/**
 * Backtest a template (`?templateId=`) or a bot's params (`?botId=`), or follow a job (`/backtests/{id}`):
 * a progress bar from backtestProgress, cancel, then metrics, the equity curve and the trades.
 */
export default function BacktestScreen() {
  const params = useLocalSearchParams<{ templateId?: string; botId?: string; id?: string }>();
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const theme = useTheme();
  const router = useRouter();
  const [templatesRes] = useQuery({ query: BotTemplatesQuery, pause: !params.templateId });
  const [botRes] = useQuery({ query: BotDetailQuery, variables: { id: params.botId ?? '' }, pause: !params.botId });
  const [runRes, run] = useMutation(RunBacktestMutation);
  const [, cancel] = useMutation(CancelBacktestMutation);
  const [jobId, setJobId] = useState<string | null>(params.id ?? null);
  const [days, setDays] = useState('30');
  const [capital, setCapital] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [canceled, setCanceled] = useState(false);
  // Optional robustness checks (Monte Carlo bands, walk-forward over a params grid).
  const [monteCarlo, setMonteCarlo] = useState(false);
  const [mcRuns, setMcRuns] = useState('1000');
  const [walkForward, setWalkForward] = useState(false);
  const [wfWindows, setWfWindows] = useState('4');
  const [wfGrid, setWfGrid] = useState('');
  // The candles (simulated by default) and the optional realistic-fill model.
  const [source, setSource] = useState<DataSourceChoice>(SIM_SOURCE);
  const [fillsOpen, setFillsOpen] = useState(false);
  const [fills, setFills] = useState<FillOptions>(EMPTY_FILLS);

  const [progressRes] = useSubscription({ query: BacktestProgressSubscription, variables: { jobId: jobId ?? '' }, pause: !jobId });
  const frame = progressRes.data?.backtestProgress;
  const status: BacktestStatus | null = canceled ? 'CANCELED' : frame?.status ?? null;
  const done = status === 'DONE';
  const [jobRes, refetchJob] = useQuery({ query: BacktestQuery, variables: { id: jobId ?? '' }, pause: !jobId || !done, requestPolicy: 'network-only' });

  const template = templatesRes.data?.botTemplates.find((tpl) => tpl.id === params.templateId) ?? null;
  const bot = botRes.data?.bot ?? null;
  const symbol = template?.symbol ?? bot?.symbol ?? 'BTC/USDT';
  const quote = quoteOf(symbol);

  useEffect(() => {
    if (template) setCapital((c) => c || template.suggestedCapital);
    else if (!params.templateId) setCapital((c) => c || '10000');
  }, [template?.id]);

  if (!jobId && ((params.templateId && templatesRes.fetching && !templatesRes.data) || (params.botId && botRes.fetching && !botRes.data))) return <Loading />;
  const loadError = params.templateId ? templatesRes.error : params.botId ? botRes.error : undefined;
  if (!jobId && loadError) return <ErrorState message={t(errorKey(loadError) ?? 'errors.generic')} />;

  const subject = template?.name ?? bot?.name ?? null;

  const start = async () => {
    setGeneral(null);
    const local: Record<string, string> = {};
    if (!/^\d+$/.test(days.trim()) || Number(days) < 1 || Number(days) > 365) local.days = t('bots.backtest.daysRange');
    if (!/^\d+(\.\d+)?$/.test(capital.trim()) || Number(capital) <= 0) local.capital = t('bots.create.positive');
    if (monteCarlo && !validRuns(mcRuns)) local.mcRuns = t('bots.robust.runsRange');
    const parsed = walkForward ? parseGrid(wfGrid) : null;
    if (walkForward && !validWindows(wfWindows)) local.wfWindows = t('bots.robust.windowsRange');
    if (parsed?.error) local.wfGrid = t(parsed.error);
    if (source.kind === 'CSV' && !source.datasetId) local.dataset = t('bots.backtestData.pickDataset');
    if (source.kind === 'VENUE' && !source.venue) local.venue = t('bots.backtestData.pickVenue');
    const fill = fillsOpen ? fillInput(fills) : null;
    for (const [key, message] of Object.entries(fill?.errors ?? {})) local[key] = t(message);
    setErrors(local);
    if (Object.keys(local).length > 0) return;
    const input: BacktestInput = { symbol, days: Number(days), capital: capital.trim() };
    if (template) input.templateId = template.id;
    else if (bot) {
      input.kind = bot.kind;
      input.params = bot.params;
    }
    if (monteCarlo) input.monteCarlo = { runs: Number(mcRuns), seed: 0 };
    if (walkForward && parsed?.grid) input.walkForward = { windows: Number(wfWindows), grid: parsed.grid, trainShare: 0.7 };
    if (source.kind === 'CSV' && source.datasetId) {
      input.dataSource = { kind: 'CSV', datasetId: source.datasetId };
      if (source.timeframe) input.timeframe = source.timeframe;
    } else if (source.kind === 'VENUE' && source.venue) input.dataSource = { kind: 'VENUE', venue: source.venue };
    if (fill) Object.assign(input, fill.input);
    const r = await run({ input });
    if (r.error || !r.data) {
      if (source.kind === 'VENUE' && errorCode(r.error) === 'EXCHANGE_UNAVAILABLE') {
        setErrors({ venue: t('bots.backtestData.venueUnavailable') });
        return;
      }
      const named = fieldError(r.error);
      const at = named ? SERVER_FIELDS[named.field.split('.').slice(0, 2).join('.')] ?? (named.field.startsWith('walkForward') ? 'wfGrid' : null) : null;
      if (named && at) setErrors({ [at]: named.message });
      else setGeneral(named ? named.message : t(errorKey(r.error) ?? 'errors.generic'));
      return;
    }
    setCanceled(false);
    setJobId(r.data.runBacktest.id);
  };

  const doCancel = async () => {
    if (!jobId) return;
    const r = await cancel({ id: jobId });
    if (r.data?.cancelBacktest.status === 'CANCELED') setCanceled(true);
  };

  const job = jobRes.data?.backtest;
  const metrics = job?.metrics;
  const running = jobId !== null && (status === null || !FINAL.includes(status));

  return (
    <ScrollView style={{ backgroundColor: theme.background }} contentContainerStyle={ui.content} keyboardShouldPersistTaps="handled">
      <Stack.Screen options={{ title: t('bots.backtest.title'), headerBackTitle: t('common.back') }} />
      <Text accessibilityRole="header" style={{ color: theme.text, fontSize: 22, fontWeight: '700' }}>
        {t('bots.backtest.title')}
      </Text>
      <Text style={{ color: theme.muted, marginBottom: 8 }}>{subject ? t('bots.backtest.subject', { name: subject, symbol }) : params.id ? '' : symbol}</Text>

      {!jobId || status === 'CANCELED' || status === 'FAILED' ? (
        <>
          <Field label={t('bots.backtest.days')} value={days} onChangeText={setDays} error={errors.days} keyboardType="number-pad" testID="backtest-days" />
          <Field label={t('bots.create.capital')} value={capital} onChangeText={setCapital} error={errors.capital} keyboardType="decimal-pad" testID="backtest-capital" />
          <Toggle label={t('bots.robust.askMonteCarlo')} value={monteCarlo} onChange={setMonteCarlo} testID="backtest-mc" />
          {monteCarlo ? (
            <Field label={t('bots.robust.runsField')} value={mcRuns} onChangeText={setMcRuns} error={errors.mcRuns} keyboardType="number-pad" testID="backtest-mc-runs" />
          ) : null}
          <Toggle label={t('bots.robust.askWalkForward')} value={walkForward} onChange={setWalkForward} testID="backtest-wf" />
          {walkForward ? (
            <>
              <Field label={t('bots.robust.windowsField')} value={wfWindows} onChangeText={setWfWindows} error={errors.wfWindows} keyboardType="number-pad" testID="backtest-wf-windows" />
              <Field
                label={t('bots.robust.gridField')}
                value={wfGrid}
                onChangeText={setWfGrid}
                error={errors.wfGrid}
                placeholder="levels=5,10,20"
                autoCapitalize="none" autoCorrect={false} testID="backtest-wf-grid"
              />
            </>
          ) : null}
          <DataSource
            value={source}
            onChange={(v) => {
              setSource(v);
              setErrors(({ dataset: _d, venue: _v, ...rest }) => rest);
            }}
            symbol={symbol} errors={{ dataset: errors.dataset, venue: errors.venue }} />
          <FillModel open={fillsOpen} onOpen={setFillsOpen} value={fills} onChange={setFills} errors={errors} />
          {general ? (
            <Text accessibilityRole="alert" style={{ color: theme.danger }} testID="backtest-error">
              {general}
            </Text>
          ) : null}
          <View style={ui.actions}>
            <Button
              label={jobId ? t('bots.backtest.runAgain') : t('bots.backtest.run')}
              kind="primary"
              disabled={runRes.fetching || (!template && !bot)}
              onPress={() => void start()}
              testID="backtest-run"
            />
          </View>
        </>
      ) : null}

      {running ? (
        <View testID="backtest-running">
          <ProgressBar progress={frame?.progress ?? 0} etaSeconds={frame?.etaSeconds} />
          <View style={ui.actions}>
            <Button label={t('bots.backtest.cancel')} kind="danger" onPress={() => void doCancel()} testID="backtest-cancel" />
          </View>
        </View>
      ) : null}
      {status === 'CANCELED' ? (
        <Text accessibilityRole="alert" style={{ color: theme.muted }} testID="backtest-canceled">
          {t('bots.backtest.canceled')}
        </Text>
      ) : null}
      {status === 'FAILED' ? (
        <Text accessibilityRole="alert" style={{ color: theme.danger }} testID="backtest-failed">
          {t('bots.backtest.failed', { error: frame?.error ?? '' })}
        </Text>
      ) : null}

      {done && jobRes.fetching && !job ? <Loading /> : null}
      {done && jobRes.error && !job ? (
        <ErrorState message={t(errorKey(jobRes.error) ?? 'errors.generic')} onRetry={() => refetchJob({ requestPolicy: 'network-only' })} />
      ) : null}
      {job && metrics ? (
        <View testID="backtest-results">
          <SectionHeader>{t('bots.backtest.results')}</SectionHeader>
          <DataSourceSummary input={job.input} />
          <View style={ui.stats} testID="backtest-metrics">
            <Stat label={t('bots.metrics.totalReturn')} value={formatFraction(metrics.totalReturn, locale, true)} color={pnlColor(String(metrics.totalReturn), theme)} testID="metric-totalReturn" />
            <Stat label={t('bots.metrics.finalEquity')} value={formatMoney(String(metrics.finalEquity), quote, locale, 2)} testID="metric-finalEquity" />
            <Stat label={t('bots.metrics.maxDrawdown')} value={formatFraction(metrics.maxDrawdown, locale)} testID="metric-maxDrawdown" />
            <Stat label={t('bots.metrics.sharpe')} value={formatRatio(metrics.sharpe, locale)} />
            <Stat label={t('bots.metrics.sortino')} value={formatRatio(metrics.sortino, locale)} />
            <Stat label={t('bots.metrics.winRate')} value={formatFraction(metrics.winRate, locale)} />
            <Stat label={t('bots.metrics.profitFactor')} value={formatRatio(metrics.profitFactor, locale)} />
            <Stat label={t('bots.metrics.trades')} value={formatNumber(String(metrics.trades), locale)} testID="metric-trades" />
            <Stat label={t('bots.fees')} value={formatMoney(metrics.feesPaid, quote, locale, 2)} />
          </View>
          {job.equityCurve.length > 1 ? <EquityChart points={job.equityCurve} currency={quote} /> : null}
          <Robustness job={job} currency={quote} />
          <SectionHeader>{t('bots.backtest.trades')}</SectionHeader>
          {job.trades.length === 0 ? <Text style={{ color: theme.muted }}>{t('bots.backtest.noTrades')}</Text> : null}
          {job.trades.slice(0, TRADES_SHOWN).map((trade, i) => (
            <View key={`${trade.time}-${i}`} style={[ui.row, { borderColor: theme.border, minHeight: 44 }]} testID={`backtest-trade-${i}`}>
              <Text style={{ color: trade.side.toLowerCase() === 'buy' ? theme.up : theme.down, flex: 1, fontWeight: '600' }}>
                {t('bots.order', {
                  side: t(`orders.side.${trade.side.toUpperCase() === 'SELL' ? 'SELL' : 'BUY'}`),
                  qty: formatNumber(trade.qty, locale),
                  price: formatNumber(trade.price, locale),
                })}
              </Text>
              <Text style={{ color: theme.muted, fontSize: 12 }}>{formatDateTime(trade.time, locale)}</Text>
            </View>
          ))}
          {job.trades.length > TRADES_SHOWN || job.tradesTruncated ? (
            <Text style={{ color: theme.muted }}>{t('bots.backtest.moreTrades', { n: formatNumber(String(Math.max(0, job.trades.length - TRADES_SHOWN)), locale) })}</Text>
          ) : null}
          <SectionHeader>{t('social.backtestPost.share')}</SectionHeader>
          <ShareBacktest key={job.id} backtestId={job.id} />
          {template ? (
            <View style={ui.actions}>
              <Button
                label={t('bots.useTemplate')}
                kind="primary"
                onPress={() => router.push({ pathname: '/bots/new', params: { templateId: template.id } })}
                testID="backtest-use-template"
              />
            </View>
          ) : null}
        </View>
      ) : null}
    </ScrollView>
  );
}
