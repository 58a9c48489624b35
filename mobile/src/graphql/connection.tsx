import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { StyleSheet, Text, View } from 'react-native';
import { useTranslation } from 'react-i18next';
import { useTheme } from '../theme';

/** idle: no socket needed yet (lazy); connected; reconnecting: the socket dropped and graphql-ws retries. */
export type ConnectionStatus = 'idle' | 'connected' | 'reconnecting';

/** The part of a graphql-ws client this needs: `on(event, listener)` returns an unsubscribe. */
export interface SocketEvents {
  on(event: 'connected' | 'closed', listener: () => void): () => void;
}

/** Follows a graphql-ws client: a close after a connection means live data is paused until it reconnects. */
export function useSocketStatus(socket: SocketEvents): ConnectionStatus {
  const [status, setStatus] = useState<ConnectionStatus>('idle');
  useEffect(() => {
    let everConnected = false;
    setStatus('idle');
    const offConnected = socket.on('connected', () => {
      everConnected = true;
      setStatus('connected');
    });
    const offClosed = socket.on('closed', () => {
      if (everConnected) setStatus('reconnecting');
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
