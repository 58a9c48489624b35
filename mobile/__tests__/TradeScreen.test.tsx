import { act, fireEvent, screen } from '@testing-library/react-native';
import { makeSubject } from 'wonka';
import * as Passkeys from 'react-native-passkeys';
import MarketDetailScreen from '../src/screens/MarketDetailScreen';
import { BOOK_DEPTH } from '../src/components/OrderBook';
import { grantCovers } from '../src/trading/orderSummary';
import { calls, data, gqlError, mockClient, pending, renderWith, type Handler } from './helpers';
import { ticker } from './fixtures';
import { mockRouter } from './routerMock';
import { book, challengeOptions, liveGrant, order, tradeContext } from './tradeFixtures';

jest.mock('expo-router', () => ({
  useLocalSearchParams: () => ({ symbol: 'BTC-USDT' }),
  useRouter: () => require('./routerMock').mockRouter,
  Stack: { Screen: () => null },
}));

const get = Passkeys.get as jest.Mock;

beforeEach(() => {
  jest.useFakeTimers();
  jest.clearAllMocks();
});
afterEach(() => {
  jest.useRealTimers();
});

function screenWith(extra: Record<string, Handler> = {}) {
  const bookSource = makeSubject<unknown>();
  const mock = mockClient({
    Ticker: data({ ticker: ticker('BTC/USDT', '64000', '0.5') }),
    LiveTicker: pending(),
    Timeframes: data({ timeframes: ['1m'] }),
    Candles: data({ candles: [] }),
    TradeContext: data(tradeContext),
    LiveOrderBook: () => bookSource.source,
    // Position, trades tape and live candle of the trade screen (helper G).
    LivePnl: pending(),
    MarketTrades: pending(),
    LiveCandles: pending(),
    ...extra,
  });
  return { ...mock, bookSource };
}

test('the order book renders live updates with depth bars', async () => {
  const { client, run, bookSource } = screenWith();
  await renderWith(<MarketDetailScreen />, client);
  expect(screen.getByTestId('book-waiting')).toHaveTextContent('Waiting for the order book…');
  expect(calls(run, 'LiveOrderBook')[0][0].variables).toEqual({ symbol: 'BTC/USDT', depth: BOOK_DEPTH, maxRate: 4 });

  await act(async () => {
    bookSource.next({ data: book(1, [['63999', '1'], ['63998', '3']], [['64001', '2'], ['64002', '2']]) });
  });
  expect(screen.getByTestId('book-bid-0')).toHaveTextContent('63,9991');
  expect(screen.getByRole('button', { name: 'Bid 63,999, amount 1' })).toBeOnTheScreen();
  expect(screen.getByRole('button', { name: 'Ask 64,001, amount 2' })).toBeOnTheScreen();
  expect(screen.getByTestId('book-spread')).toHaveTextContent('Spread 2');
  // Cumulative depth: bids 1 then 4 of a deepest side of 4.
  expect(screen.getByTestId('book-bid-bar-0')).toHaveStyle({ width: '25%' });
  expect(screen.getByTestId('book-bid-bar-1')).toHaveStyle({ width: '100%' });

  await act(async () => {
    bookSource.next({ data: book(2, [['64000', '0.5']], [['64003', '1.5']]) });
  });
  expect(screen.getByRole('button', { name: 'Bid 64,000, amount 0.5' })).toBeOnTheScreen();
  expect(screen.queryByRole('button', { name: 'Bid 63,999, amount 1' })).toBeNull();
  expect(screen.getByTestId('book-spread')).toHaveTextContent('Spread 3');

  // Tapping a level puts its price into the ticket.
  await fireEvent.press(screen.getByRole('button', { name: 'Ask 64,003, amount 1.5' }));
  expect(screen.getByLabelText('Price (USDT)')).toHaveDisplayValue('64003');
});

