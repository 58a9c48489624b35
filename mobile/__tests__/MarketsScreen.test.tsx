import { act, fireEvent, screen } from '@testing-library/react-native';
import { makeSubject } from 'wonka';
import MarketsScreen, { MARKETS_MAX_RATE } from '../src/screens/MarketsScreen';
import { light } from '../src/theme';
import { calls, data, gqlError, mockClient, networkError, once, pending, renderWith } from './helpers';
import { mockRouter } from './routerMock';
import { markets, ticker } from './fixtures';

jest.mock('expo-router', () => ({
  useRouter: () => require('./routerMock').mockRouter,
  useLocalSearchParams: () => require('./routerMock').mockParams.current,
}));

beforeEach(() => jest.clearAllMocks());

const SIM = { __typename: 'MarketVenue', id: 'sim', displayName: 'Simulated', simulated: true, live: false };
const simOnly = data({ marketVenues: [SIM] });

test('shows a loading state', async () => {
  const { client } = mockClient({ MarketVenues: simOnly, Markets: pending() });
  await renderWith(<MarketsScreen />, client);
  expect(screen.getByTestId('loading')).toBeOnTheScreen();
});

test('shows an error with retry', async () => {
  const { client, run } = mockClient({ MarketVenues: simOnly, Markets: networkError() });
  await renderWith(<MarketsScreen />, client);
  expect(screen.getByRole('alert')).toHaveTextContent(/Cannot reach the server/);
  await fireEvent.press(screen.getByRole('button', { name: 'Retry' }));
  expect(calls(run, 'Markets').length).toBeGreaterThan(1);
});

test('shows session errors by code', async () => {
  const { client } = mockClient({ MarketVenues: simOnly, Markets: gqlError('UNAUTHENTICATED') });
  await renderWith(<MarketsScreen />, client);
  expect(screen.getByRole('alert')).toHaveTextContent(/session has ended/);
});

test('shows an empty state', async () => {
  const { client } = mockClient({ MarketVenues: simOnly, Markets: data({ markets: [] }) });
  await renderWith(<MarketsScreen />, client);
  expect(screen.getByText('No markets available.')).toBeOnTheScreen();
});

test('lists markets and applies live ticker updates with colors', async () => {
  const live = makeSubject<unknown>();
  const { client, run } = mockClient({ MarketVenues: simOnly, Markets: data({ markets }), LiveTicker: () => live.source });
  await renderWith(<MarketsScreen />, client);

  expect(screen.getByText('BTC/USDT')).toBeOnTheScreen();
  expect(screen.getByTestId('price-BTC/USDT')).toHaveTextContent('—');

  const [[sub]] = calls(run, 'LiveTicker');
  expect(sub.variables).toEqual({ symbols: ['BTC/USDT', 'ETH/USDT', 'SOL/USDT'], maxRate: MARKETS_MAX_RATE });

  await act(async () => {
    live.next({ data: { ticker: ticker('BTC/USDT', '65000.5', '1.2345') } });
    live.next({ data: { ticker: ticker('ETH/USDT', '3000', '-2.5') } });
  });
  expect(screen.getByTestId('price-BTC/USDT')).toHaveTextContent('65,000.5');
  expect(screen.getByTestId('change-BTC/USDT')).toHaveTextContent('+1.23 %');
  expect(screen.getByTestId('change-BTC/USDT')).toHaveStyle({ color: light.up });
  expect(screen.getByTestId('change-ETH/USDT')).toHaveTextContent('-2.50 %');
  expect(screen.getByTestId('change-ETH/USDT')).toHaveStyle({ color: light.down });

  // Later updates replace earlier ones (latest wins).
  await act(async () => {
    live.next({ data: { ticker: ticker('BTC/USDT', '64000', '-0.1') } });
  });
  expect(screen.getByTestId('price-BTC/USDT')).toHaveTextContent('64,000');
  expect(screen.getByRole('button', { name: 'BTC/USDT, price 64,000, 24 hour change -0.10 %' })).toBeOnTheScreen();
});

test('opens the market detail', async () => {
  const { client } = mockClient({ MarketVenues: simOnly, Markets: data({ markets }), LiveTicker: pending() });
  await renderWith(<MarketsScreen />, client);
  await fireEvent.press(screen.getByTestId('market-ETH/USDT'));
  expect(mockRouter.push).toHaveBeenCalledWith({ pathname: '/market/[symbol]', params: { symbol: 'ETH-USDT' } });
});

