import { act, fireEvent, screen } from '@testing-library/react-native';
import { makeSubject } from 'wonka';
import MarketDetailScreen, { CANDLE_LIMIT } from '../src/screens/MarketDetailScreen';
import { calls, data, gqlError, mockClient, pending, renderWith, type Handler } from './helpers';
import { ticker } from './fixtures';

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

const candlesBy: Handler = (v) =>
  data({ candles: v.timeframe === '1h' ? [] : candles(v.timeframe === '5m' ? 5 : 30) })(v);

test('shows loading while the ticker loads', async () => {
  const { client } = mockClient({ Ticker: pending(), LiveTicker: pending(), Timeframes: pending(), Candles: pending(), TradeContext: pending() });
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
