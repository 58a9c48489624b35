/**
 * What a widget shows, as plain data: the Android components (*.android.tsx) draw this model and
 * jest tests assert it. No react-native-android-widget import here (it crashes on web).
 */
import { appLink, botLink, marketLink } from './links';
import {
  sparkLevels,
  type AlertsPayload,
  type BotsPayload,
  type PortfolioPayload,
  type SignalPayload,
  type WatchlistPayload,
  type WidgetKind,
  type WidgetPayload,
  type WidgetSize,
} from './payload';
import type { WidgetStrings } from './strings';

export type WidgetTheme = 'light' | 'dark';
export type HexColor = `#${string}`;

export interface Palette {
  background: HexColor;
  text: HexColor;
  muted: HexColor;
  up: HexColor;
  down: HexColor;
  danger: HexColor;
  accent: HexColor;
}

/** The app's palette (src/theme.ts) in the hex form widgets need. */
export const PALETTES: Record<WidgetTheme, Palette> = {
  light: {
    background: '#ffffff',
    text: '#111827',
    muted: '#4b5563',
    up: '#047857',
    down: '#b91c1c',
    danger: '#b91c1c',
    accent: '#1d4ed8',
  },
  dark: {
    background: '#0b0f17',
    text: '#f3f4f6',
    muted: '#9ca3af',
    up: '#34d399',
    down: '#f87171',
    danger: '#f87171',
    accent: '#60a5fa',
  },
};

export type Align = 'left' | 'right' | 'center';

export interface TextCell {
  text: string;
  color: HexColor;
  size: number;
  bold?: boolean;
  align: Align;
}

export interface WidgetRow {
  cells: TextCell[];
  /** Deep link opened when the row is tapped. */
  link?: string;
  spark?: { levels: number[]; color: HexColor };
}

/** ok: a payload; empty: nothing yet; signed-out: no widget token; error: fetch failed. */
export type WidgetState = 'ok' | 'empty' | 'signed-out' | 'error';

export interface WidgetModel {
  kind: WidgetKind;
  size: WidgetSize;
  theme: WidgetTheme;
  rtl: boolean;
  state: WidgetState;
  background: HexColor;
  title: TextCell;
  rows: WidgetRow[];
  footer?: TextCell;
  /** Deep link for a tap outside any row. */
  link: string;
}

export interface LayoutOptions {
  theme: WidgetTheme;
  strings: WidgetStrings;
  rtl?: boolean;
  /** True when the payload is the last one kept because the latest fetch failed. */
  stale?: boolean;
  /** Formats an as-of time (unix seconds) for the footer; none: no footer. */
  formatTime?: (unixSeconds: number) => string;
}

const MAX_ROWS: Record<WidgetSize, number> = { small: 2, medium: 4, large: 6 };
const MAX_LABEL: Record<WidgetSize, number> = { small: 10, medium: 16, large: 22 };
const TEXT = { title: 13, value: 22, body: 13, small: 11 };

/** Which size a widget of this many dp is drawn at (Android cells are ~70 dp). */
export function sizeForDimensions(widthDp: number, heightDp: number): WidgetSize {
  if (heightDp >= 250) return 'large';
  if (widthDp >= 250) return 'medium';
  return 'small';
}

export function clipText(text: string, limit: number): string {
  const chars = [...text];
  return chars.length <= limit ? text : `${chars.slice(0, limit - 1).join('')}…`;
}

function signed(value: string): string {
  return value.startsWith('-') || Number(value) === 0 ? value : `+${value}`;
}

function trend(value: string, palette: Palette): HexColor {
  const n = Number(value);
  if (n > 0) return palette.up;
  if (n < 0) return palette.down;
  return palette.muted;
}

function flip(align: Align): Align {
  if (align === 'left') return 'right';
  if (align === 'right') return 'left';
  return align;
}

/** Right-to-left: cells in reverse order, left and right swapped. */
function mirror(row: WidgetRow): WidgetRow {
  return { ...row, cells: [...row.cells].reverse().map((cell) => ({ ...cell, align: flip(cell.align) })) };
}

class Builder {
  constructor(
    readonly palette: Palette,
    readonly size: WidgetSize,
  ) {}

  cell(text: string, options: Partial<TextCell> = {}): TextCell {
    return { text, color: this.palette.text, size: TEXT.body, align: 'left', ...options };
  }

  label(text: string): TextCell {
    return this.cell(clipText(text, MAX_LABEL[this.size]), { bold: true });
  }

  note(text: string): WidgetRow {
    return { cells: [this.cell(text, { color: this.palette.muted, size: TEXT.small })] };
  }
}

function portfolioRows(p: PortfolioPayload, b: Builder, s: WidgetStrings): WidgetRow[] {
  const color = trend(p.d, b.palette);
  const rows: WidgetRow[] = [
    { cells: [b.cell(`${p.tv} ${p.q}`, { size: TEXT.value, bold: true })] },
    {
      cells: [
        b.cell(s.dayChange, { color: b.palette.muted }),
        b.cell(`${signed(p.d)} (${signed(p.dp)}%)`, { color, align: 'right' }),
      ],
    },
  ];
  const levels = sparkLevels(p.sp);
  if (levels.length > 1) rows.push({ cells: [], spark: { levels, color } });
  for (const holding of p.h ?? []) {
    rows.push({
      cells: [b.label(holding.a), b.cell(`${holding.w}%`, { color: b.palette.muted, align: 'right' })],
    });
  }
  return rows;
}

