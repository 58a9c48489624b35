import type { CombinedError } from 'urql';

/** i18n key for an error, chosen by the server's `extensions.code` (network errors: `errors.network`). */
export function errorKey(
  error: CombinedError | undefined | null,
  overrides: Record<string, string> = {},
): string | null {
  if (!error) return null;
  if (error.networkError && error.graphQLErrors.length === 0) return 'errors.network';
  const code = error.graphQLErrors.find((e) => e.extensions?.code)?.extensions?.code;
  if (typeof code === 'string' && overrides[code]) return overrides[code];
  switch (code) {
    case 'UNAUTHENTICATED':
      return 'errors.UNAUTHENTICATED';
    case 'FORBIDDEN':
      return 'errors.FORBIDDEN';
    case 'BAD_USER_INPUT':
      return 'errors.BAD_USER_INPUT';
    case 'RATE_LIMITED':
      return 'errors.RATE_LIMITED';
    case 'NOT_FOUND':
      return 'errors.NOT_FOUND';
    case 'EXCHANGE_UNAVAILABLE':
      return 'errors.EXCHANGE_UNAVAILABLE';
    default:
      return 'errors.generic';
  }
}