test('the ticket validates amount and price against the market rules', async () => {
  const { client, run } = screenWith();
  await renderWith(<MarketDetailScreen />, client);

  await fireEvent.press(screen.getByRole('button', { name: 'Review buy' }));
  expect(screen.getByTestId('ticket-qty-error')).toHaveTextContent('Enter an amount.');
  expect(screen.getByTestId('ticket-price-error')).toHaveTextContent('Enter a price.');

  await fireEvent.changeText(screen.getByLabelText('Price (USDT)'), '64000.005');
  await fireEvent.changeText(screen.getByLabelText('Amount (BTC)'), '0.00005');
  expect(screen.getByTestId('ticket-price-error')).toHaveTextContent('The price must be a multiple of 0.01.');
  expect(screen.getByTestId('ticket-qty-error')).toHaveTextContent('The minimum amount is 0.0001 BTC.');

  await fireEvent.changeText(screen.getByLabelText('Price (USDT)'), '64000');
  await fireEvent.changeText(screen.getByLabelText('Amount (BTC)'), '0.00015');
  expect(screen.queryByTestId('ticket-price-error')).toBeNull();
  expect(screen.getByTestId('ticket-qty-error')).toHaveTextContent('The amount must be a multiple of 0.0001.');

  await fireEvent.changeText(screen.getByLabelText('Amount (BTC)'), '0.0001');
  expect(screen.getByTestId('ticket-qty-error')).toHaveTextContent('The order must be worth at least 10 USDT.');

  // Nothing was sent while the ticket was invalid.
  expect(calls(run, 'StepUpChallenge')).toHaveLength(0);
});

test('presets use 25/50/75/100 % of the free balance, rounded down to the step', async () => {
  const { client } = screenWith();
  await renderWith(<MarketDetailScreen />, client);
  await fireEvent.changeText(screen.getByLabelText('Price (USDT)'), '64000');
  await fireEvent.press(screen.getByRole('button', { name: '25 percent of the free balance' }));
  // 25 % of 10,000 USDT at 64,000 = 0.0390625 BTC → 0.039
  expect(screen.getByLabelText('Amount (BTC)')).toHaveDisplayValue('0.039');
  expect(screen.getByTestId('ticket-available')).toHaveTextContent('Available: 10,000 USDT');

  await fireEvent.press(screen.getByRole('radio', { name: 'Sell' }));
  await fireEvent.press(screen.getByRole('button', { name: '50 percent of the free balance' }));
  expect(screen.getByLabelText('Amount (BTC)')).toHaveDisplayValue('0.25');
  expect(screen.getByTestId('ticket-available')).toHaveTextContent('Available: 0.5 BTC');
});

test('review shows the server summary, then the passkey prompt, then places the order with the assertion', async () => {
  const summary = 'Buy 0.25 BTC/USDT at 64,000 USDT on sim';
  const { client, run } = screenWith({
    StepUpChallenge: data({ stepUpChallenge: { optionsJson: challengeOptions, summary, expiresAt: '2026-11-25T12:05:00+00:00' } }),
    PlaceOrder: data({ placeOrder: order('o-1', { qty: '0.25' }) }),
  });
  get.mockResolvedValueOnce({ id: 'cred', rawId: 'cred', type: 'public-key', response: { signature: 'sig' } });
  await renderWith(<MarketDetailScreen />, client);

  await fireEvent.changeText(screen.getByLabelText('Price (USDT)'), '64000.00');
  await fireEvent.changeText(screen.getByLabelText('Amount (BTC)'), '0.25');
  await fireEvent.press(screen.getByRole('button', { name: 'Review buy' }));

  const [[challenge]] = calls(run, 'StepUpChallenge');
  expect(challenge.variables).toEqual({
    action: { kind: 'placeOrder', account: 'acc-1', venue: 'sim', symbol: 'BTC/USDT', side: 'buy', type: 'limit', timeInForce: 'gtc', qty: '0.25', price: '64000' },
  });
  expect(screen.getByTestId('confirm-summary')).toHaveTextContent(summary);
  // The biometric prompt only comes after the user saw the action in words.
  expect(get).not.toHaveBeenCalled();
  expect(calls(run, 'PlaceOrder')).toHaveLength(0);

  await fireEvent.press(screen.getByRole('button', { name: 'Confirm with passkey' }));
  expect(get).toHaveBeenCalledWith(JSON.parse(challengeOptions));
  const [[place]] = calls(run, 'PlaceOrder');
  expect(place.variables).toMatchObject({
    input: { accountId: 'acc-1', symbol: 'BTC/USDT', side: 'BUY', type: 'LIMIT', qty: '0.25', price: '64000', timeInForce: 'GTC' },
    stepUp: { credential: JSON.stringify({ id: 'cred', rawId: 'cred', type: 'public-key', response: { signature: 'sig' } }) },
  });
  expect((place.variables as { input: { clientOrderId: string } }).input.clientOrderId).toMatch(/^[A-Za-z0-9_-]{1,36}$/);
  expect(screen.queryByTestId('confirm-sheet')).toBeNull();
  expect(screen.getByTestId('ticket-placed')).toHaveTextContent(`Order placed: ${summary}`);
});

