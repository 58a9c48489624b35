import { formatNumber } from '../../format';
import { parseDecimal, toText } from '../../trading/decimal';
import type { Theme } from '../../theme';

/** Exact sum of Decimal strings (BigInt scaled), e.g. realised + unrealised P&L. */
export function addDecimals(...values: (string | null | undefined)[]): string {
  let scale = 0;
  const parsed = values.map((v) => parseDecimal(v ?? '0') ?? parseDecimal('0')!);
  for (const p of parsed) scale = Math.max(scale, p.scale);
  let units = 0n;
  for (const p of parsed) units += p.units * 10n ** BigInt(scale - p.scale);
  return toText({ units, scale });
}

/** A signed amount with its currency ("+1,234.5 USDT", "−12 USDT"); zero has no sign. */
export function formatSigned(value: string | null | undefined, currency: string, locale: string, maxDigits = 2): string {
  if (value === null || value === undefined || value === '') return '—';
  const n = Number(value);
  if (!Number.isFinite(n)) return value;
  const body = new Intl.NumberFormat(locale, { maximumFractionDigits: maxDigits, signDisplay: 'exceptZero' }).format(n);
  return currency ? `${body} ${currency}` : body;
}

/** A percentage with sign ("+1.25 %"). */
export function formatSignedPct(value: string | null | undefined, locale: string): string {
  if (value === null || value === undefined || value === '') return '—';
  const n = Number(value);
  if (!Number.isFinite(n)) return value;
  return `${new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2, signDisplay: 'exceptZero' }).format(n)} %`;
}

export function pnlColor(value: string | null | undefined, theme: Theme): string {
  const n = Number(value ?? 0);
  if (n > 0) return theme.up;
  if (n < 0) return theme.down;
  return theme.muted;
}

/** Amounts in the quote currency with 2 decimals (portfolio figures). */
export function formatQuote(value: string | null | undefined, quote: string, locale: string): string {
  const text = formatNumber(value, locale, 2);
  return text === '—' ? text : `${text} ${quote}`;
}

/** A compact figure for the platform line ("1.2M"). */
export function formatCompact(value: string | number, locale: string): string {
  const n = Number(value);
  if (!Number.isFinite(n)) return String(value);
  return new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 }).format(n);
}
