import { act, fireEvent, screen } from '@testing-library/react-native';
import { makeSubject } from 'wonka';
import BacktestScreen, { TRADES_SHOWN } from '../src/screens/BacktestScreen';
import { calls, data, gqlError, mockClient, renderWith, type Handler } from './helpers';
import { mockParams } from './routerMock';
import { botDetail, templates } from './botFixtures';
import { expectAccessibleControls } from './a11yHelpers';

jest.mock('expo-router', () => ({
  useLocalSearchParams: () => require('./routerMock').mockParams.current,
  useRouter: () => require('./routerMock').mockRouter,
  Stack: { Screen: () => null },
}));

// The chart animates with timers: fake ones keep them inside each test.
beforeEach(() => {
  jest.useFakeTimers();
  jest.clearAllMocks();
  mockParams.current = { templateId: 'btc-grid' };
});
afterEach(() => jest.useRealTimers());

const queued = { __typename: 'BacktestJob', id: 'job-1', status: 'QUEUED', progress: 0, etaSeconds: null, error: null, metrics: null, equityCurve: [], trades: [], tradesTruncated: false };
const trade = (i: number) => ({ __typename: 'BacktestTrade', time: new Date(Date.UTC(2026, 10, 1, i)).toISOString(), side: i % 2 ? 'sell' : 'buy', price: String(64000 + i), qty: '0.01', fee: '0.64' });
const doneJob = {
  ...queued,
  status: 'DONE',
  progress: 1,
  metrics: {
    __typename: 'BacktestMetrics',
    totalReturn: 0.0512,
    cagr: 0.8,
    sharpe: 1.9,
    sortino: 2.4,
    maxDrawdown: 0.034,
    winRate: 0.6,
    profitFactor: 1.8,
    trades: 60,
    roundTrips: 30,
    feesPaid: '12.5',
    finalEquity: 1051.2,
  },
  equityCurve: [1000, 1010, 990, 1051.2].map((equity, i) => ({ __typename: 'BacktestEquityPoint', time: new Date(Date.UTC(2026, 10, 1 + i)).toISOString(), equity })),
  trades: Array.from({ length: 60 }, (_, i) => trade(i)),
};

function setup(extra: Record<string, Handler> = {}) {
  const progress = makeSubject<unknown>();
  const mock = mockClient({
    BotTemplates: data(templates),
    RunBacktest: data({ runBacktest: queued }),
    BacktestProgress: () => progress.source,
    Backtest: data({ backtest: doneJob }),
    CancelBacktest: data({ cancelBacktest: { __typename: 'BacktestJob', id: 'job-1', status: 'CANCELED', progress: 0.4 } }),
    ...extra,
  });
  return { ...mock, progress };
}

const frame = (status: string, progress: number, etaSeconds: number | null = null) => ({
  data: { backtestProgress: { __typename: 'BacktestProgress', jobId: 'job-1', status, progress, etaSeconds, error: null } },
});

test('runs a template backtest, shows progress from the subscription, then metrics, equity curve and trades', async () => {
  const { client, run, progress } = setup();
  await renderWith(<BacktestScreen />, client);
  expect(screen.getByLabelText('Capital')).toHaveDisplayValue('1000');
  await fireEvent.changeText(screen.getByLabelText('Days of history'), '60');
  await fireEvent.press(screen.getByRole('button', { name: 'Backtest' }));
  expect(calls(run, 'RunBacktest')[0][0].variables).toEqual({ input: { symbol: 'BTC/USDT', days: 60, capital: '1000', templateId: 'btc-grid' } });
  expect(calls(run, 'BacktestProgress')[0][0].variables).toEqual({ jobId: 'job-1' });

  await act(async () => {
    progress.next(frame('RUNNING', 0.42, 3.2));
  });
  const bar = screen.getByTestId('backtest-progress');
  expect(bar.props.accessibilityValue).toEqual({ min: 0, max: 100, now: 42 });
  expect(bar).toHaveTextContent('42 % done, about 4 s left');
  expect(calls(run, 'Backtest')).toHaveLength(0);

  await act(async () => {
    progress.next(frame('DONE', 1));
  });
  expect(calls(run, 'Backtest')[0][0].variables).toEqual({ id: 'job-1' });
  expect(screen.queryByTestId('backtest-progress')).toBeNull();
  expect(screen.getByTestId('metric-totalReturn')).toHaveTextContent('Return+5.12 %');
  expect(screen.getByTestId('metric-maxDrawdown')).toHaveTextContent('Max drawdown3.40 %');
  expect(screen.getByTestId('metric-finalEquity')).toHaveTextContent('Final equity1,051.2 USDT');
  expect(screen.getByTestId('equity-chart').props.accessibilityLabel).toBe('Equity curve from 1,000 to 1,051.2 USDT, lowest 990, highest 1,051.2');
  expect(screen.getByTestId('backtest-trade-0')).toHaveTextContent(/Buy 0.01 @ 64,000/);
  expect(screen.getByTestId('backtest-trade-1')).toHaveTextContent(/Sell 0.01 @ 64,001/);
  expect(screen.queryByTestId(`backtest-trade-${TRADES_SHOWN}`)).toBeNull();
  expect(screen.getByText('10 more trades not shown.')).toBeOnTheScreen();
});