test('a dismissed passkey prompt sends nothing and can be retried', async () => {
  const { client, run } = screenWith({
    StepUpChallenge: data({ stepUpChallenge: { optionsJson: challengeOptions, summary: 'Sell 0.1 BTC/USDT at market on sim', expiresAt: '2026-11-25T12:05:00+00:00' } }),
    PlaceOrder: pending(),
  });
  get.mockRejectedValueOnce(Object.assign(new Error('denied'), { name: 'NotAllowedError' }));
  await renderWith(<MarketDetailScreen />, client);
  await fireEvent.press(screen.getByRole('radio', { name: 'Sell' }));
  await fireEvent.press(screen.getByRole('radio', { name: 'Market' }));
  await fireEvent.changeText(screen.getByLabelText('Amount (BTC)'), '0.1');
  await fireEvent.press(screen.getByRole('button', { name: 'Review sell' }));
  expect(calls(run, 'StepUpChallenge')[0][0].variables).toEqual({
    action: { kind: 'placeOrder', account: 'acc-1', venue: 'sim', symbol: 'BTC/USDT', side: 'sell', type: 'market', timeInForce: 'gtc', qty: '0.1', price: null },
  });
  await fireEvent.press(screen.getByRole('button', { name: 'Confirm with passkey' }));
  expect(screen.getByTestId('confirm-message')).toHaveTextContent('The passkey prompt was closed. Nothing was sent.');
  expect(calls(run, 'PlaceOrder')).toHaveLength(0);
  expect(screen.getByRole('button', { name: 'Confirm with passkey' })).toBeOnTheScreen();
});

async function reviewBuy() {
  await fireEvent.changeText(screen.getByLabelText('Price (USDT)'), '64000');
  await fireEvent.changeText(screen.getByLabelText('Amount (BTC)'), '0.01');
  await fireEvent.press(screen.getByRole('button', { name: 'Review buy' }));
}

test('STEP_UP_REQUIRED with enroll sends the user to add a passkey', async () => {
  const { client } = screenWith({ StepUpChallenge: gqlError('STEP_UP_REQUIRED', 'add a passkey first', { enroll: true }) });
  await renderWith(<MarketDetailScreen />, client);
  await reviewBuy();
  expect(screen.getByTestId('confirm-message')).toHaveTextContent('Add a passkey first: every trade is confirmed with one.');
  await fireEvent.press(screen.getByRole('button', { name: 'Add a passkey' }));
  expect(mockRouter.push).toHaveBeenCalledWith('/settings');
  expect(screen.queryByTestId('confirm-sheet')).toBeNull();
});

