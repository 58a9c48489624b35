import type { Theme } from '../../theme';

/** The quote currency of a symbol ("BTC/USDT" → "USDT"). */
export function quoteOf(symbol: string): string {
  return symbol.includes('/') ? symbol.split('/')[1] : '';
}

/** Realised + unrealised P&L as a decimal string (exact enough for display: 12 fraction digits). */
export function totalPnl(realised: string, unrealised: string): string {
  const sum = Number(realised) + Number(unrealised);
  return Number.isFinite(sum) ? String(Math.round(sum * 1e8) / 1e8) : realised;
}

export function pnlColor(value: string, theme: Theme): string {
  const n = Number(value);
  return n > 0 ? theme.up : n < 0 ? theme.down : theme.text;
}

/** A fraction (0.05) as a locale percentage ("5.00 %"). */
export function formatFraction(value: number | null | undefined, locale: string, signed = false): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const s = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2, signDisplay: signed ? 'exceptZero' : 'auto' }).format(value * 100);
  return `${s} %`;
}

export function formatRatio(value: number | null | undefined, locale: string): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(value);
}
