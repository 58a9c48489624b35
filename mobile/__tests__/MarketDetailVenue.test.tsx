import { act, fireEvent, screen } from '@testing-library/react-native';
import { makeSubject } from 'wonka';
import MarketDetailScreen from '../src/screens/MarketDetailScreen';
import { BOOK_DEPTH } from '../src/components/OrderBook';
import { calls, data, mockClient, pending, renderWith, type Handler } from './helpers';
import { ticker } from './fixtures';
import { mockParams, mockRouter } from './routerMock';
import { book, btcRules, tradeContext } from './tradeFixtures';

jest.mock('expo-router', () => ({
  useLocalSearchParams: () => require('./routerMock').mockParams.current,
  useRouter: () => require('./routerMock').mockRouter,
  Stack: { Screen: () => null },
}));

beforeEach(() => {
  jest.useFakeTimers();
  jest.clearAllMocks();
});
afterEach(() => {
  jest.useRealTimers();
  mockParams.current = {};
});

const venues = [
  { __typename: 'MarketVenue', id: 'sim', displayName: 'Simulated', simulated: true, live: false },
  { __typename: 'MarketVenue', id: 'binance', displayName: 'Binance', simulated: false, live: true },
];
const binanceRules = { ...btcRules, venue: 'binance' };
const binanceTicker = { ...ticker('BTC/USDT', '64000', '0.5'), venue: 'binance' };

function screenWith(handlers: Record<string, Handler>) {
  const bookSource = makeSubject<unknown>();
  const mock = mockClient({
    Timeframes: data({ timeframes: ['1m'] }),
    Candles: data({ candles: [] }),
    LiveTicker: pending(),
    LiveOrderBook: () => bookSource.source,
    LivePnl: pending(),
    MarketTrades: pending(),
    LiveCandles: pending(),
    ...handlers,
  });
  return { ...mock, bookSource };
}

test('venue=binance: ticker, candles, book, trades and trade context all ask binance; no binance account → the ticket says so', async () => {
  mockParams.current = { symbol: 'BTC-USDT', venue: 'binance' };
  const { client, run, bookSource } = screenWith({
    Ticker: data({ ticker: binanceTicker }),
    MarketVenues: data({ marketVenues: venues }),
    // The binance market's rules; the user has only the paper (sim) account.
    TradeContext: data({ ...tradeContext, markets: [binanceRules] }),
  });
  await renderWith(<MarketDetailScreen />, client);

  expect(calls(run, 'Ticker')[0][0].variables).toEqual({ symbol: 'BTC/USDT', venue: 'binance' });
  expect(calls(run, 'LiveTicker')[0][0].variables).toEqual({ symbols: ['BTC/USDT'], maxRate: 4, venue: 'binance' });
  expect(calls(run, 'Candles')[0][0].variables).toEqual({ symbol: 'BTC/USDT', timeframe: '1m', limit: expect.any(Number), venue: 'binance' });
  expect(calls(run, 'LiveCandles')[0][0].variables).toEqual({ symbol: 'BTC/USDT', timeframe: '1m', last: 1, maxRate: 2, venue: 'binance' });
  expect(calls(run, 'TradeContext')[0][0].variables).toEqual({ venue: 'binance' });
  expect(calls(run, 'LiveOrderBook')[0][0].variables).toEqual({ symbol: 'BTC/USDT', depth: BOOK_DEPTH, maxRate: 4, venue: 'binance' });
  expect(calls(run, 'MarketTrades')[0][0].variables).toEqual({ symbol: 'BTC/USDT', last: 20, maxRate: 4, venue: 'binance' });

  // The header names the venue (its display name from marketVenues).
  expect(screen.getByTestId('detail-venue')).toHaveTextContent('Binance');
  expect(screen.getByLabelText('Venue: Binance')).toBeOnTheScreen();

  await act(async () => {
    bookSource.next({ data: book(1, [['63999', '1']], [['64001', '2']]) });
  });
  expect(screen.getByRole('button', { name: 'Bid 63,999, amount 1' })).toBeOnTheScreen();

  // The paper account is on sim, not binance: no account to trade with here.
  expect(screen.getByTestId('ticket-no-account')).toHaveTextContent('You have no account on Binance. Add an exchange account to trade here.');
  expect(screen.getByRole('button', { name: 'Review buy' })).toBeDisabled();
  await fireEvent.press(screen.getByRole('link', { name: 'Add an exchange account' }));
  expect(mockRouter.push).toHaveBeenCalledWith('/accounts');
});

test('venue=binance with a binance account: the ticket trades on it (its balances), no missing-account message', async () => {
  mockParams.current = { symbol: 'BTC-USDT', venue: 'binance' };
  const context = {
    ...tradeContext,
    markets: [binanceRules],
    exchangeAccounts: [...tradeContext.exchangeAccounts, { __typename: 'ExchangeAccount', id: 'acc-bn', venue: 'binance', label: 'Main' }],
    balances: [
      ...tradeContext.balances,
      { __typename: 'Balance', accountId: 'acc-bn', venue: 'binance', accountLabel: 'Main', currency: 'USDT', free: '250', used: '0', total: '250' },
    ],
  };
  const { client } = screenWith({
    Ticker: data({ ticker: binanceTicker }),
    MarketVenues: data({ marketVenues: venues }),
    TradeContext: data(context),
  });
  await renderWith(<MarketDetailScreen />, client);
  expect(screen.queryByTestId('ticket-no-account')).toBeNull();
  expect(screen.queryByRole('link', { name: 'Add an exchange account' })).toBeNull();
  // Buying spends the binance account's USDT, not the paper account's 10,000.
  expect(screen.getByTestId('ticket-available')).toHaveTextContent('Available: 250 USDT');
  expect(screen.getByRole('button', { name: 'Review buy' })).toBeEnabled();
});

test('a live venue not in marketVenues (yet) is named by its id', async () => {
  mockParams.current = { symbol: 'BTC-USDT', venue: 'kraken' };
  const { client } = screenWith({
    Ticker: data({ ticker: { ...binanceTicker, venue: 'kraken' } }),
    MarketVenues: pending(),
    TradeContext: pending(),
  });
  await renderWith(<MarketDetailScreen />, client);
  expect(screen.getByTestId('detail-venue')).toHaveTextContent('kraken');
});

test('no venue param: the default sim venue (documents default), the paper account, no venue list query', async () => {
  mockParams.current = { symbol: 'BTC-USDT' };
  const { client, run } = screenWith({
    Ticker: data({ ticker: ticker('BTC/USDT', '64000', '0.5') }),
    TradeContext: data(tradeContext),
  });
  await renderWith(<MarketDetailScreen />, client);
  expect(calls(run, 'Ticker')[0][0].variables).toEqual({ symbol: 'BTC/USDT' });
  expect(calls(run, 'Candles')[0][0].variables).not.toHaveProperty('venue');
  expect(calls(run, 'LiveOrderBook')[0][0].variables).not.toHaveProperty('venue');
  expect(calls(run, 'MarketTrades')[0][0].variables).not.toHaveProperty('venue');
  expect(calls(run, 'TradeContext')[0][0].variables ?? {}).toEqual({});
  expect(calls(run, 'MarketVenues')).toHaveLength(0);
  expect(screen.getByTestId('detail-venue')).toHaveTextContent('Simulated');
  expect(screen.queryByTestId('ticket-no-account')).toBeNull();
  expect(screen.getByTestId('ticket-available')).toHaveTextContent('Available: 10,000 USDT');
});
