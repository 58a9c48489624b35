import { act, fireEvent, screen } from '@testing-library/react-native';
import { makeSubject } from 'wonka';
import BacktestScreen from '../src/screens/BacktestScreen';
import { fillInput, EMPTY_FILLS } from '../src/components/backtests/fillInput';
import { ThemeProvider } from '../src/theme';
import { calls, data, gqlError, mockClient, networkError, once, renderWith, type Handler } from './helpers';
import { mockParams } from './routerMock';
import { templates } from './botFixtures';
import { expectAccessibleControls } from './a11yHelpers';

jest.mock('expo-router', () => ({
  useLocalSearchParams: () => require('./routerMock').mockParams.current,
  useRouter: () => require('./routerMock').mockRouter,
  Stack: { Screen: () => null },
}));

beforeEach(() => {
  jest.useFakeTimers();
  jest.clearAllMocks();
  mockParams.current = { templateId: 'btc-grid' };
});
afterEach(() => jest.useRealTimers());

const queued = { __typename: 'BacktestJob', id: 'job-1', status: 'QUEUED', progress: 0, etaSeconds: null, error: null, metrics: null, equityCurve: [], trades: [], tradesTruncated: false };
const dataset = (id: string, name: string, symbol = 'BTC/USDT', timeframe = '4h') => ({
  __typename: 'CandleDataset',
  id,
  name,
  symbol,
  timeframe,
  rows: 1200,
  firstTime: '2026-01-01T00:00:00+00:00',
  lastTime: '2026-07-17T12:00:00+00:00',
  createdAt: '2026-12-01T00:00:00+00:00',
});

/** The screen with a server-side list of candle sets that import / delete change. */
function setup(extra: Record<string, Handler> = {}, initial = [dataset('ds-1', 'Binance 4h export'), dataset('ds-2', 'ETH daily', 'ETH/USDT', '1d')]) {
  const sets = [...initial];
  const progress = makeSubject<unknown>();
  const mock = mockClient({
    BotTemplates: data(templates),
    RunBacktest: data({ runBacktest: queued }),
    BacktestProgress: () => progress.source,
    CandleDatasets: () => once({ data: { candleDatasets: [...sets] } }),
    ImportCandles: (v) => {
      const created = dataset('ds-new', String(v.name ?? 'Imported'), String(v.symbol), String(v.timeframe));
      sets.push(created);
      return once({ data: { importCandles: created } });
    },
    DeleteCandleDataset: (v) => {
      const i = sets.findIndex((s) => s.id === v.id);
      if (i >= 0) sets.splice(i, 1);
      return once({ data: { deleteCandleDataset: i >= 0 } });
    },
    ...extra,
  });
  return { ...mock, sets };
}

const runButton = () => screen.getByRole('button', { name: 'Backtest' });

test('simulated history is the default: no datasets are loaded and the request has no dataSource', async () => {
  const { client, run } = setup();
  await renderWith(<BacktestScreen />, client);
  expect(screen.getByRole('radio', { name: 'Simulated history' })).toBeSelected();
  await fireEvent.press(runButton());
  expect(calls(run, 'CandleDatasets')).toHaveLength(0);
  expect(calls(run, 'RunBacktest')[0][0].variables).toEqual({ input: { symbol: 'BTC/USDT', days: 30, capital: '1000', templateId: 'btc-grid' } });
});

