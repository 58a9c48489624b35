import { useCallback, useRef, useState } from 'react';
import { useMutation, type CombinedError } from 'urql';
import { StepUpChallengeMutation } from '../graphql/documents';
import { errorKey } from '../graphql/errors';
import { stepUpProblem, type StepUpProblem } from '../graphql/stepUpErrors';
import type { ActionInput, StepUpAssertionInput } from '../gql/graphql';
import { assertPasskey } from './passkeyCeremony';

export type GuardedPhase = 'idle' | 'preparing' | 'confirm' | 'asserting' | 'submitting' | 'done' | 'failed';

export interface GuardedState {
  phase: GuardedPhase;
  /** The server's sentence for the action ("Buy 0.5 BTC/USDT at 64,000 USDT on sim"). */
  summary: string | null;
  problem: StepUpProblem | null;
  /** i18n key of a non-step-up error or notice. */
  messageKey: string | null;
}

/** The guarded mutation; `messageKey` reports a failure that is not a server error (e.g. a dismissed prompt). */
export type Perform = (stepUp: StepUpAssertionInput) => Promise<{ error?: CombinedError; messageKey?: string }>;

const IDLE: GuardedState = { phase: 'idle', summary: null, problem: null, messageKey: null };

/**
 * A guarded mutation in the order the user sees it: stepUpChallenge for the exact action → the
 * confirmation sheet shows the server's summary → the passkey prompt (react-native-passkeys) →
 * the mutation with the assertion. STEP_UP_* errors become a `problem` that says what to do next.
 */
export function useGuardedAction(onDone?: () => void) {
  const [state, setState] = useState<GuardedState>(IDLE);
  const [, challenge] = useMutation(StepUpChallengeMutation);
  const pending = useRef<{ action: ActionInput; perform: Perform; optionsJson: string | null } | null>(null);

  const fail = (error: CombinedError | undefined, summary: string | null) => {
    const problem = stepUpProblem(error);
    setState({ phase: 'failed', summary, problem, messageKey: problem ? null : errorKey(error) ?? 'errors.generic' });
  };

  const prepare = useCallback(async (action: ActionInput, perform: Perform) => {
    pending.current = { action, perform, optionsJson: null };
    setState({ ...IDLE, phase: 'preparing' });
    const res = await challenge({ action });
    if (pending.current?.action !== action) return; // cancelled meanwhile
    if (res.error || !res.data) {
      fail(res.error, null);
      return;
    }
    pending.current.optionsJson = res.data.stepUpChallenge.optionsJson;
    setState({ ...IDLE, phase: 'confirm', summary: res.data.stepUpChallenge.summary });
  }, [challenge]);

  const confirm = useCallback(async () => {
    const current = pending.current;
    if (!current?.optionsJson) return;
    const summary = state.summary;
    setState((s) => ({ ...s, phase: 'asserting', problem: null, messageKey: null }));
    let credential: string | null;
    try {
      credential = await assertPasskey(current.optionsJson);
    } catch (e) {
      const name = (e as { name?: string })?.name;
      const dismissed = name === 'NotAllowedError' || name === 'AbortError';
      setState({ phase: 'confirm', summary, problem: null, messageKey: dismissed ? 'stepUp.dismissed' : 'stepUp.unsupported' });
      return;
    }
    if (!credential) {
      setState({ phase: 'confirm', summary, problem: null, messageKey: 'stepUp.dismissed' });
      return;
    }
    setState((s) => ({ ...s, phase: 'submitting' }));
    const res = await current.perform({ credential });
    if (res.messageKey) {
      setState({ phase: 'failed', summary, problem: null, messageKey: res.messageKey });
      return;
    }
    if (res.error) {
      fail(res.error, summary);
      return;
    }
    pending.current = null;
    setState({ ...IDLE, phase: 'done', summary });
    onDone?.();
  }, [state.summary, onDone]);

  /** A fresh challenge for the same action (after expired, replayed or rejected assertions). */
  const retry = useCallback(async () => {
    const current = pending.current;
    if (current) await prepare(current.action, current.perform);
  }, [prepare]);

  const reset = useCallback(() => {
    pending.current = null;
    setState(IDLE);
  }, []);

  return { state, prepare, confirm, retry, reset };
}

export type GuardedAction = ReturnType<typeof useGuardedAction>;
