import { act, fireEvent, render, screen } from '@testing-library/react-native';
import * as SecureStore from 'expo-secure-store';
import { makeSubject } from 'wonka';
import ChartsGridScreen from '../src/screens/ChartsGridScreen';
import { PANE_CANDLE_LIMIT } from '../src/components/charts/ChartPane';
import { ChartsGridLink } from '../src/components/charts/ChartsGridLink';
import { gridColumns, parseGridPref, resolvePanes } from '../src/components/charts/layout';
import { PREF_CHART_GRID } from '../src/storage/prefs';
import { dark, light, ThemeProvider } from '../src/theme';
import { calls, data, gqlError, mockClient, networkError, pending, renderWith, type Handler } from './helpers';
import { expectAccessibleControls } from './a11yHelpers';
import { mockRouter } from './routerMock';

// expo-secure-store is an in-memory mock (jest.setup.ts); the grid's layout is stored there on native.
jest.mock('expo-router', () => ({
  useRouter: () => require('./routerMock').mockRouter,
  Stack: { Screen: () => null },
}));

// The window width decides stacked (narrow) or side by side (wide).
const mockWindow = { width: 390 };
jest.mock('react-native/Libraries/Utilities/useWindowDimensions', () => ({
  __esModule: true,
  default: () => ({ width: mockWindow.width, height: 900, scale: 1, fontScale: 1 }),
}));

const setItem = SecureStore.setItemAsync as jest.Mock;

const markets = ['BTC/USDT', 'ETH/USDT', 'SOL/USDT', 'XRP/USDT', 'ADA/USDT'].map((symbol) => ({
  __typename: 'Market',
  venue: 'sim',
  symbol,
  base: symbol.split('/')[0],
  quote: 'USDT',
}));
const basePrice: Record<string, number> = { 'BTC/USDT': 65000, 'ETH/USDT': 3200, 'SOL/USDT': 150, 'XRP/USDT': 0.6, 'ADA/USDT': 0.45 };

const candle = (i: number, close: number, closed = true) => ({
  __typename: 'Candle',
  openTime: new Date(Date.UTC(2026, 11, 7, 4, i)).toISOString(),
  open: String(close),
  high: String(close + 1),
  low: String(close - 1),
  close: String(close),
  volume: '3',
  closed,
});
// 1h has no history (the empty state); other timeframes 20 candles around the symbol's price.
const candlesBy: Handler = (v) =>
  data({ candles: v.timeframe === '1h' ? [] : Array.from({ length: 20 }, (_, i) => candle(i, basePrice[String(v.symbol)] + i)) })(v);

function setup(extra: Record<string, Handler> = {}) {
  return mockClient({
    Markets: data({ markets }),
    Timeframes: data({ timeframes: ['1m', '5m', '1h'] }),
    Candles: candlesBy,
    LiveCandles: pending(),
    ...extra,
  });
}

/** Render, then let the saved layout (an async read of the prefs) come in. */
async function renderGrid(ui: Parameters<typeof renderWith>[0], client: Parameters<typeof renderWith>[1]) {
  await renderWith(ui, client);
  await act(async () => {});
}

function setWidth(width: number) {
  mockWindow.width = width;
}

afterEach(() => {
  jest.useRealTimers();
});

beforeEach(async () => {
  // gifted-charts animates with timers: fake ones end with the test.
  jest.useFakeTimers();
  await SecureStore.deleteItemAsync(PREF_CHART_GRID);
  setItem.mockClear();
  mockRouter.push.mockClear();
  setWidth(390);
});

test('shows loading while markets load', async () => {
  const { client } = setup({ Markets: pending() });
  await renderGrid(<ChartsGridScreen />, client);
  expect(screen.getByTestId('loading')).toBeOnTheScreen();
});

test('shows an error with retry when markets fail to load', async () => {
  const failing = setup({ Markets: networkError() });
  await renderGrid(<ChartsGridScreen />, failing.client);
  expect(screen.getByRole('alert')).toBeOnTheScreen();
  await act(async () => {
    fireEvent.press(screen.getByRole('button', { name: 'Retry' }));
  });
  expect(calls(failing.run, 'Markets').length).toBeGreaterThan(1);
  expect(calls(failing.run, 'Timeframes').length).toBeGreaterThan(1);
});

test('shows the empty state when there is no market', async () => {
  const { client } = setup({ Markets: data({ markets: [] }) });
  await renderGrid(<ChartsGridScreen />, client);
  expect(screen.getByText('No markets to chart yet.')).toBeOnTheScreen();
});

