import { act, fireEvent, screen } from '@testing-library/react-native';
import { makeSubject } from 'wonka';
import MarketDetailScreen, { CANDLE_LIMIT } from '../src/screens/MarketDetailScreen';
import { calls, data, gqlError, mockClient, pending, renderWith, type Handler } from './helpers';
import { ticker } from './fixtures';
import { btcRules, tradeContext } from './tradeFixtures';
import { portfolio, position } from './homeFixtures';

jest.mock('expo-router', () => ({
  useLocalSearchParams: () => ({ symbol: 'BTC-USDT' }),
  useRouter: () => require('./routerMock').mockRouter,
  Stack: { Screen: () => null },
}));

beforeEach(() => {
  jest.useFakeTimers();
});
afterEach(() => {
  jest.useRealTimers();
});

const candles = (n: number, base = 100) =>
  Array.from({ length: n }, (_, i) => ({
    __typename: 'Candle',
    openTime: new Date(Date.UTC(2026, 10, 25, 12, i)).toISOString(),
    open: String(base + i),
    high: String(base + i + 1),
    low: String(base + i - 1),
    close: String(base + i + 0.5),
    volume: '10',
    closed: i < n - 1,
  }));

// The position, trades tape and live candle subscriptions (waiting unless a test drives them).
const tradeExtras: Record<string, Handler> = { LivePnl: pending(), MarketTrades: pending(), LiveCandles: pending() };

const candlesBy: Handler = (v) =>
  data({ candles: v.timeframe === '1h' ? [] : candles(v.timeframe === '5m' ? 5 : 30) })(v);

test('shows loading while the ticker loads', async () => {
  const { client } = mockClient({ Ticker: pending(), LiveTicker: pending(), Timeframes: pending(), Candles: pending(), TradeContext: pending(), ...tradeExtras });
  await renderWith(<MarketDetailScreen />, client);
  expect(screen.getByTestId('loading')).toBeOnTheScreen();
});

test('shows an error when the symbol is unknown', async () => {
  const { client } = mockClient({
    Ticker: gqlError('NOT_FOUND', 'unknown symbol'),
    LiveTicker: pending(),
    Timeframes: pending(),
    Candles: pending(),
    TradeContext: pending(),
    ...tradeExtras,
  });
  await renderWith(<MarketDetailScreen />, client);
  expect(screen.getByRole('alert')).toHaveTextContent('Not found.');
});

test('renders ticker, timeframes and chart; switching timeframe refetches candles', async () => {
  const live = makeSubject<unknown>();
  const { client, run } = mockClient({
    Ticker: data({ ticker: ticker('BTC/USDT', '65000', '0.5') }),
    LiveTicker: () => live.source,
    Timeframes: data({ timeframes: ['1m', '5m', '1h'] }),
    Candles: candlesBy,
    TradeContext: pending(),
    ...tradeExtras,
  });
  await renderWith(<MarketDetailScreen />, client);

  expect(screen.getByRole('header', { name: 'BTC/USDT' })).toBeOnTheScreen();
  expect(screen.getByTestId('detail-last')).toHaveTextContent('65,000');
  expect(calls(run, 'Ticker')[0][0].variables).toEqual({ symbol: 'BTC/USDT' });
  expect(screen.getByRole('radio', { name: 'Timeframe 1m' })).toBeSelected();
  expect(screen.getByLabelText('Price chart of BTC/USDT, 1m candles, 30 points')).toBeOnTheScreen();
  expect(calls(run, 'Candles')[0][0].variables).toEqual({ symbol: 'BTC/USDT', timeframe: '1m', limit: CANDLE_LIMIT });

  await act(async () => {
    live.next({ data: { ticker: ticker('BTC/USDT', '66000', '-1') } });
  });
  expect(screen.getByTestId('detail-last')).toHaveTextContent('66,000');
  expect(screen.getByTestId('detail-change')).toHaveTextContent('-1.00 %');

  await fireEvent.press(screen.getByRole('radio', { name: 'Timeframe 5m' }));
  expect(screen.getByRole('radio', { name: 'Timeframe 5m' })).toBeSelected();
  expect(screen.getByLabelText('Price chart of BTC/USDT, 5m candles, 5 points')).toBeOnTheScreen();

  await fireEvent.press(screen.getByRole('radio', { name: 'Timeframe 1h' }));
  expect(screen.getByText('No candles for this timeframe yet.')).toBeOnTheScreen();
});

const trade = (id: string, price: string, qty: string, takerSide: 'BUY' | 'SELL', second: number) => ({
  __typename: 'PublicTrade',
  id,
  price,
  qty,
  takerSide,
  timestamp: new Date(Date.UTC(2026, 10, 25, 12, 29, second)).toISOString(),
});

