import type { TFunction } from 'i18next';
import type { AlertFieldsFragment, AlertMetric } from '../../gql/graphql';
import { formatNumber } from '../../format';

export const METRICS: AlertMetric[] = ['PRICE', 'CHANGE_PCT', 'RSI', 'EMA_GAP_PCT', 'VOLUME_RATIO', 'SPREAD_BPS', 'IMBALANCE'];

/** The period a metric uses by default (seconds, ticks or book levels; 0: none). */
export const DEFAULT_PERIOD: Record<AlertMetric, number> = {
  PRICE: 0,
  CHANGE_PCT: 3600,
  RSI: 14,
  EMA_GAP_PCT: 20,
  VOLUME_RATIO: 300,
  SPREAD_BPS: 0,
  IMBALANCE: 10,
};

export const usesPeriod = (metric: AlertMetric) => DEFAULT_PERIOD[metric] !== 0;

/** "BTC/USDT price above 70,000" / "BTC/USDT RSI (14) below 30" / "Event: order filled". */
export function describeCondition(alert: AlertFieldsFragment, t: TFunction, locale: string): string {
  if (alert.market) {
    const m = alert.market;
    return t('alerts.condition', {
      symbol: alert.symbol ?? '',
      metric: t(`alerts.metrics.${m.metric}`),
      period: usesPeriod(m.metric) ? ` (${formatNumber(String(m.period), locale)})` : '',
      direction: t(`alerts.directions.${m.direction}`),
      threshold: formatNumber(m.threshold, locale),
    });
  }
  if (alert.event) return t('alerts.eventCondition', { event: t(`alerts.events.${alert.event.kind}`) });
  return '';
}

/** What an armed alert does when it fires, in words ("Buy 0.01 at 65,000"). */
export function describeAction(alert: AlertFieldsFragment, t: TFunction, locale: string): string | null {
  const a = alert.action;
  if (!a) return null;
  if (a.kind === 'PLACE_ORDER') {
    return t('alerts.actionOrder', {
      side: t(`orders.side.${a.side ?? 'BUY'}`),
      qty: formatNumber(a.qty, locale),
      price: a.price ? formatNumber(a.price, locale) : t('alerts.market'),
    });
  }
  if (a.kind === 'HEDGE' && a.percent) return t('alerts.actionHedge', { percent: formatNumber(a.percent, locale) });
  return t(`alerts.actions.${a.kind}`);
}
