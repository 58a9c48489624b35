import { useState } from 'react';
import { Text, TextInput, View } from 'react-native';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import type { BacktestDataKind } from '../../gql/graphql';
import { CandleDatasetsQuery, DeleteCandleDatasetMutation, ImportCandlesMutation } from '../../graphql/backtestData';
import { errorKey } from '../../graphql/errors';
import { ErrorState, Loading } from '../States';
import { Button, Field, fieldStyles } from '../controls';
import { Chip, ChipGroup, fieldError, ui } from '../bots/ui';
import { formatDateTime, formatNumber } from '../../format';
import { useTheme } from '../../theme';
import { CsvFileInput } from './CsvFileInput';

/** Where a backtest's candles come from (docs/backtests.md "Data"). */
export type DataSourceChoice = { kind: BacktestDataKind; datasetId: string | null; timeframe: string | null; venue: string | null };

export const SIM_SOURCE: DataSourceChoice = { kind: 'SIM', datasetId: null, timeframe: null, venue: null };
/** Venues offered for exchange history; the server says when one is not configured. */
export const VENUES = ['binance', 'coinbase', 'kraken', 'bybit', 'okx'];
const KINDS: BacktestDataKind[] = ['SIM', 'CSV', 'VENUE'];

/** The data source picker: simulated history, one of your CSV sets (import / delete here), or a venue's history. */
export function DataSource({
  value,
  onChange,
  symbol,
  errors,
}: {
  value: DataSourceChoice;
  onChange: (v: DataSourceChoice) => void;
  symbol: string;
  errors: { dataset?: string; venue?: string };
}) {
  const { t } = useTranslation();
  return (
    <View testID="backtest-source">
      <ChipGroup label={t('bots.backtestData.source')}>
        {KINDS.map((kind) => (
          <Chip
            key={kind}
            label={t(`bots.backtestData.kind.${kind}`)}
            selected={value.kind === kind}
            onPress={() => onChange({ ...SIM_SOURCE, kind })}
            testID={`backtest-source-${kind}`}
          />
        ))}
      </ChipGroup>
      {value.kind === 'CSV' ? <Datasets value={value} onChange={onChange} symbol={symbol} error={errors.dataset} /> : null}
      {value.kind === 'VENUE' ? (
        <>
          <ChipGroup label={t('bots.backtestData.venue')}>
            {VENUES.map((venue) => (
              <Chip key={venue} label={venue} selected={value.venue === venue} onPress={() => onChange({ ...value, venue })} testID={`backtest-venue-${venue}`} />
            ))}
          </ChipGroup>
          <FieldMessage message={errors.venue} testID="backtest-venue-error" />
        </>
      ) : null}
    </View>
  );
}

function FieldMessage({ message, testID }: { message?: string | null; testID: string }) {
  const theme = useTheme();
  if (!message) return null;
  return (
    <Text accessibilityRole="alert" style={{ color: theme.danger, marginTop: 2 }} testID={testID}>
      {message}
    </Text>
  );
}

/** Your imported candle sets: pick one, delete one (confirmed), import another. */
function Datasets({ value, onChange, symbol, error }: { value: DataSourceChoice; onChange: (v: DataSourceChoice) => void; symbol: string; error?: string }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const theme = useTheme();
  const [res, refetch] = useQuery({ query: CandleDatasetsQuery, requestPolicy: 'cache-and-network' });
  const [, remove] = useMutation(DeleteCandleDatasetMutation);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const [importing, setImporting] = useState(false);
  const sets = res.data?.candleDatasets ?? null;

  const doDelete = async (id: string) => {
    setDeleteError(null);
    const r = await remove({ id });
    if (r.error) {
      setDeleteError(t(errorKey(r.error) ?? 'errors.generic'));
      return;
    }
    setConfirming(null);
    if (value.datasetId === id) onChange({ ...value, datasetId: null, timeframe: null });
    refetch({ requestPolicy: 'network-only' });
  };

  return (
    <View testID="backtest-datasets">
      {res.fetching && !sets ? <Loading /> : null}
      {res.error && !sets ? <ErrorState message={t(errorKey(res.error) ?? 'errors.generic')} onRetry={() => refetch({ requestPolicy: 'network-only' })} /> : null}
      {sets && sets.length === 0 ? (
        <Text style={{ color: theme.muted }} testID="backtest-datasets-empty">
          {t('bots.backtestData.empty')}
        </Text>
      ) : null}
      {sets && sets.length > 0 ? (
        <View accessibilityRole="radiogroup" accessibilityLabel={t('bots.backtestData.pickDataset')}>
          {sets.map((set) => {
            const label = t('bots.backtestData.datasetLabel', {
              name: set.name,
              symbol: set.symbol,
              timeframe: set.timeframe,
              rows: formatNumber(String(set.rows), locale),
              from: formatDateTime(set.firstTime, locale),
              to: formatDateTime(set.lastTime, locale),
            });
            const selected = value.datasetId === set.id;
            return (
              <View key={set.id} style={[ui.card, { borderColor: selected ? theme.accent : theme.border }]} testID={`dataset-${set.id}`}>
                <Chip label={label} selected={selected} onPress={() => onChange({ ...value, datasetId: set.id, timeframe: set.timeframe })} testID={`dataset-pick-${set.id}`} />
                {set.symbol !== symbol ? <Text style={{ color: theme.muted, marginTop: 4 }}>{t('bots.backtestData.otherSymbol', { symbol })}</Text> : null}
                {confirming === set.id ? (
                  <View testID={`dataset-confirm-${set.id}`}>
                    <Text style={{ color: theme.text, marginTop: 6 }}>{t('bots.backtestData.deleteConfirm', { name: set.name })}</Text>
                    <View style={ui.actions}>
                      <Button label={t('bots.backtestData.deleteYes')} kind="danger" onPress={() => void doDelete(set.id)} testID={`dataset-delete-yes-${set.id}`} />
                      <Button label={t('bots.backtestData.keep')} onPress={() => setConfirming(null)} testID={`dataset-keep-${set.id}`} />
                    </View>
                    <FieldMessage message={deleteError} testID="dataset-delete-error" />
                  </View>
                ) : (
                  <View style={ui.actions}>
                    <Button
                      label={t('bots.backtestData.delete')}
                      accessibilityLabel={t('bots.backtestData.deleteLabel', { name: set.name })}
                      kind="danger"
                      onPress={() => {
                        setDeleteError(null);
                        setConfirming(set.id);
                      }}
                      testID={`dataset-delete-${set.id}`}
                    />
                  </View>
                )}
              </View>
            );
          })}
        </View>
      ) : null}
      <FieldMessage message={error} testID="backtest-dataset-error" />
      {importing ? (
        <ImportForm
          symbol={symbol}
          onImported={(id, timeframe) => {
            setImporting(false);
            onChange({ ...value, datasetId: id, timeframe });
            refetch({ requestPolicy: 'network-only' });
          }}
          onClose={() => setImporting(false)}
        />
      ) : (
        <View style={ui.actions}>
          <Button label={t('bots.backtestData.showImport')} onPress={() => setImporting(true)} testID="dataset-import-open" />
        </View>
      )}
    </View>
  );
}

