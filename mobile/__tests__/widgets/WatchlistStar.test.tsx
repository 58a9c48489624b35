import { fireEvent, screen, waitFor } from '@testing-library/react-native';
import { never } from 'wonka';
import MarketsScreen from '../../src/screens/MarketsScreen';
import { WatchlistProvider } from '../../src/components/watchlist/WatchlistStar';
import { calls, data, gqlError, mockClient, once, renderWith, type Handler } from '../helpers';
import { markets } from '../fixtures';

jest.mock('expo-router', () => ({
  useRouter: () => require('../routerMock').mockRouter,
  useLocalSearchParams: () => require('../routerMock').mockParams.current,
}));

const watchlist = (...symbols: string[]) => ({
  __typename: 'Watchlist',
  isDefault: false,
  maxEntries: 50,
  entries: symbols.map((symbol) => ({ __typename: 'WatchlistEntry', venue: 'sim', symbol })),
});

function setup(extra: Record<string, Handler> = {}) {
  return mockClient({
    MarketVenues: data({ marketVenues: [{ __typename: 'MarketVenue', id: 'sim', displayName: 'Simulated', simulated: true, live: false }] }),
    Markets: data({ markets }),
    LiveTicker: () => never,
    Watchlist: data({ watchlist: watchlist('BTC/USDT') }),
    ...extra,
  });
}

const renderMarkets = (client: ReturnType<typeof setup>['client']) =>
  renderWith(
    <WatchlistProvider>
      <MarketsScreen />
    </WatchlistProvider>,
    client,
  );

test('each market row has a star showing whether it is on the watchlist', async () => {
  const { client } = setup();
  await renderMarkets(client);
  await waitFor(() => expect(screen.getByRole('button', { name: 'Remove BTC/USDT from the watchlist' })).toBeSelected());
  expect(screen.getByRole('button', { name: 'Add ETH/USDT to the watchlist' })).not.toBeSelected();
  // The star sits beside the row's button, not inside it.
  expect(screen.getByRole('button', { name: /^BTC\/USDT/ })).not.toContainElement(screen.getByTestId('watch-BTC/USDT'));
});

test('pressing a star adds the market, pressing again removes it', async () => {
  const { client, run } = setup({
    AddToWatchlist: (vars) => once({ data: { addToWatchlist: watchlist('BTC/USDT', vars.symbol as string) } }),
    RemoveFromWatchlist: () => once({ data: { removeFromWatchlist: watchlist('BTC/USDT') } }),
  });
  await renderMarkets(client);
  await waitFor(() => expect(screen.getByTestId('watch-ETH/USDT')).toBeEnabled());
  await fireEvent.press(screen.getByRole('button', { name: 'Add ETH/USDT to the watchlist' }));
  await waitFor(() => expect(screen.getByRole('button', { name: 'Remove ETH/USDT from the watchlist' })).toBeSelected());
  expect(calls(run, 'AddToWatchlist')[0][0].variables).toEqual({ venue: 'sim', symbol: 'ETH/USDT' });
  await fireEvent.press(screen.getByRole('button', { name: 'Remove ETH/USDT from the watchlist' }));
  await waitFor(() => expect(screen.getByRole('button', { name: 'Add ETH/USDT to the watchlist' })).not.toBeSelected());
  expect(calls(run, 'RemoveFromWatchlist')[0][0].variables).toEqual({ venue: 'sim', symbol: 'ETH/USDT' });
});

test('a refused add shows why and leaves the star off', async () => {
  const { client } = setup({ AddToWatchlist: gqlError('BAD_USER_INPUT', 'a watchlist holds at most 50 symbols') });
  await renderMarkets(client);
  await waitFor(() => expect(screen.getByTestId('watch-SOL/USDT')).toBeEnabled());
  await fireEvent.press(screen.getByTestId('watch-SOL/USDT'));
  await waitFor(() => expect(screen.getByTestId('watch-error-SOL/USDT')).toBeOnTheScreen());
  expect(screen.getByRole('button', { name: 'Add SOL/USDT to the watchlist' })).not.toBeSelected();
});

test('without the provider no star is drawn and no watchlist is fetched', async () => {
  const { client, run } = setup();
  await renderWith(<MarketsScreen />, client);
  expect(screen.getByText('BTC/USDT')).toBeOnTheScreen();
  expect(screen.queryByTestId('watch-BTC/USDT')).toBeNull();
  expect(calls(run, 'Watchlist')).toHaveLength(0);
});
