import type { CombinedError } from 'urql';
import { errorKey } from '../../graphql/errors';
import { stepUpProblem } from '../../graphql/stepUpErrors';

/** The live venues the server connects (engine SUPPORTED_VENUES), with their display names. */
export const VENUES = [
  { id: 'binance', name: 'Binance' },
  { id: 'coinbase', name: 'Coinbase' },
  { id: 'kraken', name: 'Kraken' },
  { id: 'kucoin', name: 'KuCoin' },
  { id: 'bybit', name: 'Bybit' },
  { id: 'okx', name: 'OKX' },
  { id: 'gate', name: 'Gate' },
  { id: 'mexc', name: 'MEXC' },
  { id: 'bitget', name: 'Bitget' },
  { id: 'htx', name: 'HTX' },
] as const;

export type VenueId = (typeof VENUES)[number]['id'];

/** Venues whose API keys come with a passphrase (ccxt `requiredCredentials.password`). */
export const PASSPHRASE_VENUES: ReadonlySet<string> = new Set(['kucoin', 'okx', 'bitget']);

export function venueName(id: string): string {
  return VENUES.find((v) => v.id === id)?.name ?? id;
}

/** i18n key for an accounts error: the feature's own codes first, then the shared ones. */
export function accountsErrorKey(error: CombinedError | undefined | null): string {
  return (
    errorKey(error, {
      EXCHANGE_AUTH_FAILED: 'accounts.errors.authFailed',
      EXCHANGE_UNAVAILABLE: 'accounts.errors.unreachable',
      CONFLICT: 'accounts.errors.conflict',
    }) ?? 'errors.generic'
  );
}

/** STEP_UP_* errors go back to the confirmation sheet; the rest become a message of this feature. */
export function forSheet(error: CombinedError | undefined): { error?: CombinedError; messageKey?: string } {
  if (!error) return {};
  return stepUpProblem(error) ? { error } : { messageKey: accountsErrorKey(error) };
}