test('one chart by default; the forming candle from the subscription updates it', async () => {
  const live = makeSubject<unknown>();
  const { client, run } = setup({ LiveCandles: () => live.source });
  await renderGrid(<ChartsGridScreen />, client);

  expect(screen.getByRole('radio', { name: 'One chart' })).toBeSelected();
  expect(screen.getAllByTestId(/^pane-\d$/)).toHaveLength(1);
  expect(calls(run, 'Candles')[0][0].variables).toEqual({ symbol: 'BTC/USDT', timeframe: '1m', limit: PANE_CANDLE_LIMIT });
  expect(calls(run, 'LiveCandles')[0][0].variables).toEqual({ symbol: 'BTC/USDT', timeframe: '1m', last: 1, maxRate: 2 });
  expect(screen.getByLabelText('Chart 1: price of BTC/USDT, 1m candles, 20 points')).toBeOnTheScreen();
  expect(screen.getByTestId('pane-1-last')).toHaveTextContent('65,019');

  // The forming candle replaces the last one while it forms, then a new one opens.
  await act(async () => {
    live.next({ data: { candles: { __typename: 'CandleEvent', symbol: 'BTC/USDT', timeframe: '1m', candle: candle(19, 65500, false) } } });
  });
  expect(screen.getByTestId('pane-1-last')).toHaveTextContent('65,500');
  expect(screen.getByLabelText('Forming candle, price now 65,500')).toBeOnTheScreen();
  expect(screen.getByLabelText('Chart 1: price of BTC/USDT, 1m candles, 20 points')).toBeOnTheScreen();
  await act(async () => {
    live.next({ data: { candles: { __typename: 'CandleEvent', symbol: 'BTC/USDT', timeframe: '1m', candle: candle(20, 65600, false) } } });
  });
  expect(screen.getByTestId('pane-1-last')).toHaveTextContent('65,600');
  expect(screen.getByLabelText('Chart 1: price of BTC/USDT, 1m candles, 21 points')).toBeOnTheScreen();
});

test('four charts stack on a narrow screen, each with its own symbol and timeframe, and the choice is saved', async () => {
  const { client, run } = setup();
  await renderGrid(<ChartsGridScreen />, client);

  await act(async () => {
    fireEvent.press(screen.getByRole('radio', { name: 'Four charts' }));
  });
  expect(screen.getByRole('radio', { name: 'Four charts' })).toBeSelected();
  expect(screen.getAllByTestId(/^pane-\d$/)).toHaveLength(4);
  expect(screen.getByTestId('grid-columns-1')).toBeOnTheScreen();
  // Each pane starts on a different market.
  for (const [i, symbol] of ['BTC/USDT', 'ETH/USDT', 'SOL/USDT', 'XRP/USDT'].entries()) {
    expect(screen.getByRole('header', { name: `Chart ${i + 1}: ${symbol}, 1m` })).toBeOnTheScreen();
  }
  expect(JSON.parse(setItem.mock.calls.at(-1)[1])).toEqual({
    layout: 4,
    panes: [
      { symbol: 'BTC/USDT', timeframe: '1m' },
      { symbol: 'ETH/USDT', timeframe: '1m' },
      { symbol: 'SOL/USDT', timeframe: '1m' },
      { symbol: 'XRP/USDT', timeframe: '1m' },
    ],
  });

  // Pane 2 → ADA/USDT on 5m: only that pane refetches, with its own variables.
  await act(async () => {
    fireEvent.press(screen.getByRole('radio', { name: 'Chart 2: market ADA/USDT' }));
  });
  await act(async () => {
    fireEvent.press(screen.getByRole('radio', { name: 'Chart 2: timeframe 5m' }));
  });
  expect(screen.getByRole('radio', { name: 'Chart 2: timeframe 5m' })).toBeSelected();
  expect(screen.getByRole('radio', { name: 'Chart 1: timeframe 1m' })).toBeSelected();
  expect(calls(run, 'Candles').map(([r]) => r.variables)).toContainEqual({ symbol: 'ADA/USDT', timeframe: '5m', limit: PANE_CANDLE_LIMIT });
  expect(calls(run, 'LiveCandles').map(([r]) => r.variables)).toContainEqual({ symbol: 'ADA/USDT', timeframe: '5m', last: 1, maxRate: 2 });
  expect(screen.getByLabelText('Chart 2: price of ADA/USDT, 5m candles, 20 points')).toBeOnTheScreen();
  expect(JSON.parse(setItem.mock.calls.at(-1)[1]).panes[1]).toEqual({ symbol: 'ADA/USDT', timeframe: '5m' });

  // A timeframe without history: that pane alone shows the empty state.
  await act(async () => {
    fireEvent.press(screen.getByRole('radio', { name: 'Chart 3: timeframe 1h' }));
  });
  expect(screen.getByText('No candles yet for this market.')).toBeOnTheScreen();
  expect(screen.getAllByLabelText(/^Chart \d: price of/)).toHaveLength(3);

  // Back to one chart and to four again: the same four come back.
  await act(async () => {
    fireEvent.press(screen.getByRole('radio', { name: 'One chart' }));
  });
  expect(screen.getAllByTestId(/^pane-\d$/)).toHaveLength(1);
  await act(async () => {
    fireEvent.press(screen.getByRole('radio', { name: 'Four charts' }));
  });
  expect(screen.getByRole('header', { name: 'Chart 2: ADA/USDT, 5m' })).toBeOnTheScreen();
});

