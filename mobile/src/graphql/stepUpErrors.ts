import type { CombinedError } from 'urql';

export type StepUpProblem =
  | { kind: 'enroll' }
  | { kind: 'required' }
  | { kind: 'invalid' }
  | { kind: 'expired' }
  | { kind: 'mismatch' }
  | { kind: 'replayed' }
  | { kind: 'grantExceeded' };

/** What went wrong with a step-up, from the server's STEP_UP_* code (null: not a step-up error). */
export function stepUpProblem(error: CombinedError | undefined | null): StepUpProblem | null {
  const gql = error?.graphQLErrors.find((e) => String(e.extensions?.code ?? '').startsWith('STEP_UP_'));
  if (!gql) return null;
  switch (gql.extensions.code) {
    case 'STEP_UP_REQUIRED':
      return gql.extensions.enroll ? { kind: 'enroll' } : { kind: 'required' };
    case 'STEP_UP_EXPIRED':
      return { kind: 'expired' };
    case 'STEP_UP_MISMATCH':
      return { kind: 'mismatch' };
    case 'STEP_UP_REPLAYED':
      return { kind: 'replayed' };
    case 'STEP_UP_GRANT_EXCEEDED':
      return { kind: 'grantExceeded' };
    default:
      return { kind: 'invalid' };
  }
}
