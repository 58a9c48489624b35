/** Candles from the query merged with the live ones (same openTime: the live one wins), oldest first. */
export interface CandleLike {
  openTime: string;
  close: string;
  closed: boolean;
}

export function mergeCandles<C extends CandleLike>(history: readonly C[], live: readonly C[], limit: number): C[] {
  if (live.length === 0) return history.slice(-limit);
  const byTime = new Map<string, C>();
  for (const c of history) byTime.set(c.openTime, c);
  for (const c of live) byTime.set(c.openTime, c);
  return [...byTime.values()].sort((a, b) => Date.parse(a.openTime) - Date.parse(b.openTime)).slice(-limit);
}

/** Keep the latest state of each live candle (a forming one is replaced by the next update). */
export function foldLive<C extends CandleLike>(prev: C[] | undefined, candle: C, keep = 64): C[] {
  const out = (prev ?? []).filter((c) => c.openTime !== candle.openTime);
  out.push(candle);
  return out.slice(-keep);
}