function watchlistRows(p: WatchlistPayload, b: Builder): WidgetRow[] {
  return p.w.slice(0, MAX_ROWS[b.size]).map((row) => {
    const color = trend(row.c, b.palette);
    const levels = sparkLevels(row.sp);
    return {
      cells: [
        b.label(row.y),
        b.cell(row.p, { align: 'right' }),
        b.cell(`${signed(row.c)}%`, { color, align: 'right' }),
      ],
      link: marketLink(row.y),
      spark: levels.length > 1 ? { levels, color } : undefined,
    };
  });
}

function botsRows(p: BotsPayload, b: Builder, s: WidgetStrings): WidgetRow[] {
  const rows: WidgetRow[] = [{ cells: [b.cell(s.running(p.r), { bold: true })] }];
  if (p.e > 0) {
    rows.push({ cells: [b.cell(`⚠ ${s.inError(p.e)}`, { color: b.palette.danger, bold: true })] });
  }
  for (const bot of p.b ?? []) {
    const inError = bot.st.startsWith('error');
    rows.push({
      cells: [
        b.label(bot.n),
        b.cell(bot.st, { color: inError ? b.palette.danger : b.palette.muted, size: TEXT.small }),
        b.cell(bot.p === null ? '–' : signed(bot.p), {
          color: bot.p === null ? b.palette.muted : trend(bot.p, b.palette),
          align: 'right',
        }),
      ],
      link: botLink(bot.i),
    });
  }
  if (p.r === 0 && p.e === 0 && !(p.b ?? []).length) rows.push(b.note(s.noBots));
  return rows;
}

function alertsRows(p: AlertsPayload, b: Builder, s: WidgetStrings, time?: (t: number) => string): WidgetRow[] {
  if (p.a === null) return [b.note(s.noAlerts)];
  const link = p.a.y ? marketLink(p.a.y) : undefined;
  const cells = [b.label(p.a.y ?? s.alerts)];
  if (time) cells.push(b.cell(time(p.a.at), { color: b.palette.muted, align: 'right', size: TEXT.small }));
  const rows: WidgetRow[] = [{ cells, link }];
  if (p.a.m) rows.push({ cells: [b.cell(p.a.m)], link });
  return rows;
}

function signalRows(p: SignalPayload, b: Builder, s: WidgetStrings): WidgetRow[] {
  if (p.g === null) return [b.note(s.noSignal)];
  const direction = { buy: s.buy, sell: s.sell, hold: s.hold }[p.g.dir];
  const color = p.g.dir === 'buy' ? b.palette.up : p.g.dir === 'sell' ? b.palette.down : b.palette.muted;
  const rows: WidgetRow[] = [
    {
      cells: [b.label(p.g.y), b.cell(`${direction} ${p.g.str}%`, { color, bold: true, align: 'right' })],
      link: marketLink(p.g.y),
    },
  ];
  if (p.g.src) rows.push(b.note(p.g.src));
  return rows;
}

const TITLES: Record<WidgetKind, (s: WidgetStrings) => string> = {
  portfolio: (s) => s.portfolio,
  watchlist: (s) => s.watchlist,
  bots: (s) => s.bots,
  alerts: (s) => s.alerts,
  signal: (s) => s.signal,
};

const HOME_LINKS: Record<WidgetKind, string> = {
  portfolio: appLink('account'),
  watchlist: appLink('markets'),
  bots: appLink('bots'),
  alerts: appLink('alerts'),
  signal: appLink('markets'),
};

function payloadRows(payload: WidgetPayload, b: Builder, options: LayoutOptions): WidgetRow[] {
  const s = options.strings;
  switch (payload.k) {
    case 'portfolio':
      return portfolioRows(payload, b, s);
    case 'watchlist':
      return watchlistRows(payload, b);
    case 'bots':
      return botsRows(payload, b, s);
    case 'alerts':
      return alertsRows(payload, b, s, options.formatTime);
    case 'signal':
      return signalRows(payload, b, s);
  }
}

/** The model of one widget: `payload` null means none was ever fetched. */
export function layoutWidget(
  kind: WidgetKind,
  size: WidgetSize,
  payload: WidgetPayload | null,
  state: WidgetState,
  options: LayoutOptions,
): WidgetModel {
  const palette = PALETTES[options.theme];
  const b = new Builder(palette, size);
  const s = options.strings;
  let rows: WidgetRow[];
  if (state === 'signed-out') rows = [b.note(s.signIn)];
  else if (payload === null) rows = [b.note(state === 'error' ? s.offline : s.empty)];
  else rows = payloadRows(payload, b, options).slice(0, MAX_ROWS[size] + 2);
  if (kind === 'watchlist' && payload !== null && rows.length === 0) rows = [b.note(s.empty)];
  let footer: TextCell | undefined;
  if (payload !== null && (state === 'error' || options.stale)) {
    footer = b.cell(s.offline, { color: palette.danger, size: TEXT.small });
  } else if (payload !== null && options.formatTime && size !== 'small') {
    footer = b.cell(s.updatedAt(options.formatTime(payload.t)), { color: palette.muted, size: TEXT.small });
  }
  const rtl = options.rtl ?? false;
  const title = b.cell(TITLES[kind](s), { color: palette.muted, size: TEXT.title, bold: true });
  return {
    kind,
    size,
    theme: options.theme,
    rtl,
    state: payload === null && state === 'ok' ? 'empty' : state,
    background: palette.background,
    title: rtl ? { ...title, align: 'right' } : title,
    rows: rtl ? rows.map(mirror) : rows,
    footer: footer && rtl ? { ...footer, align: 'right' } : footer,
    link: HOME_LINKS[kind],
  };
}

/** Every text the model shows, in reading order (tests and accessibility labels). */
export function visibleTexts(model: WidgetModel): string[] {
  return [model.title, ...model.rows.flatMap((row) => row.cells), ...(model.footer ? [model.footer] : [])].map(
    (cell) => cell.text,
  );
}
