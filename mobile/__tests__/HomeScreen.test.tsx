import { act, fireEvent, screen } from '@testing-library/react-native';
import { makeSubject } from 'wonka';
import HomeScreen from '../src/screens/HomeScreen';
import { ThemeProvider } from '../src/theme';
import { dark } from '../src/theme';
import { addDecimals } from '../src/components/home/pnl';
import { calls, data, gqlError, mockClient, networkError, pending, renderWith } from './helpers';
import { mockRouter } from './routerMock';
import { expectAccessibleControls, platformStats, portfolio, position } from './homeFixtures';

jest.mock('expo-router', () => ({
  useRouter: () => require('./routerMock').mockRouter,
  Stack: { Screen: () => null },
}));

beforeEach(() => jest.clearAllMocks());

test('shows loading until the portfolio arrives', async () => {
  const { client } = mockClient({ Home: pending(), LivePnl: pending(), PlatformStats: pending() });
  await renderWith(<HomeScreen />, client);
  expect(screen.getByTestId('loading')).toBeOnTheScreen();
});

test('an error offers a retry that refetches', async () => {
  const { client, run } = mockClient({ Home: networkError(), LivePnl: pending(), PlatformStats: pending() });
  await renderWith(<HomeScreen />, client);
  expect(screen.getByRole('alert')).toHaveTextContent('Cannot reach the server. Check your connection.');
  await fireEvent.press(screen.getByRole('button', { name: 'Retry' }));
  expect(calls(run, 'Home').length).toBeGreaterThanOrEqual(2);
});

test('portfolio value, day change, P&L, open positions and platform figures', async () => {
  const { client, run } = mockClient({ Home: data({ portfolio: portfolio() }), LivePnl: pending(), PlatformStats: data({ platformStats }) });
  await renderWith(<HomeScreen />, client);
  expect(calls(run, 'Home')[0][0].variables).toEqual({ quote: 'USDT' });
  expect(screen.getByTestId('home-total')).toHaveTextContent('42,000.5 USDT');
  expect(screen.getByTestId('home-day-change')).toHaveTextContent('-120.25 USDT (-0.29 %)');
  expect(screen.getByTestId('home-realised')).toHaveTextContent('+150.5 USDT');
  expect(screen.getByTestId('home-unrealised')).toHaveTextContent('+2,000 USDT');
  expect(screen.getByTestId('home-total-pnl')).toHaveTextContent('+2,150.5 USDT');
  // Only open positions are listed (ETH is flat).
  expect(screen.getByTestId('position-acc-1-BTC/USDT')).toBeOnTheScreen();
  expect(screen.queryByTestId('position-acc-1-ETH/USDT')).toBeNull();
  expect(screen.getByRole('button', { name: 'BTC/USDT: 0.5 at 60,000, value 32,000 USDT, unrealised +2,000 USDT' })).toBeOnTheScreen();
  expect(screen.getByTestId('home-platform')).toHaveTextContent('12.3K trades · 2.5M USDT volume · 42 active traders · 98K USDT copied');
  expect(screen.getByTestId('home-live')).toHaveTextContent(/^As of /);
});

test('live P&L frames replace the figures; tapping a position opens its market', async () => {
  const live = makeSubject<unknown>();
  const { client, run } = mockClient({ Home: data({ portfolio: portfolio() }), LivePnl: () => live.source, PlatformStats: data({ platformStats }) });
  await renderWith(<HomeScreen />, client);
  expect(calls(run, 'LivePnl')[0][0].variables).toEqual({ quote: 'USDT', maxRate: 2 });
  await act(async () => {
    live.next({
      data: {
        livePnl: portfolio({
          totalValue: '43000',
          dayChange: '880',
          dayChangePct: '2.09',
          unrealisedPnl: '-500',
          positions: [position('BTC/USDT', { unrealisedPnl: '-500', value: '29500' })],
        }),
      },
    });
  });
  expect(screen.getByTestId('home-total')).toHaveTextContent('43,000 USDT');
  expect(screen.getByTestId('home-day-change')).toHaveTextContent('+880 USDT (+2.09 %)');
  expect(screen.getByTestId('home-unrealised')).toHaveTextContent('-500 USDT');
  expect(screen.getByTestId('home-total-pnl')).toHaveTextContent('-349.5 USDT');
  expect(screen.getByTestId('position-pnl-BTC/USDT')).toHaveTextContent('-500 USDT');
  expect(screen.getByTestId('home-live')).toHaveTextContent(/^Live, updated /);

  await fireEvent.press(screen.getByTestId('position-acc-1-BTC/USDT'));
  expect(mockRouter.push).toHaveBeenCalledWith({ pathname: '/market/[symbol]', params: { symbol: 'BTC-USDT' } });
});

test('a position on a live venue opens the market on that venue', async () => {
  const live = position('ETH/USDT', { accountId: 'acc-b', venue: 'binance' });
  const { client } = mockClient({
    Home: data({ portfolio: portfolio({ positions: [live] }) }),
    LivePnl: pending(),
    PlatformStats: data({ platformStats }),
  });
  await renderWith(<HomeScreen />, client);
  await fireEvent.press(await screen.findByTestId('position-acc-b-ETH/USDT'));
  expect(mockRouter.push).toHaveBeenCalledWith({ pathname: '/market/[symbol]', params: { symbol: 'ETH-USDT', venue: 'binance' } });
});

test('no positions, unpriced currencies and missing platform figures are explained', async () => {
  const { client } = mockClient({
    Home: data({ portfolio: portfolio({ positions: [], unpriced: ['XYZ'] }) }),
    LivePnl: pending(),
    PlatformStats: gqlError('INTERNAL'),
  });
  await renderWith(<HomeScreen />, client);
  expect(screen.getByTestId('home-no-positions')).toHaveTextContent('No open positions. Place an order on a market to start.');
  expect(screen.getByTestId('home-unpriced')).toHaveTextContent('Not valued (no market in the quote currency): XYZ');
  expect(screen.getByTestId('home-platform-error')).toHaveTextContent('Platform figures are not available right now.');
});

test('dark theme colours gains and losses with the dark tokens; controls are labelled and ≥ 44 pt', async () => {
  const { client } = mockClient({ Home: data({ portfolio: portfolio() }), LivePnl: pending(), PlatformStats: data({ platformStats }) });
  await renderWith(
    <ThemeProvider initialMode="dark" initialAccent="blue">
      <HomeScreen />
    </ThemeProvider>,
    client,
  );
  expect(screen.getByTestId('home-day-change')).toHaveStyle({ color: dark.down });
  expect(screen.getByTestId('home-unrealised')).toHaveStyle({ color: dark.up });
  expectAccessibleControls();
});

test('P&L sums are exact decimals', () => {
  expect(addDecimals('0.1', '0.2')).toBe('0.3');
  expect(addDecimals('150.5', '-500')).toBe('-349.5');
  expect(addDecimals(null, '1.25')).toBe('1.25');
});
