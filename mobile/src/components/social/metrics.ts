import type { LeaderboardMetric, TraderMetricsFieldsFragment } from '../../gql/graphql';
import { formatMoney } from '../../format';

function num(value: number, locale: string, digits: number): string {
  return new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
}

function pct(value: number, locale: string, signed = false): string {
  const s = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2, signDisplay: signed ? 'exceptZero' : 'auto' }).format(value);
  return `${s} %`;
}

/** One metric of a trader, formatted for the locale (ROI signed, drawdown and win rate in %). */
export function formatMetric(metric: LeaderboardMetric, m: TraderMetricsFieldsFragment, locale: string): string {
  switch (metric) {
    case 'ROI':
      return pct(m.roiPct, locale, true);
    case 'SHARPE':
      return num(m.sharpe, locale, 2);
    case 'SORTINO':
      return num(m.sortino, locale, 2);
    case 'MAX_DRAWDOWN':
      return pct(m.maxDrawdownPct, locale);
    case 'WIN_RATE':
      return pct(m.winRatePct, locale);
    case 'TRADES':
      return num(m.trades, locale, 0);
    case 'FOLLOWERS':
      return num(m.followers, locale, 0);
    case 'COPIED_CAPITAL':
      return formatMoney(m.copiedCapital, 'USDT', locale, 0);
    default:
      return '';
  }
}
