import type { BacktestInput } from '../../gql/graphql';

/** The "realistic fills" options of a backtest request, as typed (docs/backtests.md "Fill model"). */
export type FillOptions = { spreadBps: string; impactFactor: string; latencyBars: string; partialFillShare: string };

export const EMPTY_FILLS: FillOptions = { spreadBps: '', impactFactor: '', latencyBars: '', partialFillShare: '' };

const DECIMAL = /^\d+(\.\d+)?$/;

/**
 * Validate like the server (spread 0–500 bps, impact 0–0.1, latency 0–100 whole bars, partial share in (0, 1]):
 * the input fields to send (empty ones are left to the server's defaults) and i18n keys of the bad ones.
 */
export function fillInput(f: FillOptions): {
  input: Pick<BacktestInput, 'spreadBps' | 'impactFactor' | 'latencyBars' | 'partialFillShare'>;
  errors: Partial<Record<keyof FillOptions, string>>;
} {
  const input: Pick<BacktestInput, 'spreadBps' | 'impactFactor' | 'latencyBars' | 'partialFillShare'> = {};
  const errors: Partial<Record<keyof FillOptions, string>> = {};
  const spread = f.spreadBps.trim();
  if (spread) {
    if (DECIMAL.test(spread) && Number(spread) <= 500) input.spreadBps = spread;
    else errors.spreadBps = 'bots.backtestData.spreadRange';
  }
  const impact = f.impactFactor.trim();
  if (impact) {
    if (DECIMAL.test(impact) && Number(impact) <= 0.1) input.impactFactor = impact;
    else errors.impactFactor = 'bots.backtestData.impactRange';
  }
  const latency = f.latencyBars.trim();
  if (latency) {
    if (/^\d+$/.test(latency) && Number(latency) <= 100) input.latencyBars = Number(latency);
    else errors.latencyBars = 'bots.backtestData.latencyRange';
  }
  const share = f.partialFillShare.trim();
  if (share) {
    if (DECIMAL.test(share) && Number(share) > 0 && Number(share) <= 1) input.partialFillShare = share;
    else errors.partialFillShare = 'bots.backtestData.partialRange';
  }
  return { input, errors };
}
