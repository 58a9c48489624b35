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

const FIAT = new Set(['USD', 'EUR', 'GBP', 'JPY', 'CHF', 'CNY', 'KRW', 'BRL', 'TRY', 'RUB', 'SAR', 'AED', 'CAD', 'AUD']);

/**
 * An amount in a currency: fiat (ISO 4217) codes use the locale's currency format ("1.234,50 €"),
 * crypto codes (USDT, BTC) the locale's number format followed by the code.
 */
export function formatMoney(value: string | null | undefined, currency: string, locale: string, maxDigits = 8): string {
  if (value === null || value === undefined || value === '') return '—';
  const n = Number(value);
  if (!Number.isFinite(n)) return value;
  if (FIAT.has(currency)) {
    try {
      return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(n);
    } catch {
      // Not an ISO currency after all: fall through to number + code.
    }
  }
  return `${formatNumber(value, locale, maxDigits)} ${currency}`;
}

/** Date and time in the locale's medium/short style. */
export function formatDateTime(iso: string, locale: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

export function formatTime(iso: string, locale: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { timeStyle: 'short' }).format(date);
}