test('cancel stops a running backtest', async () => {
  const { client, run, progress } = setup();
  await renderWith(<BacktestScreen />, client);
  await fireEvent.press(screen.getByRole('button', { name: 'Backtest' }));
  await act(async () => {
    progress.next(frame('RUNNING', 0.4));
  });
  await fireEvent.press(screen.getByRole('button', { name: 'Cancel backtest' }));
  expect(calls(run, 'CancelBacktest')[0][0].variables).toEqual({ id: 'job-1' });
  expect(screen.getByTestId('backtest-canceled')).toHaveTextContent('Backtest canceled.');
  expect(screen.queryByTestId('backtest-progress')).toBeNull();
  expect(screen.getByRole('button', { name: 'Run again' })).toBeOnTheScreen();
});

test("a bot's params are backtested with its kind", async () => {
  mockParams.current = { botId: 'b-1' };
  const { client, run } = setup({ BotDetail: data(botDetail('b-1')) });
  await renderWith(<BacktestScreen />, client);
  expect(screen.getByText('Grid b-1 on BTC/USDT')).toBeOnTheScreen();
  await fireEvent.press(screen.getByRole('button', { name: 'Backtest' }));
  expect(calls(run, 'RunBacktest')[0][0].variables).toEqual({
    input: { symbol: 'BTC/USDT', days: 30, capital: '10000', kind: 'grid', params: botDetail('b-1').bot.params },
  });
});

test('bad input: checked locally, and a server field error shows at its field; RATE_LIMITED is named', async () => {
  const { client, run } = setup({ RunBacktest: gqlError('RATE_LIMITED') });
  await renderWith(<BacktestScreen />, client);
  await fireEvent.changeText(screen.getByLabelText('Days of history'), '400');
  await fireEvent.press(screen.getByRole('button', { name: 'Backtest' }));
  expect(screen.getByTestId('backtest-days-error')).toHaveTextContent('From 1 to 365 days');
  expect(calls(run, 'RunBacktest')).toHaveLength(0);
  await fireEvent.changeText(screen.getByLabelText('Days of history'), '30');
  await fireEvent.press(screen.getByRole('button', { name: 'Backtest' }));
  expect(screen.getByTestId('backtest-error')).toHaveTextContent('Too many attempts. Please wait a moment.');
  expectAccessibleControls();
});

test('a failed job says why and can run again', async () => {
  const { client, progress } = setup();
  await renderWith(<BacktestScreen />, client);
  await fireEvent.press(screen.getByRole('button', { name: 'Backtest' }));
  await act(async () => {
    progress.next({ data: { backtestProgress: { __typename: 'BacktestProgress', jobId: 'job-1', status: 'FAILED', progress: 0.2, etaSeconds: null, error: 'no candles' } } });
  });
  expect(screen.getByTestId('backtest-failed')).toHaveTextContent('Backtest failed: no candles');
  expect(screen.getByRole('button', { name: 'Run again' })).toBeOnTheScreen();
});
