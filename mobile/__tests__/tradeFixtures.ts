export const btcRules = {
  __typename: 'Market',
  venue: 'sim',
  symbol: 'BTC/USDT',
  base: 'BTC',
  quote: 'USDT',
  priceTick: '0.01',
  qtyStep: '0.0001',
  minQty: '0.0001',
  minNotional: '10',
};

export const tradeContext = {
  markets: [btcRules],
  tradingGrants: [] as unknown[],
  exchangeAccounts: [{ __typename: 'ExchangeAccount', id: 'acc-1', venue: 'sim', label: 'Paper' }],
  balances: [
    { __typename: 'Balance', accountId: 'acc-1', venue: 'sim', accountLabel: 'Paper', currency: 'USDT', free: '10000', used: '0', total: '10000' },
    { __typename: 'Balance', accountId: 'acc-1', venue: 'sim', accountLabel: 'Paper', currency: 'BTC', free: '0.5', used: '0', total: '0.5' },
  ],
};

export function book(seq: number, bids: [string, string][], asks: [string, string][]) {
  return {
    orderBook: {
      __typename: 'OrderBook',
      symbol: 'BTC/USDT',
      seq: String(seq),
      bids: bids.map(([price, qty]) => ({ __typename: 'BookLevel', price, qty })),
      asks: asks.map(([price, qty]) => ({ __typename: 'BookLevel', price, qty })),
      spread: String(Number(asks[0][0]) - Number(bids[0][0])),
      mid: String((Number(asks[0][0]) + Number(bids[0][0])) / 2),
      timestamp: '2026-11-25T12:00:00+00:00',
    },
  };
}

export function order(id: string, overrides: Record<string, unknown> = {}) {
  return {
    __typename: 'Order',
    id,
    accountId: 'acc-1',
    venue: 'sim',
    symbol: 'BTC/USDT',
    clientOrderId: `c-${id}`,
    side: 'BUY',
    type: 'LIMIT',
    timeInForce: 'GTC',
    qty: '0.5',
    price: '64000',
    filledQty: '0',
    remainingQty: '0.5',
    avgFillPrice: null,
    status: 'OPEN',
    rejectReason: null,
    createdAt: '2026-11-25T12:00:00+00:00',
    updatedAt: '2026-11-25T12:00:00+00:00',
    ...overrides,
  };
}

export const challengeOptions = JSON.stringify({ challenge: 'Y2hhbGxlbmdl', rpId: 'localhost', allowCredentials: [], userVerification: 'required' });

export const liveGrant = {
  __typename: 'TradingGrant',
  id: 'g-1',
  accountId: 'acc-1',
  symbols: [],
  maxOrders: 3,
  ordersUsed: 1,
  expiresAt: '2999-01-01T00:00:00+00:00',
  revokedAt: null,
};
