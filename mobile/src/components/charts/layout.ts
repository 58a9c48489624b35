/** The multi-chart grid's state: how many panes (1, 2 or 4) and each pane's symbol and timeframe. */

export const GRID_LAYOUTS = [1, 2, 4] as const;
export type GridLayout = (typeof GRID_LAYOUTS)[number];

export interface PaneChoice {
  symbol: string;
  timeframe: string;
}

export interface GridState {
  layout: GridLayout;
  panes: PaneChoice[];
}

/** Width (dp) from which two panes sit side by side (2 → 1×2, 4 → 2×2); narrower screens stack them. */
export const WIDE_MIN_WIDTH = 720;

export function isGridLayout(value: unknown): value is GridLayout {
  return value === 1 || value === 2 || value === 4;
}

/** Columns for a layout at a screen width: stacked on narrow screens, side by side on wide ones. */
export function gridColumns(layout: GridLayout, width: number): 1 | 2 {
  return layout > 1 && width >= WIDE_MIN_WIDTH ? 2 : 1;
}

/** The stored preference, or null when there is none or it is not one we wrote. */
export function parseGridPref(raw: string | null): GridState | null {
  if (!raw) return null;
  try {
    const value: unknown = JSON.parse(raw);
    if (typeof value !== 'object' || value === null) return null;
    const { layout, panes } = value as { layout?: unknown; panes?: unknown };
    if (!isGridLayout(layout) || !Array.isArray(panes)) return null;
    const valid = panes.filter(
      (p): p is PaneChoice =>
        typeof p === 'object' && p !== null && typeof (p as PaneChoice).symbol === 'string' && typeof (p as PaneChoice).timeframe === 'string',
    );
    return { layout, panes: valid.slice(0, 4).map((p) => ({ symbol: p.symbol, timeframe: p.timeframe })) };
  } catch {
    return null;
  }
}

export function serializeGrid(state: GridState): string {
  return JSON.stringify({ layout: state.layout, panes: state.panes.slice(0, 4) });
}

/**
 * The panes to show: the saved choices that still exist (an unknown symbol or timeframe falls back),
 * filled up to `count` with the next markets not shown yet, on the default timeframe.
 */
export function resolvePanes(
  saved: readonly PaneChoice[],
  count: number,
  symbols: readonly string[],
  timeframes: readonly string[],
): PaneChoice[] {
  if (symbols.length === 0 || timeframes.length === 0) return [];
  const defaultTf = timeframes.includes('1m') ? '1m' : timeframes[0];
  const out: PaneChoice[] = [];
  for (let i = 0; i < count; i += 1) {
    const prev = saved[i];
    const used = new Set(out.map((p) => p.symbol));
    const fresh = symbols.find((s) => !used.has(s)) ?? symbols[i % symbols.length];
    out.push({
      symbol: prev && symbols.includes(prev.symbol) ? prev.symbol : fresh,
      timeframe: prev && timeframes.includes(prev.timeframe) ? prev.timeframe : defaultTf,
    });
  }
  return out;
}
