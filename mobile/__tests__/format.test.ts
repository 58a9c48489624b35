import { formatDateTime, formatMoney, formatNumber, formatPct } from '../src/format';

// Narrow no-break spaces and no-break spaces differ between ICU versions: compare with plain spaces.
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

test('numbers follow the locale (de uses . for thousands and , for decimals; ja like en)', () => {
  expect(formatNumber('1234567.891', 'de')).toBe('1.234.567,891');
  expect(formatNumber('1234567.891', 'ja')).toBe('1,234,567.891');
  expect(formatNumber('1234567.891', 'fr').replace(/\s/g, ' ')).toMatch(/^1.234.567,891$/);
  expect(plain(formatPct('-1.5', 'de'))).toBe('-1,50 %');
});

test('fiat amounts use the locale currency format; crypto codes follow the number', () => {
  expect(plain(formatMoney('1234.5', 'EUR', 'de'))).toBe('1.234,50 €');
  expect(formatMoney('1234', 'JPY', 'ja')).toMatch(/^[￥¥]1,234$/);
  expect(plain(formatMoney('1234.5', 'USDT', 'de'))).toBe('1.234,5 USDT');
  expect(formatMoney('0.00012345', 'BTC', 'ja')).toBe('0.00012345 BTC');
});

test('dates follow the locale', () => {
  const iso = '2026-11-25T12:34:00Z';
  // Formatting happens in the machine's zone: build the expected day from the same instant.
  const day = new Date(iso).getDate();
  expect(formatDateTime(iso, 'de')).toContain(`${day}.11.2026`);
  expect(formatDateTime(iso, 'ja')).toContain(`2026/11/${day}`);
  expect(formatDateTime(iso, 'en')).toContain('Nov');
  expect(formatDateTime('not a date', 'de')).toBe('not a date');
});
