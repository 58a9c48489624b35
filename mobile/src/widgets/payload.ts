/**
 * Widget payloads as the server sends them (GET /widgets/{kind}); keys in docs/widgets.md and
 * JSON Schemas in widgets/schemas/ on the server. Version 1.
 */

export type WidgetKind = 'portfolio' | 'watchlist' | 'bots' | 'alerts' | 'signal';
export type WidgetSize = 'small' | 'medium' | 'large';
export const WIDGET_KINDS: WidgetKind[] = ['portfolio', 'watchlist', 'bots', 'alerts', 'signal'];
export const WIDGET_SIZES: WidgetSize[] = ['small', 'medium', 'large'];
export const PAYLOAD_VERSION = 1;

interface Header<K extends WidgetKind> {
  v: 1;
  k: K;
  s: 's' | 'm' | 'l';
  /** As of, unix seconds. */
  t: number;
}

export interface PortfolioPayload extends Header<'portfolio'> {
  q: string;
  tv: string;
  d: string;
  dp: string;
  sp?: string;
  h?: { a: string; w: string }[];
}

export interface WatchRow {
  y: string;
  p: string;
  c: string;
  sp?: string;
}

export interface WatchlistPayload extends Header<'watchlist'> {
  w: WatchRow[];
}

export interface BotRow {
  i: string;
  n: string;
  st: string;
  p: string | null;
}

export interface BotsPayload extends Header<'bots'> {
  r: number;
  e: number;
  b?: BotRow[];
}

export interface AlertsPayload extends Header<'alerts'> {
  a: { i: string; y?: string; at: number; m?: string } | null;
}

export interface SignalPayload extends Header<'signal'> {
  g: { y: string; dir: 'buy' | 'sell' | 'hold'; str: number; at: number; src?: string } | null;
}

export type WidgetPayload =
  | PortfolioPayload
  | WatchlistPayload
  | BotsPayload
  | AlertsPayload
  | SignalPayload;

/** The payload if `value` is one this app understands (right version and kind), else null. */
export function readPayload(value: unknown, kind: WidgetKind): WidgetPayload | null {
  if (typeof value !== 'object' || value === null) return null;
  const header = value as Partial<Header<WidgetKind>>;
  if (header.v !== PAYLOAD_VERSION || header.k !== kind) return null;
  return value as WidgetPayload;
}

const SPARK_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_';

/** Levels 0..63 of a sparkline string (unknown characters are skipped). */
export function sparkLevels(text: string | undefined): number[] {
  if (!text) return [];
  return [...text].map((ch) => SPARK_ALPHABET.indexOf(ch)).filter((level) => level >= 0);
}