test('restores the saved layout and panes; two charts sit side by side on a wide screen', async () => {
  await SecureStore.setItemAsync(
    PREF_CHART_GRID,
    JSON.stringify({ layout: 2, panes: [{ symbol: 'SOL/USDT', timeframe: '5m' }, { symbol: 'GONE/USDT', timeframe: '1m' }] }),
  );
  setWidth(1024);
  const { client, run } = setup();
  await renderGrid(<ChartsGridScreen />, client);

  expect(screen.getByRole('radio', { name: 'Two charts' })).toBeSelected();
  expect(screen.getByTestId('grid-columns-2')).toBeOnTheScreen();
  expect(screen.getByRole('header', { name: 'Chart 1: SOL/USDT, 5m' })).toBeOnTheScreen();
  // A market that no longer exists falls back to one not shown yet.
  expect(screen.getByRole('header', { name: 'Chart 2: BTC/USDT, 1m' })).toBeOnTheScreen();
  expect(calls(run, 'Candles').map(([r]) => r.variables.symbol)).not.toContain('GONE/USDT');

});

test('a failing pane shows its own error and retries alone', async () => {
  let fail = true;
  const { client, run } = setup({
    Candles: (v) => (v.symbol === 'ETH/USDT' && fail ? gqlError('RATE_LIMITED')(v) : candlesBy(v)),
  });
  await renderGrid(<ChartsGridScreen />, client);
  await act(async () => {
    fireEvent.press(screen.getByRole('radio', { name: 'Two charts' }));
  });
  expect(screen.getByLabelText('Chart 1: price of BTC/USDT, 1m candles, 20 points')).toBeOnTheScreen();
  expect(screen.getByRole('alert')).toBeOnTheScreen();
  fail = false;
  const before = calls(run, 'Candles').length;
  await act(async () => {
    fireEvent.press(screen.getByRole('button', { name: 'Retry' }));
  });
  expect(calls(run, 'Candles').length).toBe(before + 1);
  expect(calls(run, 'Candles').at(-1)[0].variables.symbol).toBe('ETH/USDT');
  expect(screen.getByLabelText('Chart 2: price of ETH/USDT, 1m candles, 20 points')).toBeOnTheScreen();
});

test.each([
  ['light', light],
  ['dark', dark],
])('every control is labelled and at least 44 pt (%s theme)', async (_name, theme) => {
  const { client } = setup();
  await renderGrid(
    <ThemeProvider initialMode={theme === dark ? 'dark' : 'light'}>
      <ChartsGridScreen />
    </ThemeProvider>,
    client,
  );
  await act(async () => {
    fireEvent.press(screen.getByRole('radio', { name: 'Four charts' }));
  });
  expectAccessibleControls();
  expect(screen.getByTestId('pane-1').props.style).toEqual(expect.arrayContaining([expect.objectContaining({ backgroundColor: theme.surface })]));
});

test('the markets list links to the grid', async () => {
  await render(<ChartsGridLink />);
  fireEvent.press(screen.getByRole('link', { name: 'Open the chart grid (1, 2 or 4 live charts)' }));
  expect(mockRouter.push).toHaveBeenCalledWith('/charts');
});

test('layout helpers', () => {
  expect(gridColumns(4, 390)).toBe(1);
  expect(gridColumns(4, 800)).toBe(2);
  expect(gridColumns(1, 1200)).toBe(1);
  expect(parseGridPref('not json')).toBeNull();
  expect(parseGridPref(JSON.stringify({ layout: 3, panes: [] }))).toBeNull();
  expect(resolvePanes([], 2, [], ['1m'])).toEqual([]);
  expect(resolvePanes([], 2, ['A'], ['5m', '1h'])).toEqual([
    { symbol: 'A', timeframe: '5m' },
    { symbol: 'A', timeframe: '5m' },
  ]);
});
