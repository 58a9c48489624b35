export function position(symbol: string, overrides: Record<string, unknown> = {}) {
  return {
    __typename: 'Position',
    accountId: 'acc-1',
    venue: 'sim',
    symbol,
    qty: '0.5',
    avgCost: '60000',
    mark: '64000',
    value: '32000',
    realisedPnl: '0',
    unrealisedPnl: '2000',
    feesPaid: '3',
    ...overrides,
  };
}

export function portfolio(overrides: Record<string, unknown> = {}) {
  return {
    __typename: 'Portfolio',
    quote: 'USDT',
    totalValue: '42000.5',
    dayChange: '-120.25',
    dayChangePct: '-0.29',
    realisedPnl: '150.5',
    unrealisedPnl: '2000',
    unpriced: [] as string[],
    asOf: '2026-11-25T12:00:00+00:00',
    positions: [position('BTC/USDT'), position('ETH/USDT', { qty: '0', value: '0', unrealisedPnl: '0' })],
    ...overrides,
  };
}

export const platformStats = {
  __typename: 'PlatformStats',
  totalTrades: 12345,
  volumeQuote: '2500000',
  activeTraders: 42,
  copiedCapital: '98000',
  computedAt: '2026-11-25T12:00:00+00:00',
};

export { expectAccessibleControls } from './a11yHelpers';
