import { screen } from '@testing-library/react-native';
import { StyleSheet } from 'react-native';
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

const INTERACTIVE = ['button', 'radio', 'link', 'checkbox', 'switch', 'tab'] as const;

/** Every control has a role, a label, and a touch target of at least 44 × 44 pt (min sizes or flex rows). */
function expectAccessibleControls() {
  const controls = INTERACTIVE.flatMap((role) => screen.queryAllByRole(role));
  expect(controls.length).toBeGreaterThan(0);
  for (const node of controls) {
    const label = node.props.accessibilityLabel;
    const style = StyleSheet.flatten(node.props.style) ?? {};
    const height = Math.max(Number(style.minHeight ?? 0), Number(style.height ?? 0));
    const width = Math.max(Number(style.minWidth ?? 0), Number(style.width ?? 0));
    // A control stretched by flex (full-width buttons, segments) has the row's width.
    const wideEnough = width >= 44 || style.flex === 1 || style.alignSelf === 'stretch' || width === 0;
    expect([label, typeof label === 'string' && label.length > 0]).toEqual([label, true]);
    expect([label, height >= 44, wideEnough]).toEqual([label, true, true]);
  }
}

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
  const { client } = mockClient({ Passkeys: data({ passkeys: [] }), TradingGrants: data({ tradingGrants: [], exchangeAccounts: [] }), WidgetTokens: data({ widgetTokens: [] }) });
  const view = await renderWith(<SettingsScreen />, client);
  expectAccessibleControls();
  await view.unmount();
  await renderWith(<LoginScreen />, mockClient({}).client, null);
  expectAccessibleControls();
});
