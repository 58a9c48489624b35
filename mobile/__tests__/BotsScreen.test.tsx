import { act, fireEvent, screen } from '@testing-library/react-native';
import { makeSubject } from 'wonka';
import BotsScreen from '../src/screens/BotsScreen';
import { calls, data, mockClient, networkError, pending, renderWith, type Handler } from './helpers';
import { mockRouter } from './routerMock';
import { backtestsPage, bot, pastBacktest, templates } from './botFixtures';
import { expectAccessibleControls } from './a11yHelpers';

jest.mock('expo-router', () => ({
  useLocalSearchParams: () => ({}),
  useRouter: () => require('./routerMock').mockRouter,
  Stack: { Screen: () => null },
}));

beforeEach(() => jest.clearAllMocks());

function setup(extra: Record<string, Handler> = {}) {
  const updates = makeSubject<unknown>();
  const mock = mockClient({
    Bots: data({ bots: [bot('b-1', { state: 'RUNNING', realisedPnl: '12.5', unrealisedPnl: '-2.5' }), bot('b-2', { kind: 'dca', name: 'ETH DCA', symbol: 'ETH/USDT' })] }),
    BotUpdates: () => updates.source,
    BotTemplates: data(templates),
    Backtests: data(backtestsPage([])),
    ...extra,
  });
  return { ...mock, updates };
}

test('lists bots with state, strategy, symbol and P&L, kept live by botUpdates', async () => {
  const { client, updates } = setup();
  await renderWith(<BotsScreen />, client);
  expect(screen.getByTestId('bot-b-1')).toHaveTextContent(/Grid b-1.*Grid · BTC\/USDT.*Running.*10 USDT/);
  expect(screen.getByTestId('bot-b-2')).toHaveTextContent(/ETH DCA.*Smart DCA · ETH\/USDT.*Stopped.*0 USDT/);

  await act(async () => {
    updates.next({ data: { botUpdates: bot('b-1', { state: 'PAUSED', realisedPnl: '20', unrealisedPnl: '0', updatedAt: '2026-12-01T10:05:00+00:00' }) } });
  });
  expect(screen.getByTestId('bot-b-1')).toHaveTextContent(/Paused.*20 USDT/);
  // An older update does not overwrite a newer state.
  await act(async () => {
    updates.next({ data: { botUpdates: bot('b-1', { state: 'RUNNING', updatedAt: '2026-12-01T09:00:00+00:00' }) } });
  });
  expect(screen.getByTestId('bot-b-1')).toHaveTextContent(/Paused/);
});

test('a bot opens its detail route (the widgets deep-link there too)', async () => {
  const { client } = setup();
  await renderWith(<BotsScreen />, client);
  await fireEvent.press(screen.getByRole('button', { name: 'Grid b-1, Running, P&L 10 USDT. Open details' }));
  expect(mockRouter.push).toHaveBeenCalledWith('/bots/b-1');
});

test('templates show their cached backtest figures and open create / backtest', async () => {
  const { client } = setup();
  await renderWith(<BotsScreen />, client);
  const card = screen.getByTestId('template-btc-grid-backtest');
  expect(card).toHaveTextContent(/Return\+4.23 %/);
  expect(card).toHaveTextContent(/Max drawdown8.10 %/);
  expect(card).toHaveTextContent(/Sharpe ratio1.37/);
  expect(card).toHaveTextContent(/Win rate62.00 %/);
  expect(screen.getByTestId('template-btc-grid')).toHaveTextContent(/Low risk · suggested 1,000 USDT/);
  // An unavailable template says why and offers nothing.
  expect(screen.getByTestId('template-sol-momentum')).toHaveTextContent(/Market not listed/);
  expect(screen.queryByRole('button', { name: 'Create a bot from SOL momentum' })).toBeNull();

  await fireEvent.press(screen.getByRole('button', { name: 'Create a bot from BTC range grid' }));
  expect(mockRouter.push).toHaveBeenCalledWith({ pathname: '/bots/new', params: { templateId: 'btc-grid' } });
  await fireEvent.press(screen.getByRole('button', { name: 'Backtest BTC range grid' }));
  expect(mockRouter.push).toHaveBeenCalledWith({ pathname: '/backtests/new', params: { templateId: 'btc-grid' } });
  await fireEvent.press(screen.getByRole('button', { name: 'Alerts' }));
  expect(mockRouter.push).toHaveBeenCalledWith('/alerts');
});

