import { act, render, screen } from '@testing-library/react-native';
import { ConnectionBanner, ConnectionProvider, useSocketStatus, type ConnectionStatus, type SocketEvents } from '../src/graphql/connection';

function fakeSocket() {
  const listeners: Record<string, Set<() => void>> = { connected: new Set(), closed: new Set() };
  const socket: SocketEvents = {
    on(event, listener) {
      listeners[event].add(listener);
      return () => listeners[event].delete(listener);
    },
  };
  const emit = (event: 'connected' | 'closed') => listeners[event].forEach((l) => l());
  return { socket, emit, listeners };
}

function Harness({ socket }: { socket: SocketEvents }) {
  const status = useSocketStatus(socket);
  return (
    <ConnectionProvider status={status}>
      <ConnectionBanner />
    </ConnectionProvider>
  );
}

test('the reconnect banner shows after a dropped connection and hides once it is back', async () => {
  const { socket, emit, listeners } = fakeSocket();
  const view = await render(<Harness socket={socket} />);
  // A close before any connection (lazy socket, first attempt failing) is not a "lost" connection.
  await act(async () => emit('closed'));
  expect(screen.queryByTestId('connection-banner')).toBeNull();
  await act(async () => emit('connected'));
  expect(screen.queryByTestId('connection-banner')).toBeNull();
  await act(async () => emit('closed'));
  expect(screen.getByRole('alert')).toHaveTextContent('Connection lost. Reconnecting…');
  await act(async () => emit('connected'));
  expect(screen.queryByTestId('connection-banner')).toBeNull();
  await view.unmount();
  expect(listeners.connected.size + listeners.closed.size).toBe(0);
});

test.each<[ConnectionStatus, boolean]>([
  ['idle', false],
  ['connected', false],
  ['reconnecting', true],
])('status %s → banner shown: %s', async (status, shown) => {
  await render(
    <ConnectionProvider status={status}>
      <ConnectionBanner />
    </ConnectionProvider>,
  );
  expect(screen.queryByTestId('connection-banner') !== null).toBe(shown);
});
