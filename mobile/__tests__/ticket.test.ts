import { compare, divide, floorToStep, isMultiple, parseDecimal, toText } from '../src/trading/decimal';
import { newClientOrderId, orderAction, orderInput, presetQty, validateTicket } from '../src/trading/ticket';
import { btcRules } from './tradeFixtures';

const d = (s: string) => parseDecimal(s)!;

test('decimal arithmetic is exact', () => {
  expect(isMultiple(d('0.3'), d('0.1'))).toBe(true);
  expect(isMultiple(d('64000.005'), d('0.01'))).toBe(false);
  expect(isMultiple(d('1e3'.replace('1e3', '1000')), d('0.5'))).toBe(true);
  expect(compare(d('0.10'), d('0.1'))).toBe(0);
  expect(toText(floorToStep(d('0.0390625'), d('0.0001')))).toBe('0.039');
  expect(toText(divide(d('2500'), d('64000'), 6))).toBe('0.039062');
  expect(toText(d('100.00'))).toBe('100');
  expect(parseDecimal('abc')).toBeNull();
  expect(parseDecimal('1,5')).toEqual(d('1.5'));
});

test('validation reports the first problem of each field', () => {
  const ok = { side: 'BUY' as const, type: 'LIMIT' as const, qty: '0.01', price: '64000' };
  expect(validateTicket(ok, btcRules)).toEqual({});
  expect(validateTicket({ ...ok, qty: '-1' }, btcRules).qty?.key).toBe('ticket.errors.qtyInvalid');
  expect(validateTicket({ ...ok, price: '0' }, btcRules).price?.key).toBe('ticket.errors.priceInvalid');
  // A market order is checked for min notional at the reference (last) price.
  expect(validateTicket({ ...ok, type: 'MARKET', qty: '0.0001', price: '' }, btcRules, '64000').qty?.key).toBe('ticket.errors.minNotional');
  expect(validateTicket({ ...ok, type: 'MARKET', price: '' }, btcRules, '64000')).toEqual({});
});

test('presets need a price to size a buy and round down to the step', () => {
  expect(presetQty(100, 'BUY', btcRules, '0.5', '10000', '64000')).toBe('0.1562');
  expect(presetQty(100, 'BUY', btcRules, '0.5', '10000', null)).toBeNull();
  expect(presetQty(75, 'SELL', btcRules, '0.5', '10000', null)).toBe('0.375');
  expect(presetQty(25, 'SELL', btcRules, '0.0001', '0', null)).toBeNull();
});

test('the step-up action carries exactly the order fields, decimals normalised', () => {
  expect(orderAction('acc-1', 'sim', 'BTC/USDT', { side: 'SELL', type: 'LIMIT', qty: '0.50', price: '64000.00' })).toEqual({
    kind: 'placeOrder',
    account: 'acc-1',
    venue: 'sim',
    symbol: 'BTC/USDT',
    side: 'sell',
    type: 'limit',
    timeInForce: 'gtc',
    qty: '0.5',
    price: '64000',
  });
  expect(newClientOrderId(() => 0)).toMatch(/^app-a{20}$/);
});

test('a stop-limit needs a trigger on the tick and beyond the last price in its direction', () => {
  const stop = { side: 'BUY' as const, type: 'STOP_LIMIT' as const, qty: '0.01', price: '65010', triggerPrice: '65000' };
  expect(validateTicket(stop, btcRules, '64000')).toEqual({});
  expect(validateTicket({ ...stop, price: '' }, btcRules, '64000').price?.key).toBe('ticket.errors.priceRequired');
  expect(validateTicket({ ...stop, triggerPrice: '' }, btcRules, '64000').triggerPrice?.key).toBe('stopOrders.errors.triggerRequired');
  expect(validateTicket({ ...stop, triggerPrice: '-1' }, btcRules, '64000').triggerPrice?.key).toBe('stopOrders.errors.triggerInvalid');
  expect(validateTicket({ ...stop, triggerPrice: '65000.005' }, btcRules, '64000').triggerPrice).toEqual({
    key: 'stopOrders.errors.triggerTick',
    values: { tick: '0.01' },
  });
  // A buy stop at or below the last price would trigger at once (the server says STOP_TRIGGER_INVALID).
  expect(validateTicket({ ...stop, triggerPrice: '64000' }, btcRules, '64000.00').triggerPrice).toEqual({
    key: 'stopOrders.errors.triggerAbove',
    values: { last: '64000' },
  });
  const sell = { ...stop, side: 'SELL' as const, price: '62990', triggerPrice: '63000' };
  expect(validateTicket(sell, btcRules, '64000')).toEqual({});
  expect(validateTicket({ ...sell, triggerPrice: '64500' }, btcRules, '64000').triggerPrice?.key).toBe('stopOrders.errors.triggerBelow');
  // A plain limit ignores a leftover trigger field.
  expect(validateTicket({ ...stop, type: 'LIMIT', triggerPrice: 'x' }, btcRules, '64000')).toEqual({});
});

test('the step-up action and the input of a stop-limit carry the trigger, other orders do not', () => {
  const stop = { side: 'BUY' as const, type: 'STOP_LIMIT' as const, qty: '0.010', price: '65010.00', triggerPrice: '65000.0' };
  expect(orderAction('acc-1', 'sim', 'BTC/USDT', stop)).toEqual({
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
  });
  expect(orderInput('acc-1', 'BTC/USDT', stop, 'c-1')).toEqual({
    accountId: 'acc-1',
    symbol: 'BTC/USDT',
    side: 'BUY',
    type: 'STOP_LIMIT',
    qty: '0.01',
    price: '65010',
    triggerPrice: '65000',
    timeInForce: 'GTC',
    clientOrderId: 'c-1',
  });
  const limit = { ...stop, type: 'LIMIT' as const };
  expect('triggerPrice' in orderAction('acc-1', 'sim', 'BTC/USDT', limit)).toBe(false);
  expect('triggerPrice' in orderInput('acc-1', 'BTC/USDT', limit, 'c-2')).toBe(false);
});