test('the forming candle from Subscription.candles updates the chart; a new candle adds a point', async () => {
  const liveCandles = makeSubject<unknown>();
  const { client, run } = mockClient({
    Ticker: data({ ticker: ticker('BTC/USDT', '65000', '0.5') }),
    LiveTicker: pending(),
    Timeframes: data({ timeframes: ['1m', '5m'] }),
    Candles: candlesBy,
    TradeContext: pending(),
    LivePnl: pending(),
    MarketTrades: pending(),
    LiveCandles: () => liveCandles.source,
  });
  await renderWith(<MarketDetailScreen />, client);
  expect(calls(run, 'LiveCandles')[0][0].variables).toEqual({ symbol: 'BTC/USDT', timeframe: '1m', last: 1, maxRate: 2 });
  const last = candles(30)[29];
  const update = (candle: Record<string, unknown>, timeframe = '1m') =>
    act(async () => {
      liveCandles.next({ data: { candles: { __typename: 'CandleUpdate', symbol: 'BTC/USDT', timeframe, candle } } });
    });
  // The forming candle replaces the last one (same openTime): still 30 points, its values shown.
  await update({ ...last, high: '140', close: '139.5' });
  expect(screen.getByLabelText('Price chart of BTC/USDT, 1m candles, 30 points')).toBeOnTheScreen();
  expect(screen.getByTestId('forming-candle')).toHaveTextContent('Forming candle: O 129 H 140 L 128 C 139.5');
  // It closes and the next one starts forming: 31 points.
  await update({ ...last, high: '140', close: '139', closed: true });
  await update({ ...last, openTime: new Date(Date.UTC(2026, 10, 25, 12, 30)).toISOString(), open: '139', high: '141', low: '138', close: '140.5', closed: false });
  expect(screen.getByLabelText('Price chart of BTC/USDT, 1m candles, 31 points')).toBeOnTheScreen();
  expect(screen.getByTestId('forming-candle')).toHaveTextContent('Forming candle: O 139 H 141 L 138 C 140.5');
  // Another timeframe: the 1m live candles are not mixed into the 5m chart.
  await fireEvent.press(screen.getByRole('radio', { name: 'Timeframe 5m' }));
  expect(screen.getByLabelText('Price chart of BTC/USDT, 5m candles, 5 points')).toBeOnTheScreen();
  expect(screen.queryByTestId('forming-candle')).toBeNull();
  expect(calls(run, 'LiveCandles').at(-1)?.[0].variables).toEqual({ symbol: 'BTC/USDT', timeframe: '5m', last: 1, maxRate: 2 });
});

test('recent trades tape: newest first, each trade once, colored by taker side', async () => {
  const tape = makeSubject<unknown>();
  const { client, run } = mockClient({
    Ticker: data({ ticker: ticker('BTC/USDT', '65000', '0.5') }),
    LiveTicker: pending(),
    Timeframes: data({ timeframes: ['1m'] }),
    Candles: data({ candles: [] }),
    TradeContext: data({ ...tradeContext, markets: [btcRules] }),
    LiveOrderBook: pending(),
    LivePnl: pending(),
    MarketTrades: () => tape.source,
    LiveCandles: pending(),
  });
  await renderWith(<MarketDetailScreen />, client);
  expect(screen.getByTestId('tape-waiting')).toHaveTextContent('Waiting for trades…');
  expect(calls(run, 'MarketTrades')[0][0].variables).toEqual({ symbol: 'BTC/USDT', last: 20, maxRate: 4 });
  const frame = (...trades: unknown[]) =>
    act(async () => {
      tape.next({ data: { trades: { __typename: 'TradesFrame', symbol: 'BTC/USDT', trades } } });
    });
  await frame(trade('t1', '64990', '0.1', 'SELL', 1), trade('t2', '65000', '0.25', 'BUY', 2));
  await frame(trade('t2', '65000', '0.25', 'BUY', 2), trade('t3', '65010', '0.05', 'BUY', 3));
  const rows = screen.getAllByTestId(/^tape-t/);
  expect(rows.map((r) => r.props.testID)).toEqual(['tape-t3', 'tape-t2', 'tape-t1']);
  expect(screen.getByTestId('tape-t1')).toHaveProp('accessibilityLabel', expect.stringMatching(/^Sell 0.1 BTC at 64,990, /));
  expect(screen.getByText('65,010')).toHaveStyle({ color: '#047857' });
  expect(screen.getByText('64,990')).toHaveStyle({ color: '#b91c1c' });
});

test('your position in the symbol, live from Subscription.livePnl', async () => {
  const pnl = makeSubject<unknown>();
  const { client } = mockClient({
    Ticker: data({ ticker: ticker('BTC/USDT', '65000', '0.5') }),
    LiveTicker: pending(),
    Timeframes: data({ timeframes: ['1m'] }),
    Candles: data({ candles: [] }),
    TradeContext: pending(),
    LivePnl: () => pnl.source,
    MarketTrades: pending(),
    LiveCandles: pending(),
  });
  await renderWith(<MarketDetailScreen />, client);
  await act(async () => {
    pnl.next({ data: { livePnl: portfolio({ positions: [position('ETH/USDT')] }) } });
  });
  expect(screen.getByTestId('position-none')).toHaveTextContent('You have no position in BTC/USDT.');
  await act(async () => {
    pnl.next({ data: { livePnl: portfolio({ positions: [position('BTC/USDT', { unrealisedPnl: '-250.5', realisedPnl: '12' })] }) } });
  });
  expect(screen.getByTestId('position-qty')).toHaveTextContent('0.5 at 60,000');
  expect(screen.getByTestId('position-unrealised')).toHaveTextContent('-250.5 USDT');
  expect(screen.getByText('Realised: +12 USDT')).toBeOnTheScreen();
});