test('search filters markets by symbol and says when nothing matches', async () => {
  const { client } = mockClient({ MarketVenues: simOnly, Markets: data({ markets }), LiveTicker: pending() });
  await renderWith(<MarketsScreen />, client);
  await fireEvent.changeText(screen.getByLabelText('Search markets'), 'eth');
  expect(screen.getByText('ETH/USDT')).toBeOnTheScreen();
  expect(screen.queryByText('BTC/USDT')).toBeNull();
  await fireEvent.changeText(screen.getByLabelText('Search markets'), 'doge');
  expect(screen.getByTestId('markets-no-match')).toHaveTextContent('No market matches “doge”.');
});

describe('venue selector', () => {
  const BINANCE = { __typename: 'MarketVenue', id: 'binance', displayName: 'Binance', simulated: false, live: true };
  const binanceMarkets = [
    { __typename: 'Market', venue: 'binance', symbol: 'BTC/USDT', base: 'BTC', quote: 'USDT' },
    { __typename: 'Market', venue: 'binance', symbol: 'DOGE/USDT', base: 'DOGE', quote: 'USDT' },
  ];
  const byVenue = (v: Record<string, unknown>) => once({ data: { markets: v.venue === 'binance' ? binanceMarkets : markets } });

  test('hidden while the server offers the simulated venue only', async () => {
    const { client } = mockClient({ MarketVenues: simOnly, Markets: data({ markets }), LiveTicker: pending() });
    await renderWith(<MarketsScreen />, client);
    expect(screen.getByText('BTC/USDT')).toBeOnTheScreen();
    expect(screen.queryByTestId('venue-chips')).toBeNull();
    expect(screen.queryByRole('radio')).toBeNull();
  });

  test('switching to a live venue lists its markets, its tickers and its watch stars', async () => {
    const live = makeSubject<unknown>();
    const { client, run } = mockClient({
      MarketVenues: data({ marketVenues: [SIM, BINANCE] }),
      Markets: byVenue,
      LiveTicker: () => live.source,
    });
    await renderWith(<MarketsScreen />, client);
    expect(screen.getByRole('radio', { name: 'Simulated market (offline)' })).toBeSelected();
    expect(screen.getByRole('radio', { name: 'Binance, live market data' })).not.toBeSelected();
    expect(screen.getByText('SOL/USDT')).toBeOnTheScreen();

    await fireEvent.press(screen.getByRole('radio', { name: 'Binance, live market data' }));
    expect(screen.getByRole('radio', { name: 'Binance, live market data' })).toBeSelected();
    expect(screen.getByText('DOGE/USDT')).toBeOnTheScreen();
    expect(screen.queryByText('SOL/USDT')).toBeNull();
    expect(calls(run, 'Markets').at(-1)?.[0].variables).toEqual({ venue: 'binance' });
    expect(calls(run, 'LiveTicker').at(-1)?.[0].variables).toEqual({ symbols: ['BTC/USDT', 'DOGE/USDT'], maxRate: MARKETS_MAX_RATE, venue: 'binance' });

    await act(async () => {
      live.next({ data: { ticker: { ...ticker('BTC/USDT', '50001', '0.5'), venue: 'binance' } } });
    });
    expect(screen.getByTestId('price-BTC/USDT')).toHaveTextContent('50,001');
    await fireEvent.press(screen.getByTestId('market-DOGE/USDT'));
    expect(mockRouter.push).toHaveBeenCalledWith({ pathname: '/market/[symbol]', params: { symbol: 'DOGE-USDT', venue: 'binance' } });

    // Back to the simulated market.
    await fireEvent.press(screen.getByRole('radio', { name: 'Simulated market (offline)' }));
    expect(screen.getByText('SOL/USDT')).toBeOnTheScreen();
    expect(calls(run, 'Markets').at(-1)?.[0].variables).toEqual({});
  });

  test('a live venue that fails keeps the chips, so the user can switch back', async () => {
    const { client } = mockClient({
      MarketVenues: data({ marketVenues: [SIM, BINANCE] }),
      Markets: (v) => (v.venue === 'binance' ? gqlError('EXCHANGE_UNAVAILABLE')(v) : once({ data: { markets } })),
      LiveTicker: pending(),
    });
    await renderWith(<MarketsScreen />, client);
    await fireEvent.press(screen.getByTestId('venue-binance'));
    expect(screen.getByRole('alert')).toBeOnTheScreen();
    await fireEvent.press(screen.getByTestId('venue-sim'));
    expect(screen.getByText('BTC/USDT')).toBeOnTheScreen();
  });
});
