import { useEffect, useMemo, type ReactNode } from 'react';
import { Provider } from 'urql';
import { useAuth } from '../auth/AuthContext';
import { createApiClients } from './client';
import { ConnectionProvider, useSocketStatus } from './connection';

/** A fresh urql client (and websocket) per session token, so headers and connection_init always match it. */
export function ApiProvider({ children }: { children: ReactNode }) {
  const { token, signOut } = useAuth();
  const clients = useMemo(() => createApiClients(token, () => void signOut()), [token, signOut]);
  useEffect(() => () => void clients.ws.dispose(), [clients]);
  const status = useSocketStatus(clients.ws);
  return (
    <Provider value={clients.client}>
      <ConnectionProvider status={status}>{children}</ConnectionProvider>
    </Provider>
  );
}
