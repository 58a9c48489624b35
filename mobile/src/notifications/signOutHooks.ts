/**
 * Work to finish while the session token is still valid, right before sign-out clears it
 * (e.g. unregisterDevice so this phone stops receiving the user's pushes). AuthContext runs them;
 * each is bounded by a timeout so sign-out never hangs offline.
 */
type Hook = () => Promise<unknown>;

const hooks = new Set<Hook>();

export function addSignOutHook(hook: Hook): () => void {
  hooks.add(hook);
  return () => void hooks.delete(hook);
}

export async function runSignOutHooks(timeoutMs = 3000): Promise<void> {
  const all = [...hooks].map((hook) => hook().catch(() => undefined));
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, timeoutMs);
  });
  await Promise.race([Promise.all(all), timeout]);
  if (timer) clearTimeout(timer);
}
