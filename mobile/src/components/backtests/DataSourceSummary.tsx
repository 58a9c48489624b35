import { Text, View } from 'react-native';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { useQuery } from 'urql';
import { CandleDatasetsQuery } from '../../graphql/backtestData';
import { MarketVenuesQuery } from '../../graphql/documents';
import { formatDateTime, formatNumber } from '../../format';
import { useTheme } from '../../theme';

/** `BacktestJob.input.data_source` as the server stores it (api/services/backtests/service.py). */
export type StoredSource =
  | { kind: 'sim'; seed: number | null }
  | { kind: 'csv'; datasetId: string | null; timeframe: string | null; rows: number | null; first: string | null; last: string | null }
  | { kind: 'venue'; venue: string; timeframe: string | null; rows: number | null; first: string | null; last: string | null };

const str = (v: unknown) => (typeof v === 'string' && v ? v : null);
const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** Reads the data source out of a job's `input` JSON; null when there is no input to read. */
export function storedSource(input: unknown): StoredSource | null {
  if (!input || typeof input !== 'object') return null;
  const spec = input as Record<string, unknown>;
  const raw = (spec.data_source ?? spec.dataSource ?? { kind: 'sim' }) as Record<string, unknown>;
  const kind = String(raw.kind ?? 'sim').toLowerCase();
  const timeframe = str(spec.timeframe);
  const range = { rows: num(raw.rows), first: str(raw.first), last: str(raw.last) };
  if (kind === 'csv') return { kind: 'csv', datasetId: str(raw.dataset_id ?? raw.datasetId), timeframe, ...range };
  if (kind === 'venue' && str(raw.venue)) return { kind: 'venue', venue: String(raw.venue), timeframe, ...range };
  return { kind: 'sim', seed: num(spec.seed) };
}

const capitalised = (id: string) => id.charAt(0).toUpperCase() + id.slice(1);

/** The data source in words: "Simulated data, seed 7", "Imported CSV: <name>", "Binance candles 1h". */
export function describeSource(source: StoredSource, t: TFunction, names: { dataset?: string | null; venue?: string | null }): string {
  if (source.kind === 'sim') return source.seed === null ? t('backtestSource.sim', { seed: '—' }) : t('backtestSource.sim', { seed: source.seed });
  if (source.kind === 'csv') return t('backtestSource.csv', { name: names.dataset ?? t('backtestSource.deleted') });
  return t('backtestSource.venue', { venue: names.venue ?? capitalised(source.venue), timeframe: source.timeframe ?? '' }).trim();
}

/** "from – to · N candles" of imported or fetched candles (intraday timeframes with times). */
export function describeRange(source: StoredSource, t: TFunction, locale: string): string | null {
  if (source.kind === 'sim' || !source.first || !source.last) return null;
  const daily = source.timeframe === '1d' || source.timeframe === '1w';
  const when = (iso: string) => (daily ? new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(iso)) : formatDateTime(iso, locale));
  return t('backtestSource.range', { from: when(source.first), to: when(source.last), rows: formatNumber(String(source.rows ?? 0), locale) });
}

/** Where a finished backtest's candles came from, in words (i18n), under its results. */
export function DataSourceSummary({ input }: { input: unknown }) {
  const { t, i18n } = useTranslation();
  const theme = useTheme();
  const source = storedSource(input);
  const [datasetsRes] = useQuery({ query: CandleDatasetsQuery, pause: source?.kind !== 'csv' });
  const [venuesRes] = useQuery({ query: MarketVenuesQuery, pause: source?.kind !== 'venue' });
  if (!source) return null;
  let dataset: string | null = null;
  if (source.kind === 'csv') {
    const found = datasetsRes.data?.candleDatasets.find((d) => d.id === source.datasetId);
    dataset = found?.name ?? (datasetsRes.data ? null : '…');
  }
  const venue = source.kind === 'venue' ? venuesRes.data?.marketVenues.find((v) => v.id === source.venue)?.displayName ?? null : null;
  const text = describeSource(source, t, { dataset, venue });
  const range = describeRange(source, t, i18n.language);
  return (
    <View accessible accessibilityLabel={`${t('backtestSource.label')}: ${text}${range ? `, ${range}` : ''}`} style={{ marginVertical: 8 }} testID="backtest-data-source">
      <Text style={{ color: theme.muted, fontSize: 12 }}>{t('backtestSource.label')}</Text>
      <Text style={{ color: theme.text, fontWeight: '600' }} testID="backtest-data-source-text">
        {text}
      </Text>
      {range ? (
        <Text style={{ color: theme.muted, fontSize: 12 }} testID="backtest-data-source-range">
          {range}
        </Text>
      ) : null}
    </View>
  );
}
