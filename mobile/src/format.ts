/** Locale-aware number formatting for Decimal strings from the API. */
export function formatNumber(value: string | null | undefined, locale: string, maxDigits = 8): string {
  if (value === null || value === undefined || value === '') return '—';
  const n = Number(value);
  if (!Number.isFinite(n)) return value;
  return new Intl.NumberFormat(locale, { maximumFractionDigits: maxDigits }).format(n);
}

/** changePct24h is a percentage (e.g. "1.25" = +1.25 %). */
export function formatPct(value: string, locale: string): string {
  const n = Number(value);
  if (!Number.isFinite(n)) return value;
  const s = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2, signDisplay: 'exceptZero' }).format(n);
  return `${s} %`;
}

export function symbolToSlug(symbol: string): string {
  return symbol.replace('/', '-');
}

export function slugToSymbol(slug: string): string {
  return slug.replace('-', '/');
}
