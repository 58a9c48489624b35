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

const bands = (method: string, low: number, mid: number, high: number, pLoss: number) => ({
  __typename: 'BacktestMonteCarloBands',
  method,
  runs: 1000,
  probabilityOfLoss: pLoss,
  finalEquity: [
    [5, low],
    [25, (low + mid) / 2],
    [50, mid],
    [75, (mid + high) / 2],
    [95, high],
  ].map(([percentile, value]) => ({ __typename: 'BacktestPercentile', percentile, value })),
  maxDrawdown: [
    [5, 0.01],
    [50, 0.04],
    [95, 0.12],
  ].map(([percentile, value]) => ({ __typename: 'BacktestPercentile', percentile, value })),
});
const robustJob = {
  ...doneJob,
  monteCarlo: { __typename: 'BacktestMonteCarlo', trades: bands('trades', 950, 1040, 1120, 0.18), blocks: bands('blocks', 900, 1030, 1150, 0.62) },
  walkForward: {
    __typename: 'BacktestWalkForward',
    outOfSampleReturn: 0.031,
    meanTrainReturn: 0.04,
    meanTestReturn: 0.015,
    efficiency: 0.38,
    windows: [0, 1].map((i) => ({
      __typename: 'BacktestWindow',
      trainStart: new Date(Date.UTC(2026, 10, 1 + i * 10)).toISOString(),
      testStart: new Date(Date.UTC(2026, 10, 8 + i * 10)).toISOString(),
      testEnd: new Date(Date.UTC(2026, 10, 11 + i * 10)).toISOString(),
      params: { levels: i ? 20 : 10 },
      trainReturn: 0.04,
      testReturn: i ? -0.01 : 0.04,
      testTrades: 5 + i,
      testMaxDrawdown: 0.02,
    })),
  },
};

test('Monte Carlo and walk-forward are asked for with the run and validated first', async () => {
  const { client, run } = setup();
  await renderWith(<BacktestScreen />, client);
  await fireEvent.press(screen.getByRole('checkbox', { name: 'Monte Carlo bands' }));
  expect(screen.getByRole('checkbox', { name: 'Monte Carlo bands' })).toBeChecked();
  await fireEvent.changeText(screen.getByLabelText('Runs (1 to 5,000)'), '9000');
  await fireEvent.press(screen.getByRole('checkbox', { name: 'Walk-forward test' }));
  await fireEvent.changeText(screen.getByLabelText('Params to try (name=values; …)'), 'levels 5 10');
  await fireEvent.press(screen.getByRole('button', { name: 'Backtest' }));
  expect(screen.getByTestId('backtest-mc-runs-error')).toHaveTextContent('Enter 1 to 5,000 runs');
  expect(screen.getByTestId('backtest-wf-grid-error')).toHaveTextContent('Write it as levels=5,10,20; take_profit_pct=1,2');
  expect(calls(run, 'RunBacktest')).toHaveLength(0);

  await fireEvent.changeText(screen.getByLabelText('Params to try (name=values; …)'), 'levels=1,2,3,4,5; qty_per_level=0.001,0.002,0.003,0.004,0.005');
  await fireEvent.press(screen.getByRole('button', { name: 'Backtest' }));
  expect(screen.getByTestId('backtest-wf-grid-error')).toHaveTextContent('At most 24 combinations');

  await fireEvent.changeText(screen.getByLabelText('Runs (1 to 5,000)'), '500');
  await fireEvent.changeText(screen.getByLabelText('Windows (1 to 10)'), '3');
  await fireEvent.changeText(screen.getByLabelText('Params to try (name=values; …)'), 'levels=10,20; qty_per_level=0.001,0.002');
  await fireEvent.press(screen.getByRole('button', { name: 'Backtest' }));
  expect(calls(run, 'RunBacktest')[0][0].variables).toEqual({
    input: {
      symbol: 'BTC/USDT',
      days: 30,
      capital: '1000',
      templateId: 'btc-grid',
      monteCarlo: { runs: 500, seed: 0 },
      walkForward: { windows: 3, grid: { levels: [10, 20], qty_per_level: ['0.001', '0.002'] }, trainShare: 0.7 },
    },
  });
});

test('a server field error on the walk-forward grid shows at that field', async () => {
  const { client } = setup({ RunBacktest: gqlError('BAD_USER_INPUT', 'unknown param foo', { field: 'walkForward.grid.foo' }) });
  await renderWith(<BacktestScreen />, client);
  await fireEvent.press(screen.getByRole('checkbox', { name: 'Walk-forward test' }));
  await fireEvent.changeText(screen.getByLabelText('Params to try (name=values; …)'), 'foo=1,2');
  await fireEvent.press(screen.getByRole('button', { name: 'Backtest' }));
  expect(screen.getByTestId('backtest-wf-grid-error')).toHaveTextContent('unknown param foo');
});