test('empty state', async () => {
  const { client } = setup({ Bots: data({ bots: [] }), BotUpdates: pending() });
  await renderWith(<BotsScreen />, client);
  expect(screen.getByTestId('bots-empty')).toHaveTextContent('No bots yet. Start from a template below.');
});

test('loading state', async () => {
  const { client } = setup({ Bots: pending(), BotUpdates: pending() });
  await renderWith(<BotsScreen />, client);
  expect(screen.getByTestId('loading')).toBeOnTheScreen();
});

test('error state with retry', async () => {
  const { client, run } = setup({ Bots: networkError(), BotUpdates: pending() });
  await renderWith(<BotsScreen />, client);
  expect(screen.getByTestId('error')).toHaveTextContent(/Cannot reach the server/);
  await fireEvent.press(screen.getByRole('button', { name: 'Retry' }));
  expect(calls(run, 'Bots').length).toBeGreaterThan(1);
});

test('bots screen controls are labelled and ≥ 44 pt', async () => {
  const { client } = setup();
  await renderWith(<BotsScreen />, client);
  expectAccessibleControls();
});

test('past backtests: newest first, a page at a time, a row opens its results', async () => {
  const { client, run } = setup({
    Backtests: (v) =>
      v.after === 'c-job-2'
        ? data(backtestsPage([pastBacktest('job-3', { status: 'FAILED', metrics: null, error: 'boom' })]))(v)
        : data(
            backtestsPage(
              [pastBacktest('job-1'), pastBacktest('job-2', { input: { symbol: 'ETH/USDT', templateId: 'eth-dca', days: 90 }, metrics: { __typename: 'BacktestMetrics', totalReturn: -0.02, maxDrawdown: 0.1, trades: 4 } })],
              true,
            ),
          )(v),
  });
  await renderWith(<BotsScreen />, client);
  expect(calls(run, 'Backtests')[0][0].variables).toEqual({ first: 10, after: null });
  expect(screen.getByTestId('backtest-row-job-1')).toHaveTextContent(/Grid · BTC\/USDT · 30 days/);
  expect(screen.getByTestId('backtest-row-job-1')).toHaveTextContent(/\+5.12 %/);
  expect(screen.getByTestId('backtest-row-job-2')).toHaveTextContent(/eth-dca · ETH\/USDT · 90 days.*-2.00 %/);
  expect(screen.getByRole('button', { name: /^Grid BTC\/USDT, Done, return \+5.12 %, .*Open results$/ })).toBeOnTheScreen();

  await act(async () => {
    fireEvent.press(screen.getByRole('button', { name: 'Show more' }));
  });
  expect(calls(run, 'Backtests').at(-1)?.[0].variables).toEqual({ first: 10, after: 'c-job-2' });
  // The first page stays; the next one is added under it; no more pages.
  expect(screen.getByTestId('backtest-row-job-1')).toBeOnTheScreen();
  expect(screen.getByTestId('backtest-row-job-3')).toHaveTextContent(/Failed$/);
  expect(screen.queryByRole('button', { name: 'Show more' })).toBeNull();

  fireEvent.press(screen.getByTestId('backtest-row-job-3'));
  expect(mockRouter.push).toHaveBeenCalledWith('/backtests/job-3');
});

test('past backtests: empty state', async () => {
  const { client } = setup();
  await renderWith(<BotsScreen />, client);
  expect(screen.getByTestId('backtest-history-empty')).toHaveTextContent('No backtests yet.');
});

test('past backtests: error with retry', async () => {
  const failing = setup({ Backtests: networkError() });
  await renderWith(<BotsScreen />, failing.client);
  expect(screen.getByTestId('backtest-history')).toHaveTextContent(/Cannot reach the server/);
  await act(async () => {
    fireEvent.press(screen.getByTestId('backtest-history-retry'));
  });
  expect(calls(failing.run, 'Backtests').length).toBeGreaterThan(1);
});
