import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { StyleSheet, Text, View } from 'react-native';
import { useTranslation } from 'react-i18next';
import { useTheme } from '../theme';

/** idle: no socket needed yet (lazy); connected; reconnecting: the socket dropped and graphql-ws retries. */
export type ConnectionStatus = 'idle' | 'connected' | 'reconnecting';

/** The part of a graphql-ws client this needs: `on(event, listener)` returns an unsubscribe. */
export interface SocketEvents {
  on(event: 'connected', listener: () => void): () => void;
  on(event: 'closed', listener: (event: unknown) => void): () => void;
}

/**
 * A normal closure (1000): the lazy graphql-ws client closes the socket itself once the last live
 * subscription ends; nothing is lost, so the app is idle rather than reconnecting.
 */
export function isNormalClose(event: unknown): boolean {
  return Boolean(event) && typeof event === 'object' && (event as { code?: unknown }).code === 1000;
}

/**
 * Follows a graphql-ws client: an abnormal close after a connection means live data is paused
 * until it reconnects; a normal close (no subscription needs the socket any more) is idle.
 */
export function useSocketStatus(socket: SocketEvents): ConnectionStatus {
  const [status, setStatus] = useState<ConnectionStatus>('idle');
  useEffect(() => {
    let everConnected = false;
    setStatus('idle');
    const offConnected = socket.on('connected', () => {
      everConnected = true;
      setStatus('connected');
    });
    const offClosed = socket.on('closed', (event: unknown) => {
      if (isNormalClose(event)) setStatus('idle');
      else if (everConnected) setStatus('reconnecting');
    });
    return () => {
      offConnected();
      offClosed();
    };
  }, [socket]);
  return status;
}

const ConnectionContext = createContext<ConnectionStatus>('idle');

export function ConnectionProvider({ status, children }: { status: ConnectionStatus; children: ReactNode }) {
  return <ConnectionContext.Provider value={status}>{children}</ConnectionContext.Provider>;
}

export function useConnectionStatus(): ConnectionStatus {
  return useContext(ConnectionContext);
}

/** A banner while live data is paused (the reconnect indicator). */
export function ConnectionBanner() {
  const { t } = useTranslation();
  const theme = useTheme();
  if (useConnectionStatus() !== 'reconnecting') return null;
  return (
    <View style={[styles.banner, { backgroundColor: theme.surface, borderColor: theme.danger }]} testID="connection-banner">
      <Text accessibilityRole="alert" accessibilityLiveRegion="polite" style={{ color: theme.danger, fontWeight: '600' }}>
        {t('connection.reconnecting')}
      </Text>
    </View>
  );
}

const styles = StyleSheet.create({
  banner: { paddingVertical: 8, paddingHorizontal: 16, borderBottomWidth: 1, alignItems: 'center' },
});
