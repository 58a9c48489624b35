import type {
  AlertsPayload,
  BotsPayload,
  PortfolioPayload,
  SignalPayload,
  WatchlistPayload,
  WidgetKind,
  WidgetPayload,
  WidgetSize,
} from '../../src/widgets/payload';

export const T = 1795618800;
const code = (size: WidgetSize) => size[0] as 's' | 'm' | 'l';
const LONG = 'Extraordinarily Long Token Name With Many Words/USDT';

export function portfolio(size: WidgetSize, d = '123.45'): PortfolioPayload {
  return {
    v: 1, k: 'portfolio', s: code(size), t: T, q: 'USDT', tv: '10123.45', d, dp: d.startsWith('-') ? '-1.23' : '1.23',
    ...(size === 'small' ? {} : { sp: '0123456789ABCDEF_' }),
    ...(size === 'large' ? { h: [{ a: 'BTC', w: '60.00' }, { a: 'USDT', w: '40.00' }] } : {}),
  };
}

export function watchlist(size: WidgetSize, symbols = ['BTC/USDT', 'ETH/USDT', 'SOL/USDT', 'BNB/USDT', 'XRP/USDT', 'ADA/USDT']): WatchlistPayload {
  const count = { small: 2, medium: 4, large: 6 }[size];
  return {
    v: 1, k: 'watchlist', s: code(size), t: T,
    w: symbols.slice(0, count).map((y, i) => ({ y, p: `${100 + i}.5000`, c: i % 2 ? '-2.50' : '3.10', ...(size === 'small' ? {} : { sp: '0Aa_' }) })),
  };
}

export function bots(size: WidgetSize, errors = 0): BotsPayload {
  const top = [
    { i: 'b1', n: 'Grid BTC', st: 'running', p: '12.50' },
    { i: 'b2', n: LONG, st: errors ? 'error' : 'paused', p: '-3.10' },
    { i: 'b3', n: 'DCA ETH', st: 'stopped', p: null },
  ];
  return { v: 1, k: 'bots', s: code(size), t: T, r: 2, e: errors, ...(size === 'small' ? {} : { b: top.slice(0, size === 'medium' ? 2 : 3) }) };
}

export function alerts(size: WidgetSize): AlertsPayload {
  return { v: 1, k: 'alerts', s: code(size), t: T, a: { i: 'a1', y: 'BTC/USDT', at: T - 60, ...(size === 'small' ? {} : { m: 'BTC crossed 100,000' }) } };
}

export function signal(size: WidgetSize): SignalPayload {
  return { v: 1, k: 'signal', s: code(size), t: T, g: { y: 'ETH/USDT', dir: 'sell', str: 87, at: T, ...(size === 'small' ? {} : { src: 'momentum' }) } };
}

export const NORMAL: Record<WidgetKind, (size: WidgetSize) => WidgetPayload> = { portfolio, watchlist, bots, alerts, signal };

export const EMPTY: Record<WidgetKind, (size: WidgetSize) => WidgetPayload> = {
  portfolio: (size) => ({ v: 1, k: 'portfolio', s: code(size), t: T, q: 'USDT', tv: '0.00', d: '0.00', dp: '0.00', ...(size === 'small' ? {} : { sp: '' }) }),
  watchlist: (size) => ({ v: 1, k: 'watchlist', s: code(size), t: T, w: [] }),
  bots: (size) => ({ v: 1, k: 'bots', s: code(size), t: T, r: 0, e: 0, ...(size === 'small' ? {} : { b: [] }) }),
  alerts: (size) => ({ v: 1, k: 'alerts', s: code(size), t: T, a: null }),
  signal: (size) => ({ v: 1, k: 'signal', s: code(size), t: T, g: null }),
};

export { LONG };