test('a past job opened by id shows its Monte Carlo bands and walk-forward windows', async () => {
  mockParams.current = { id: 'job-1' };
  const { client, run, progress } = setup({ Backtest: data({ backtest: robustJob }) });
  await renderWith(<BacktestScreen />, client);
  expect(calls(run, 'BacktestProgress')[0][0].variables).toEqual({ jobId: 'job-1' });
  await act(async () => {
    progress.next(frame('DONE', 1));
  });
  expect(calls(run, 'Backtest')[0][0].variables).toEqual({ id: 'job-1' });
  expect(screen.getByTestId('mc-trades-equity').props.accessibilityLabel).toBe('Final equity: 5 % 950 USDT, median 1,040 USDT, 95 % 1,120 USDT');
  expect(screen.getByTestId('mc-trades')).toHaveTextContent(/Trade bootstrap · 1,000 runs/);
  expect(screen.getByTestId('mc-blocks-loss')).toHaveTextContent('Chance of a loss62.00 %');
  expect(screen.getByTestId('mc-blocks')).toHaveTextContent(/Bad-case max drawdown \(95 %\)12.00 %/);
  expect(screen.getByTestId('wf-oos')).toHaveTextContent('Out-of-sample return+3.10 %');
  expect(screen.getByTestId('wf-efficiency')).toHaveTextContent('Efficiency0.38');
  expect(screen.getByTestId('wf-verdict')).toHaveTextContent('Test results were much weaker than training.');
  expect(screen.getByTestId('wf-window-1').props.accessibilityLabel).toMatch(/^Window 2, .* training \+4.00 %, test -1.00 %, params \{"levels":20\}$/);
  expect(screen.getByTestId('wf-window-1')).toHaveTextContent(/6 trades, drawdown 2.00 %/);
});

test('a job without robustness checks shows neither section', async () => {
  const { client, progress } = setup();
  await renderWith(<BacktestScreen />, client);
  await fireEvent.press(screen.getByRole('button', { name: 'Backtest' }));
  await act(async () => {
    progress.next(frame('DONE', 1));
  });
  expect(screen.getByTestId('backtest-results')).toBeOnTheScreen();
  expect(screen.queryByTestId('backtest-robustness')).toBeNull();
});

test('a finished backtest can be shared to the feed, once, with an optional comment', async () => {
  const createPost = { __typename: 'Post', id: 'p-1', authorId: 'me', authorHandle: null, kind: 'backtest', body: 'Nice grid', listingId: null, trade: null, backtest: null, likes: 0, commentCount: 0, likedByMe: false, createdAt: '2026-12-07T04:00:00+00:00' };
  const { client, run, progress } = setup({ CreatePost: data({ createPost }) });
  await renderWith(<BacktestScreen />, client);
  await fireEvent.press(screen.getByRole('button', { name: 'Backtest' }));
  await act(async () => {
    progress.next(frame('RUNNING', 0.5));
  });
  expect(screen.queryByTestId('backtest-share')).toBeNull(); // not while it runs
  await act(async () => {
    progress.next(frame('DONE', 1));
  });
  await fireEvent.changeText(screen.getByLabelText('Comment (optional)'), '  Nice grid ');
  await fireEvent.press(screen.getByRole('button', { name: 'Share this backtest to your feed' }));
  expect(calls(run, 'CreatePost')[0][0].variables).toEqual({ input: { kind: 'backtest', backtestId: 'job-1', body: 'Nice grid' } });
  expect(screen.getByTestId('backtest-shared')).toHaveTextContent('Shared to your feed.');
  expect(screen.queryByTestId('backtest-share-send')).toBeNull();
  expectAccessibleControls();
});

test('sharing a backtest the server says is unfinished names the reason', async () => {
  const { client, progress } = setup({ CreatePost: gqlError('BACKTEST_NOT_FINISHED') });
  await renderWith(<BacktestScreen />, client);
  await fireEvent.press(screen.getByRole('button', { name: 'Backtest' }));
  await act(async () => {
    progress.next(frame('DONE', 1));
  });
  await fireEvent.press(screen.getByRole('button', { name: 'Share this backtest to your feed' }));
  expect(screen.getByTestId('backtest-share-error')).toHaveTextContent('Only a finished backtest can be shared.');
  expect(screen.getByTestId('backtest-share-send')).toBeOnTheScreen(); // can try again
});
