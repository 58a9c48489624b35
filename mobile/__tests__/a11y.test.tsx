import { screen } from '@testing-library/react-native';
import { expectAccessibleControls } from './a11yHelpers';
import MarketDetailScreen from '../src/screens/MarketDetailScreen';
import OrdersScreen from '../src/screens/OrdersScreen';
import SettingsScreen from '../src/screens/SettingsScreen';
import LoginScreen from '../src/screens/LoginScreen';
import { data, mockClient, pending, renderWith } from './helpers';
import { ticker } from './fixtures';
import { book, order, tradeContext } from './tradeFixtures';
import { act } from '@testing-library/react-native';
import { makeSubject } from 'wonka';

jest.mock('expo-router', () => ({
  useLocalSearchParams: () => ({ symbol: 'BTC-USDT' }),
  useRouter: () => require('./routerMock').mockRouter,
  Stack: { Screen: () => null },
}));

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

test('trade screen controls are labelled and ≥ 44 pt', async () => {
  const books = makeSubject<unknown>();
  const { client } = mockClient({
    Ticker: data({ ticker: ticker('BTC/USDT', '64000', '0.5') }),
    LiveTicker: pending(),
    Timeframes: data({ timeframes: ['1m', '1h'] }),
    Candles: data({ candles: [] }),
    TradeContext: data(tradeContext),
    LiveOrderBook: () => books.source,
    // Position, trades tape and live candle of the trade screen (helper G).
    LivePnl: pending(),
    MarketTrades: pending(),
    LiveCandles: pending(),
  });
  await renderWith(<MarketDetailScreen />, client);
  await act(async () => {
    books.next({ data: book(1, [['63999', '1']], [['64001', '2']]) });
  });
  expectAccessibleControls();
});

test('orders screen controls are labelled and ≥ 44 pt', async () => {
  const { client } = mockClient({
    OpenOrders: data({ orders: { edges: [{ node: order('o-1') }] } }),
    OrderUpdates: pending(),
    Fills: data({ fills: { edges: [], pageInfo: { hasNextPage: true, endCursor: 'c' } } }),
    Balances: data({ balances: tradeContext.balances }),
  });
  await renderWith(<OrdersScreen />, client);
  expectAccessibleControls();
});

test('settings and login controls are labelled and ≥ 44 pt', async () => {
  const me = { __typename: 'User', id: '1', email: 'demo@cryptoorchestrator.dev', displayName: 'Demo Trader', isDemo: true, createdAt: '2026-01-15T10:00:00+00:00' };
  const { client } = mockClient({
    Passkeys: data({ passkeys: [] }),
    TradingGrants: data({ tradingGrants: [], exchangeAccounts: [] }),
    WidgetTokens: data({ widgetTokens: [] }),
    Account: data({ me, balances: [] }),
  });
  const view = await renderWith(<SettingsScreen />, client);
  expectAccessibleControls();
  await view.unmount();
  await renderWith(<LoginScreen />, mockClient({}).client, null);
  expectAccessibleControls();
});
