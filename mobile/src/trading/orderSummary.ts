import type { TFunction } from 'i18next';
import type { OrderSide } from '../gql/graphql';
import { formatNumber } from '../format';

/** "Buy 0.5 BTC/USDT @ 64,000" (or "… at market") in the current language. */
export function orderSummary(o: { side: OrderSide; qty: string; symbol: string; price?: string | null }, t: TFunction, locale: string): string {
  return t('orders.summary', {
    side: t(`orders.side.${o.side}`),
    qty: formatNumber(o.qty, locale),
    symbol: o.symbol,
    price: o.price ? `@ ${formatNumber(o.price, locale)}` : t('orders.atMarket'),
  });
}

/** Whether a live trading grant lets this account place one more order on `symbol` without a passkey. */
export function grantCovers(
  grants: { accountId: string; symbols: string[]; maxOrders: number; ordersUsed: number; expiresAt: string; revokedAt?: string | null }[],
  accountId: string | undefined,
  symbol: string,
  now: Date = new Date(),
): boolean {
  return grants.some(
    (g) =>
      g.accountId === accountId &&
      !g.revokedAt &&
      Date.parse(g.expiresAt) > now.getTime() &&
      g.ordersUsed < g.maxOrders &&
      (g.symbols.length === 0 || g.symbols.includes(symbol)),
  );
}
