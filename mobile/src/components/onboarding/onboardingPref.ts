import { useEffect, useState } from 'react';
import { loadPref, savePref } from '../../storage/prefs';

/** Set once the user finished or skipped the first-run wizard (per device). */
export const PREF_ONBOARDED = 'co.pref.onboarded';

// Screens already mounted (e.g. the tabs layout under the wizard) hear about the change at once.
const listeners = new Set<(needs: boolean) => void>();

export async function markOnboarded(how: 'done' | 'skipped'): Promise<void> {
  await savePref(PREF_ONBOARDED, how);
  for (const listener of listeners) listener(false);
}

/** null while the preference loads, then whether the wizard is still to be shown. */
export function useNeedsOnboarding(): boolean | null {
  const [needs, setNeeds] = useState<boolean | null>(null);
  useEffect(() => {
    let alive = true;
    listeners.add(setNeeds);
    void loadPref(PREF_ONBOARDED).then((value) => {
      if (alive) setNeeds((current) => (current === false ? false : !value));
    });
    return () => {
      alive = false;
      listeners.delete(setNeeds);
    };
  }, []);
  return needs;
}
