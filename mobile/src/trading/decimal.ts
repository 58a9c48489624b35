/**
 * Exact decimal arithmetic on the API's Decimal strings (BigInt scaled integers): order sizes and
 * prices must be checked against steps and ticks without binary floating-point rounding.
 */
export interface Scaled {
  units: bigint;
  scale: number;
}

const DECIMAL = /^\s*([+-]?)(\d*)(?:\.(\d*))?\s*$/;

/** Parse "12.340" into units/scale; null when it is not a plain decimal number. */
export function parseDecimal(text: string): Scaled | null {
  const m = DECIMAL.exec(text.replace(',', '.'));
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return null;
  const frac = m[3] ?? '';
  const units = BigInt((m[2] || '0') + frac);
  return { units: m[1] === '-' ? -units : units, scale: frac.length };
}

function align(a: Scaled, b: Scaled): [bigint, bigint, number] {
  const scale = Math.max(a.scale, b.scale);
  return [a.units * 10n ** BigInt(scale - a.scale), b.units * 10n ** BigInt(scale - b.scale), scale];
}

export function compare(a: Scaled, b: Scaled): number {
  const [x, y] = align(a, b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** True when `value` is a whole multiple of `step` (step > 0). */
export function isMultiple(value: Scaled, step: Scaled): boolean {
  const [x, y] = align(value, step);
  return y !== 0n && x % y === 0n;
}

export function multiply(a: Scaled, b: Scaled): Scaled {
  return { units: a.units * b.units, scale: a.scale + b.scale };
}

/** Largest multiple of `step` that is ≤ `value` (value, step > 0). */
export function floorToStep(value: Scaled, step: Scaled): Scaled {
  const [x, y, scale] = align(value, step);
  return { units: (x / y) * y, scale };
}

/** (a / b) rounded down to `scale` decimals. */
export function divide(a: Scaled, b: Scaled, scale: number): Scaled {
  if (b.units === 0n) return { units: 0n, scale };
  // a/b = (a.u/10^a.s) / (b.u/10^b.s); result units = a.u * 10^(scale + b.s - a.s) / b.u
  const shift = scale + b.scale - a.scale;
  const num = shift >= 0 ? a.units * 10n ** BigInt(shift) : a.units / 10n ** BigInt(-shift);
  return { units: num / b.units, scale };
}

/** Plain decimal text without trailing zeros ("0.50" → "0.5", "100.00" → "100"). */
export function toText(value: Scaled): string {
  const negative = value.units < 0n;
  let digits = (negative ? -value.units : value.units).toString();
  if (value.scale > 0) {
    digits = digits.padStart(value.scale + 1, '0');
    const int = digits.slice(0, digits.length - value.scale);
    const frac = digits.slice(digits.length - value.scale).replace(/0+$/, '');
    digits = frac ? `${int}.${frac}` : int;
  }
  return (negative && digits !== '0' ? '-' : '') + digits;
}

/** Number of decimals a step or tick has ("0.001" → 3, "1" → 0). */
export function decimalsOf(step: string): number {
  const parsed = parseDecimal(step);
  if (!parsed) return 0;
  return toText(parsed).split('.')[1]?.length ?? 0;
}