test.each([
  ['STEP_UP_EXPIRED', 'The confirmation expired. Try again.'],
  ['STEP_UP_MISMATCH', 'The action changed after you confirmed it. Review it and try again.'],
  ['STEP_UP_REPLAYED', 'That confirmation was already used. Try again.'],
  ['STEP_UP_INVALID', 'The passkey confirmation was not accepted. Try again.'],
])('%s from placeOrder says what to do and retries with a fresh challenge', async (code, text) => {
  const { client, run } = screenWith({
    StepUpChallenge: data({ stepUpChallenge: { optionsJson: challengeOptions, summary: 'Buy 0.01 BTC/USDT at 64,000 USDT on sim', expiresAt: '2026-11-25T12:05:00+00:00' } }),
    PlaceOrder: gqlError(code),
  });
  get.mockResolvedValue({ id: 'cred' });
  await renderWith(<MarketDetailScreen />, client);
  await reviewBuy();
  await fireEvent.press(screen.getByRole('button', { name: 'Confirm with passkey' }));
  expect(screen.getByTestId('confirm-message')).toHaveTextContent(text);
  await fireEvent.press(screen.getByRole('button', { name: 'Try again' }));
  expect(calls(run, 'StepUpChallenge')).toHaveLength(2);
  expect(screen.getByRole('button', { name: 'Confirm with passkey' })).toBeOnTheScreen();
});

test('a server error that is not a step-up error is shown with the sheet still cancellable', async () => {
  const { client } = screenWith({
    StepUpChallenge: data({ stepUpChallenge: { optionsJson: challengeOptions, summary: 'Buy 0.01 BTC/USDT at 64,000 USDT on sim', expiresAt: '2026-11-25T12:05:00+00:00' } }),
    PlaceOrder: gqlError('BAD_USER_INPUT', 'insufficient funds'),
  });
  get.mockResolvedValue({ id: 'cred' });
  await renderWith(<MarketDetailScreen />, client);
  await reviewBuy();
  await fireEvent.press(screen.getByRole('button', { name: 'Confirm with passkey' }));
  expect(screen.getByTestId('confirm-message')).toHaveTextContent('Please check what you entered.');
  await fireEvent.press(screen.getByRole('button', { name: 'Cancel' }));
  expect(screen.queryByTestId('confirm-sheet')).toBeNull();
});

test('with a live trading grant the order goes without a passkey prompt', async () => {
  const { client, run } = screenWith({
    TradeContext: data({ ...tradeContext, tradingGrants: [liveGrant] }),
    PlaceOrder: data({ placeOrder: order('o-9', { qty: '0.01' }) }),
  });
  await renderWith(<MarketDetailScreen />, client);
  await reviewBuy();
  const [[place]] = calls(run, 'PlaceOrder');
  expect(place.variables).not.toHaveProperty('stepUp');
  expect(calls(run, 'StepUpChallenge')).toHaveLength(0);
  expect(get).not.toHaveBeenCalled();
  expect(screen.getByTestId('ticket-grant-notice')).toHaveTextContent('Order placed under your trading grant: Buy 0.01 BTC/USDT @ 64,000');
});

test('when the grant no longer covers the order, the passkey confirmation takes over', async () => {
  let attempt = 0;
  const { client, run } = screenWith({
    TradeContext: data({ ...tradeContext, tradingGrants: [liveGrant] }),
    PlaceOrder: (v) => (attempt++ === 0 ? gqlError('STEP_UP_GRANT_EXCEEDED')(v) : data({ placeOrder: order('o-9') })(v)),
    StepUpChallenge: data({ stepUpChallenge: { optionsJson: challengeOptions, summary: 'Buy 0.01 BTC/USDT at 64,000 USDT on sim', expiresAt: '2026-11-25T12:05:00+00:00' } }),
  });
  get.mockResolvedValueOnce({ id: 'cred' });
  await renderWith(<MarketDetailScreen />, client);
  await reviewBuy();
  expect(screen.getByTestId('confirm-summary')).toHaveTextContent('Buy 0.01 BTC/USDT at 64,000 USDT on sim');
  await fireEvent.press(screen.getByRole('button', { name: 'Confirm with passkey' }));
  const places = calls(run, 'PlaceOrder');
  expect(places).toHaveLength(2);
  // Same idempotency key for the retry with the assertion.
  const ids = places.map(([req]) => (req.variables as { input: { clientOrderId: string } }).input.clientOrderId);
  expect(ids[0]).toBe(ids[1]);
  expect(places[1][0].variables).toHaveProperty('stepUp', { credential: JSON.stringify({ id: 'cred' }) });
});

