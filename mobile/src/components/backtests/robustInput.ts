/** The optional robustness checks of a backtest request: Monte Carlo runs and a walk-forward grid. */

export const MC_MAX_RUNS = 5000;
export const WF_MAX_WINDOWS = 10;
export const WF_MAX_COMBINATIONS = 24;

/**
 * "levels=5,10,20; qty_per_level=0.001,0.002" → {levels: [5, 10, 20], qty_per_level: ["0.001", "0.002"]}
 * (whole numbers as numbers, decimals as exact strings). Null with the i18n key of what is wrong.
 */
export function parseGrid(text: string): { grid: Record<string, (number | string)[]> | null; error: string | null } {
  const grid: Record<string, (number | string)[]> = {};
  const parts = text
    .split(/[;\n]/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length === 0) return { grid: null, error: 'bots.robust.gridRequired' };
  for (const part of parts) {
    const eq = part.indexOf('=');
    const name = eq > 0 ? part.slice(0, eq).trim() : '';
    const values = eq > 0 ? part.slice(eq + 1).split(',').map((v) => v.trim()).filter(Boolean) : [];
    if (!/^[a-z_][a-z0-9_]*$/i.test(name) || values.length === 0) return { grid: null, error: 'bots.robust.gridFormat' };
    if (values.some((v) => !/^-?\d+(\.\d+)?$/.test(v))) return { grid: null, error: 'bots.robust.gridFormat' };
    grid[name] = values.map((v) => (/^-?\d+$/.test(v) ? Number(v) : v));
  }
  const combinations = Object.values(grid).reduce((n, vs) => n * vs.length, 1);
  if (combinations > WF_MAX_COMBINATIONS) return { grid: null, error: 'bots.robust.gridTooBig' };
  return { grid, error: null };
}

export function validRuns(text: string): boolean {
  return /^\d+$/.test(text.trim()) && Number(text) >= 1 && Number(text) <= MC_MAX_RUNS;
}

export function validWindows(text: string): boolean {
  return /^\d+$/.test(text.trim()) && Number(text) >= 1 && Number(text) <= WF_MAX_WINDOWS;
}
