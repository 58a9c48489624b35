import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { clearToken, loadToken, saveToken } from '../storage/token';
import { runSignOutHooks } from '../notifications/signOutHooks';

export interface AuthState {
  /** True while the stored token is being read at start-up. */
  restoring: boolean;
  token: string | null;
  signIn(token: string): Promise<void>;
  signOut(): Promise<void>;
}

const AuthContext = createContext<AuthState | null>(null);

export function AuthProvider({ children, initialToken }: { children: ReactNode; initialToken?: string | null }) {
  const [token, setToken] = useState<string | null>(initialToken ?? null);
  const [restoring, setRestoring] = useState(initialToken === undefined);

  useEffect(() => {
    if (initialToken !== undefined) return;
    let alive = true;
    loadToken()
      .catch(() => null)
      .then((stored) => {
        if (!alive) return;
        setToken(stored);
        setRestoring(false);
      });
    return () => {
      alive = false;
    };
  }, [initialToken]);

  const signIn = useCallback(async (next: string) => {
    await saveToken(next);
    setToken(next);
  }, []);

  const signOut = useCallback(async () => {
    await runSignOutHooks(); // e.g. unregisterDevice, while the token is still valid
    await clearToken();
    setToken(null);
  }, []);

  const value = useMemo(() => ({ restoring, token, signIn, signOut }), [restoring, token, signIn, signOut]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}