test('expired, revoked, used-up or other-symbol grants do not skip the prompt', () => {
  const now = new Date('2026-11-25T12:00:00Z');
  const g = { ...liveGrant, expiresAt: '2026-11-25T12:10:00+00:00' };
  expect(grantCovers([g], 'acc-1', 'BTC/USDT', now)).toBe(true);
  expect(grantCovers([{ ...g, expiresAt: '2026-11-25T11:59:59+00:00' }], 'acc-1', 'BTC/USDT', now)).toBe(false);
  expect(grantCovers([{ ...g, revokedAt: '2026-11-25T11:00:00+00:00' }], 'acc-1', 'BTC/USDT', now)).toBe(false);
  expect(grantCovers([{ ...g, ordersUsed: 3 }], 'acc-1', 'BTC/USDT', now)).toBe(false);
  expect(grantCovers([{ ...g, symbols: ['ETH/USDT'] }], 'acc-1', 'BTC/USDT', now)).toBe(false);
  expect(grantCovers([g], 'acc-2', 'BTC/USDT', now)).toBe(false);
});

test('a stop-limit ticket checks its trigger, then binds it into the step-up and the order', async () => {
  const summary = 'Buy 0.01 BTC/USDT at 65,010 USDT when the price reaches 65,000 USDT on sim';
  const { client, run } = screenWith({
    StepUpChallenge: data({ stepUpChallenge: { optionsJson: challengeOptions, summary, expiresAt: '2026-11-25T12:05:00+00:00' } }),
    PlaceOrder: data({ placeOrder: order('o-stop', { qty: '0.01', type: 'STOP_LIMIT', status: 'UNTRIGGERED', price: '65010' }) }),
  });
  get.mockResolvedValueOnce({ id: 'cred', rawId: 'cred', type: 'public-key', response: { signature: 'sig' } });
  await renderWith(<MarketDetailScreen />, client);

  await fireEvent.press(screen.getByRole('radio', { name: 'Stop-limit' }));
  expect(screen.getByTestId('ticket-trigger-hint')).toHaveTextContent('Becomes a limit order when a trade is at or above the trigger price.');
  await fireEvent.changeText(screen.getByLabelText('Price (USDT)'), '65010');
  await fireEvent.changeText(screen.getByLabelText('Amount (BTC)'), '0.01');
  await fireEvent.press(screen.getByRole('button', { name: 'Review buy' }));
  expect(screen.getByTestId('ticket-trigger-error')).toHaveTextContent('Enter a trigger price.');

  await fireEvent.changeText(screen.getByLabelText('Trigger price (USDT)'), '63000');
  expect(screen.getByTestId('ticket-trigger-error')).toHaveTextContent('A buy stop must trigger above the last price (64000).');
  await fireEvent.changeText(screen.getByLabelText('Trigger price (USDT)'), '65000.001');
  expect(screen.getByTestId('ticket-trigger-error')).toHaveTextContent('The trigger price must be a multiple of 0.01.');
  expect(calls(run, 'StepUpChallenge')).toHaveLength(0);

  await fireEvent.changeText(screen.getByLabelText('Trigger price (USDT)'), '65000.00');
  expect(screen.queryByTestId('ticket-trigger-error')).toBeNull();
  await fireEvent.press(screen.getByRole('button', { name: 'Review buy' }));
  expect(calls(run, 'StepUpChallenge')[0][0].variables).toEqual({
    action: {
      kind: 'placeOrder',
      account: 'acc-1',
      venue: 'sim',
      symbol: 'BTC/USDT',
      side: 'buy',
      type: 'stop_limit',
      timeInForce: 'gtc',
      qty: '0.01',
      price: '65010',
      triggerPrice: '65000',
    },
  });
  expect(screen.getByTestId('confirm-summary')).toHaveTextContent(summary);

  await fireEvent.press(screen.getByRole('button', { name: 'Confirm with passkey' }));
  const [[place]] = calls(run, 'PlaceOrder');
  expect(place.variables).toMatchObject({
    input: { accountId: 'acc-1', symbol: 'BTC/USDT', side: 'BUY', type: 'STOP_LIMIT', qty: '0.01', price: '65010', triggerPrice: '65000', timeInForce: 'GTC' },
  });
});