test('CSV data: a set must be picked; the picked set and its timeframe are sent; the server field message shows at the picker', async () => {
  const { client, run } = setup({ RunBacktest: gqlError('BAD_USER_INPUT', "dataSource.datasetId: the set's symbol is ETH/USDT, not BTC/USDT", { field: 'dataSource.datasetId' }) });
  await renderWith(<BacktestScreen />, client);
  await fireEvent.press(screen.getByRole('radio', { name: 'My CSV data' }));
  expect(calls(run, 'CandleDatasets')).toHaveLength(1);
  expect(screen.getByTestId('dataset-ds-1')).toHaveTextContent(/Binance 4h export: BTC\/USDT 4h, 1,200 candles/);
  expect(screen.getByTestId('dataset-ds-2')).toHaveTextContent(/Not this backtest's symbol \(BTC\/USDT\)/);
  await fireEvent.press(runButton());
  expect(screen.getByTestId('backtest-dataset-error')).toHaveTextContent('Pick one of your data sets');
  expect(calls(run, 'RunBacktest')).toHaveLength(0);

  await fireEvent.press(screen.getByTestId('dataset-pick-ds-2'));
  expect(screen.getByTestId('dataset-pick-ds-2')).toBeSelected();
  await fireEvent.press(runButton());
  expect(calls(run, 'RunBacktest')[0][0].variables).toEqual({
    input: { symbol: 'BTC/USDT', days: 30, capital: '1000', templateId: 'btc-grid', timeframe: '1d', dataSource: { kind: 'CSV', datasetId: 'ds-2' } },
  });
  expect(screen.getByTestId('backtest-dataset-error')).toHaveTextContent("dataSource.datasetId: the set's symbol is ETH/USDT, not BTC/USDT");
  expect(screen.queryByTestId('backtest-error')).toBeNull();
  expectAccessibleControls();
});

test('no data sets yet: the empty state', async () => {
  const { client } = setup({}, []);
  await renderWith(<BacktestScreen />, client);
  await fireEvent.press(screen.getByRole('radio', { name: 'My CSV data' }));
  expect(screen.getByTestId('backtest-datasets-empty')).toHaveTextContent('No data sets yet. Import one below.');
});

test('a failed load of the data sets says why and offers a retry', async () => {
  const { client, run } = setup({ CandleDatasets: networkError() });
  await renderWith(<BacktestScreen />, client);
  await fireEvent.press(screen.getByRole('radio', { name: 'My CSV data' }));
  expect(screen.getByTestId('backtest-datasets')).toHaveTextContent(/^Cannot reach the server. Check your connection./);
  await fireEvent.press(screen.getByRole('button', { name: 'Retry' }));
  expect(calls(run, 'CandleDatasets')).toHaveLength(2);
});

test('CSV import: required fields, the server line/column message under the text box, then the new set is listed and picked', async () => {
  let fail = true;
  const { client, run } = setup({
    ImportCandles: (v) => {
      if (fail) {
        fail = false;
        return gqlError('BAD_USER_INPUT', 'csv: line 7: high: below the open/close', { field: 'csv' })(v);
      }
      return once({ data: { importCandles: dataset('ds-new', String(v.name), String(v.symbol), String(v.timeframe)) } });
    },
  });
  await renderWith(<BacktestScreen />, client);
  await fireEvent.press(screen.getByRole('radio', { name: 'My CSV data' }));
  await fireEvent.press(screen.getByRole('button', { name: 'Import a CSV data set' }));
  expect(screen.getByLabelText('Symbol')).toHaveDisplayValue('BTC/USDT');
  await fireEvent.press(screen.getByRole('button', { name: 'Import' }));
  expect(screen.getByTestId('dataset-csv-error')).toHaveTextContent('Paste the CSV text');
  expect(calls(run, 'ImportCandles')).toHaveLength(0);

  const csv = 'time,open,high,low,close,volume\n2026-01-01T00:00:00Z,100,101,99,100.5,12\n';
  await fireEvent.changeText(screen.getByLabelText('Name (optional)'), ' My export ');
  await fireEvent.changeText(screen.getByLabelText('Timeframe'), '1h');
  await fireEvent.changeText(screen.getByLabelText('CSV text'), csv);
  await fireEvent.press(screen.getByRole('button', { name: 'Import' }));
  expect(calls(run, 'ImportCandles')[0][0].variables).toEqual({ symbol: 'BTC/USDT', timeframe: '1h', csv, name: 'My export' });
  expect(screen.getByTestId('dataset-csv-error')).toHaveTextContent('csv: line 7: high: below the open/close');
  expect(screen.getByTestId('dataset-import')).toBeOnTheScreen(); // nothing lost: the text stays to fix

  await fireEvent.press(screen.getByRole('button', { name: 'Import' }));
  expect(screen.queryByTestId('dataset-import')).toBeNull();
  await fireEvent.press(runButton());
  expect(calls(run, 'RunBacktest')[0][0].variables.input).toMatchObject({ timeframe: '1h', dataSource: { kind: 'CSV', datasetId: 'ds-new' } });
});

test('a data set is deleted only after confirming; keeping it sends nothing', async () => {
  const { client, run, sets } = setup();
  await renderWith(<BacktestScreen />, client);
  await fireEvent.press(screen.getByRole('radio', { name: 'My CSV data' }));
  await fireEvent.press(screen.getByTestId('dataset-pick-ds-1'));
  await fireEvent.press(screen.getByRole('button', { name: 'Delete data set Binance 4h export' }));
  expect(screen.getByTestId('dataset-confirm-ds-1')).toHaveTextContent(/^Delete the data set Binance 4h export\?/);
  await fireEvent.press(screen.getByRole('button', { name: 'Keep' }));
  expect(calls(run, 'DeleteCandleDataset')).toHaveLength(0);

  await fireEvent.press(screen.getByRole('button', { name: 'Delete data set Binance 4h export' }));
  await fireEvent.press(screen.getByRole('button', { name: 'Yes, delete' }));
  expect(calls(run, 'DeleteCandleDataset')[0][0].variables).toEqual({ id: 'ds-1' });
  expect(sets.map((s) => s.id)).toEqual(['ds-2']);
  expect(screen.queryByTestId('dataset-ds-1')).toBeNull();
  // The deleted set was the picked one: the backtest asks for another.
  await fireEvent.press(runButton());
  expect(screen.getByTestId('backtest-dataset-error')).toHaveTextContent('Pick one of your data sets');
});

test('exchange history: a venue must be picked; an unconfigured venue and an unreachable one are shown at the picker', async () => {
  let answer: Handler = gqlError('BAD_USER_INPUT', 'dataSource.venue: kraken is not configured on this server', { field: 'dataSource.venue' });
  const { client, run } = setup({ RunBacktest: (v) => answer(v) });
  await renderWith(<BacktestScreen />, client);
  await fireEvent.press(screen.getByRole('radio', { name: 'Exchange history' }));
  await fireEvent.press(runButton());
  expect(screen.getByTestId('backtest-venue-error')).toHaveTextContent('Pick an exchange');
  expect(calls(run, 'RunBacktest')).toHaveLength(0);

  await fireEvent.press(screen.getByRole('radio', { name: 'kraken' }));
  await fireEvent.press(runButton());
  expect(calls(run, 'RunBacktest')[0][0].variables.input.dataSource).toEqual({ kind: 'VENUE', venue: 'kraken' });
  expect(screen.getByTestId('backtest-venue-error')).toHaveTextContent('dataSource.venue: kraken is not configured on this server');

  answer = gqlError('EXCHANGE_UNAVAILABLE', 'unreachable', { field: 'dataSource.venue' });
  await fireEvent.press(runButton());
  expect(screen.getByTestId('backtest-venue-error')).toHaveTextContent('The exchange cannot be reached right now. Try again later or use other data.');
  expectAccessibleControls();
});

test('realistic fills are collapsed by default, validated like the server, and sent when valid', async () => {
  const { client, run } = setup();
  await renderWith(<BacktestScreen />, client);
  expect(screen.queryByLabelText('Spread (bps, 0 to 500)')).toBeNull();
  await fireEvent.press(screen.getByRole('checkbox', { name: 'Realistic fills' }));
  await fireEvent.changeText(screen.getByLabelText('Spread (bps, 0 to 500)'), '501');
  await fireEvent.changeText(screen.getByLabelText('Impact factor (0 to 0.1)'), '0.2');
  await fireEvent.changeText(screen.getByLabelText('Latency (bars, 0 to 100)'), '1.5');
  await fireEvent.changeText(screen.getByLabelText('Partial-fill share (above 0, at most 1)'), '0');
  await fireEvent.press(runButton());
  expect(screen.getByTestId('backtest-spread-error')).toHaveTextContent('Enter 0 to 500 bps');
  expect(screen.getByTestId('backtest-impact-error')).toHaveTextContent('Enter 0 to 0.1');
  expect(screen.getByTestId('backtest-latency-error')).toHaveTextContent('Enter a whole number of bars from 0 to 100');
  expect(screen.getByTestId('backtest-partial-error')).toHaveTextContent('Enter a share above 0 and at most 1');
  expect(calls(run, 'RunBacktest')).toHaveLength(0);

  await fireEvent.changeText(screen.getByLabelText('Spread (bps, 0 to 500)'), '20');
  await fireEvent.changeText(screen.getByLabelText('Impact factor (0 to 0.1)'), '0.01');
  await fireEvent.changeText(screen.getByLabelText('Latency (bars, 0 to 100)'), '2');
  await fireEvent.changeText(screen.getByLabelText('Partial-fill share (above 0, at most 1)'), '0.25');
  await fireEvent.press(runButton());
  expect(calls(run, 'RunBacktest')[0][0].variables).toEqual({
    input: { symbol: 'BTC/USDT', days: 30, capital: '1000', templateId: 'btc-grid', spreadBps: '20', impactFactor: '0.01', latencyBars: 2, partialFillShare: '0.25' },
  });
});

test('a server error on a fill option shows at its field; closing the options sends none of them', async () => {
  const { client, run } = setup({ RunBacktest: gqlError('BAD_USER_INPUT', 'spreadBps: at most 500', { field: 'spreadBps' }) });
  await renderWith(<BacktestScreen />, client);
  await fireEvent.press(screen.getByRole('checkbox', { name: 'Realistic fills' }));
  await fireEvent.changeText(screen.getByLabelText('Spread (bps, 0 to 500)'), '500');
  await fireEvent.press(runButton());
  expect(screen.getByTestId('backtest-spread-error')).toHaveTextContent('spreadBps: at most 500');
  await fireEvent.press(screen.getByRole('checkbox', { name: 'Realistic fills' }));
  await fireEvent.press(runButton());
  expect(calls(run, 'RunBacktest')[1][0].variables.input).not.toHaveProperty('spreadBps');
});

test('fillInput keeps to the server ranges at the edges', () => {
  expect(fillInput(EMPTY_FILLS)).toEqual({ input: {}, errors: {} });
  expect(fillInput({ spreadBps: '0', impactFactor: '0.1', latencyBars: '100', partialFillShare: '1' })).toEqual({
    input: { spreadBps: '0', impactFactor: '0.1', latencyBars: 100, partialFillShare: '1' },
    errors: {},
  });
  expect(fillInput({ spreadBps: '-1', impactFactor: '0.1001', latencyBars: '101', partialFillShare: '1.01' }).errors).toEqual({
    spreadBps: 'bots.backtestData.spreadRange',
    impactFactor: 'bots.backtestData.impactRange',
    latencyBars: 'bots.backtestData.latencyRange',
    partialFillShare: 'bots.backtestData.partialRange',
  });
  expect(fillInput({ ...EMPTY_FILLS, spreadBps: 'abc', partialFillShare: '0.000' }).errors).toEqual({
    spreadBps: 'bots.backtestData.spreadRange',
    partialFillShare: 'bots.backtestData.partialRange',
  });
});

test('the data and fill controls are labelled, 44 pt and use the theme colours in the dark theme', async () => {
  const { client } = setup();
  await renderWith(
    <ThemeProvider initialMode="dark" initialAccent="teal">
      <BacktestScreen />
    </ThemeProvider>,
    client,
  );
  await fireEvent.press(screen.getByRole('radio', { name: 'My CSV data' }));
  await fireEvent.press(screen.getByRole('button', { name: 'Import a CSV data set' }));
  await fireEvent.press(screen.getByRole('checkbox', { name: 'Realistic fills' }));
  await fireEvent.press(screen.getByRole('button', { name: 'Import' }));
  expect(screen.getByTestId('dataset-csv-error')).toHaveStyle({ color: '#f87171' });
  expectAccessibleControls();
  await act(async () => {});
});