/** Name, symbol, timeframe and the pasted CSV text → importCandles; the server's line/column message shows under the text. */
function ImportForm({ symbol: initialSymbol, onImported, onClose }: { symbol: string; onImported: (id: string, timeframe: string) => void; onClose: () => void }) {
  const { t } = useTranslation();
  const theme = useTheme();
  const [res, importCandles] = useMutation(ImportCandlesMutation);
  const [name, setName] = useState('');
  const [symbol, setSymbol] = useState(initialSymbol);
  const [timeframe, setTimeframe] = useState('1h');
  const [csv, setCsv] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string | null>(null);

  const submit = async () => {
    setGeneral(null);
    const local: Record<string, string> = {};
    if (!symbol.trim()) local.symbol = t('bots.backtestData.required');
    if (!timeframe.trim()) local.timeframe = t('bots.backtestData.required');
    if (!csv.trim()) local.csv = t('bots.backtestData.csvRequired');
    setErrors(local);
    if (Object.keys(local).length > 0) return;
    const r = await importCandles({ symbol: symbol.trim(), timeframe: timeframe.trim(), csv, name: name.trim() || null });
    if (r.error || !r.data) {
      const named = fieldError(r.error);
      if (named && ['csv', 'symbol', 'timeframe', 'name'].includes(named.field)) setErrors({ [named.field]: named.message });
      else setGeneral(named ? named.message : t(errorKey(r.error) ?? 'errors.generic'));
      return;
    }
    onImported(r.data.importCandles.id, r.data.importCandles.timeframe);
  };

  return (
    <View style={[ui.card, { borderColor: theme.border, marginTop: 8 }]} testID="dataset-import">
      <Text accessibilityRole="header" style={{ color: theme.text, fontWeight: '600', fontSize: 16 }}>
        {t('bots.backtestData.importTitle')}
      </Text>
      <Field label={t('bots.backtestData.name')} value={name} onChangeText={setName} error={errors.name} testID="dataset-name" />
      <Field label={t('bots.backtestData.symbol')} value={symbol} onChangeText={setSymbol} error={errors.symbol} autoCapitalize="none" autoCorrect={false} testID="dataset-symbol" />
      <Field label={t('bots.backtestData.timeframe')} value={timeframe} onChangeText={setTimeframe} error={errors.timeframe} placeholder="1h" autoCapitalize="none" autoCorrect={false} testID="dataset-timeframe" />
      <View style={fieldStyles.field}>
        <Text style={{ color: theme.muted, marginBottom: 4 }}>{t('bots.backtestData.csv')}</Text>
        <TextInput
          accessibilityLabel={t('bots.backtestData.csv')}
          accessibilityHint={t('bots.backtestData.csvHint')}
          value={csv}
          onChangeText={setCsv}
          multiline
          autoCapitalize="none"
          autoCorrect={false}
          placeholder="time,open,high,low,close,volume"
          placeholderTextColor={theme.muted}
          style={[fieldStyles.input, { minHeight: 120, paddingVertical: 8, textAlignVertical: 'top', fontFamily: 'monospace', color: theme.text, borderColor: errors.csv ? theme.danger : theme.border, backgroundColor: theme.surface }]}
          testID="dataset-csv"
        />
        <Text style={{ color: theme.muted, fontSize: 12, marginTop: 2 }}>{t('bots.backtestData.csvHint')}</Text>
        <CsvFileInput label={t('bots.backtestData.file')} onText={setCsv} />
        <FieldMessage message={errors.csv} testID="dataset-csv-error" />
      </View>
      <FieldMessage message={general} testID="dataset-import-error" />
      <View style={ui.actions}>
        <Button label={t('bots.backtestData.import')} kind="primary" disabled={res.fetching} onPress={() => void submit()} testID="dataset-import-send" />
        <Button label={t('bots.backtestData.close')} onPress={onClose} testID="dataset-import-close" />
      </View>
    </View>
  );
}
