export const markets = [
  { __typename: 'Market', venue: 'sim', symbol: 'BTC/USDT', base: 'BTC', quote: 'USDT' },
  { __typename: 'Market', venue: 'sim', symbol: 'ETH/USDT', base: 'ETH', quote: 'USDT' },
  { __typename: 'Market', venue: 'sim', symbol: 'SOL/USDT', base: 'SOL', quote: 'USDT' },
];

export function ticker(symbol: string, last: string, changePct24h: string) {
  return {
    __typename: 'Ticker',
    venue: 'sim',
    symbol,
    bid: last,
    ask: last,
    last,
    high24h: last,
    low24h: last,
    baseVolume24h: '1234.5',
    changePct24h,
    timestamp: '2026-11-25T12:00:00+00:00',
  };
}
