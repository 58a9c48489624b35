import { act, screen } from '@testing-library/react-native';
import { makeSubject } from 'wonka';
import BacktestScreen from '../src/screens/BacktestScreen';
import { DataSourceSummary, storedSource } from '../src/components/backtests/DataSourceSummary';
import i18n from '../src/i18n';
import { calls, data, mockClient, networkError, pending, renderWith } from './helpers';
import { mockParams } from './routerMock';
import { templates } from './botFixtures';

jest.mock('expo-router', () => ({
  useLocalSearchParams: () => require('./routerMock').mockParams.current,
  useRouter: () => require('./routerMock').mockRouter,
  Stack: { Screen: () => null },
}));

beforeEach(() => {
  jest.useFakeTimers();
  jest.clearAllMocks();
});
afterEach(async () => {
  jest.useRealTimers();
  await i18n.changeLanguage('en');
});

// `BacktestJob.input` as the server stores it (snake_case, api/services/backtests/service.py).
const spec = { symbol: 'BTC/USDT', kind: 'grid', timeframe: '1h', days: 30, seed: 7 };
const simInput = { ...spec, data_source: { kind: 'sim' } };
const csvInput = { ...spec, timeframe: '1d', data_source: { kind: 'csv', dataset_id: 'ds-1', rows: 200, first: '2026-01-01T00:00:00+00:00', last: '2026-07-19T00:00:00+00:00' } };
const venueInput = { ...spec, data_source: { kind: 'venue', venue: 'binance', rows: 720, first: '2026-11-01T00:00:00+00:00', last: '2026-11-30T23:00:00+00:00' } };
const dataset = (id: string, name: string) => ({ __typename: 'CandleDataset', id, name, symbol: 'BTC/USDT', timeframe: '1d', rows: 200, firstTime: '2026-01-01T00:00:00+00:00', lastTime: '2026-07-19T00:00:00+00:00', createdAt: '2026-12-01T00:00:00+00:00' });
const BINANCE = { __typename: 'MarketVenue', id: 'binance', displayName: 'Binance', simulated: false, live: true };

test('the job input is read whatever its data source (older jobs without one were simulated)', () => {
  expect(storedSource(simInput)).toEqual({ kind: 'sim', seed: 7 });
  expect(storedSource(spec)).toEqual({ kind: 'sim', seed: 7 });
  expect(storedSource(csvInput)).toMatchObject({ kind: 'csv', datasetId: 'ds-1', timeframe: '1d', rows: 200 });
  expect(storedSource(venueInput)).toMatchObject({ kind: 'venue', venue: 'binance', timeframe: '1h', rows: 720 });
  expect(storedSource(null)).toBeNull();
});

test('simulated history: the seed, and no other request', async () => {
  const { client, run } = mockClient({});
  await renderWith(<DataSourceSummary input={simInput} />, client);
  expect(screen.getByTestId('backtest-data-source-text')).toHaveTextContent('Simulated data, seed 7');
  expect(screen.queryByTestId('backtest-data-source-range')).toBeNull();
  expect(screen.getByLabelText('Data source: Simulated data, seed 7')).toBeOnTheScreen();
  expect(run).not.toHaveBeenCalled();
});

test('an imported CSV: its name from your candle sets, and the range it covers', async () => {
  const { client } = mockClient({ CandleDatasets: data({ candleDatasets: [dataset('ds-1', 'Binance 1d export')] }) });
  await renderWith(<DataSourceSummary input={csvInput} />, client);
  expect(screen.getByTestId('backtest-data-source-text')).toHaveTextContent('Imported CSV: Binance 1d export');
  expect(screen.getByTestId('backtest-data-source-range')).toHaveTextContent('Jan 1, 2026 – Jul 19, 2026 · 200 candles');
});

test('a CSV set deleted since says so', async () => {
  const { client } = mockClient({ CandleDatasets: data({ candleDatasets: [dataset('ds-9', 'Other')] }) });
  await renderWith(<DataSourceSummary input={csvInput} />, client);
  expect(screen.getByTestId('backtest-data-source-text')).toHaveTextContent('Imported CSV: a deleted candle set');
});

test("a venue's candles: the exchange's name, the timeframe and the period", async () => {
  const { client } = mockClient({ MarketVenues: data({ marketVenues: [BINANCE] }) });
  await renderWith(<DataSourceSummary input={venueInput} />, client);
  expect(screen.getByTestId('backtest-data-source-text')).toHaveTextContent('Binance candles 1h');
  expect(screen.getByTestId('backtest-data-source-range')).toHaveTextContent(/^Nov 1, 2026.* – Nov 30, 2026.* · 720 candles$/);
});

test('the venue id still reads when the venue list cannot be fetched', async () => {
  const { client } = mockClient({ MarketVenues: networkError() });
  await renderWith(<DataSourceSummary input={venueInput} />, client);
  expect(screen.getByTestId('backtest-data-source-text')).toHaveTextContent('Binance candles 1h');
});

test('translated (German)', async () => {
  await i18n.changeLanguage('de');
  const { client } = mockClient({ CandleDatasets: pending() });
  await renderWith(<DataSourceSummary input={simInput} />, client);
  expect(screen.getByTestId('backtest-data-source-text')).toHaveTextContent('Simulierte Daten, Seed 7');
});

test('the backtest results screen shows the data source of the job', async () => {
  mockParams.current = { id: 'job-1' };
  const progress = makeSubject<unknown>();
  const job = {
    __typename: 'BacktestJob', id: 'job-1', status: 'DONE', progress: 1, etaSeconds: null, error: null, input: venueInput,
    metrics: { __typename: 'BacktestMetrics', totalReturn: 0.05, cagr: 0.6, sharpe: 1.2, sortino: 1.5, maxDrawdown: 0.08, winRate: 0.55, profitFactor: 1.4, trades: 0, roundTrips: 0, feesPaid: '0', finalEquity: 1050 },
    equityCurve: [], trades: [], tradesTruncated: false, monteCarlo: null, walkForward: null,
  };
  const { client, run } = mockClient({
    BotTemplates: data(templates),
    BacktestProgress: () => progress.source,
    Backtest: data({ backtest: job }),
    MarketVenues: data({ marketVenues: [BINANCE] }),
    ShareableBacktest: pending(),
    BacktestPost: pending(),
  });
  await renderWith(<BacktestScreen />, client);
  await act(async () => {
    progress.next({ data: { backtestProgress: { __typename: 'BacktestProgress', jobId: 'job-1', status: 'DONE', progress: 1, etaSeconds: null, error: null } } });
  });
  expect(calls(run, 'Backtest')).toHaveLength(1);
  expect(screen.getByTestId('backtest-results')).toBeOnTheScreen();
  expect(screen.getByTestId('backtest-data-source-text')).toHaveTextContent('Binance candles 1h');
});
