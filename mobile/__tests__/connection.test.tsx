import { act, render, screen } from '@testing-library/react-native';
import { ConnectionBanner, ConnectionProvider, useSocketStatus, type ConnectionStatus, type SocketEvents } from '../src/graphql/connection';

function fakeSocket() {
  const listeners: Record<string, Set<(event?: unknown) => void>> = { connected: new Set(), closed: new Set() };
  const on = (event: 'connected' | 'closed', listener: (event?: unknown) => void) => {
    listeners[event].add(listener);
    return () => void listeners[event].delete(listener);
  };
  const socket = { on } as SocketEvents;
  /** `closed` carries the CloseEvent graphql-ws passes on (an abnormal 1006 unless given). */
  const emit = (event: 'connected' | 'closed', close: unknown = { code: 1006, reason: '' }) =>
    listeners[event].forEach((l) => l(event === 'closed' ? close : undefined));
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

test('the lazy socket closing normally after the last subscription ends is idle, not "connection lost"', async () => {
  const { socket, emit } = fakeSocket();
  await render(<Harness socket={socket} />);
  await act(async () => emit('connected'));
  // graphql-ws (lazy) closes with 1000 "Normal Closure" once no subscription needs the socket.
  await act(async () => emit('closed', { code: 1000, reason: 'Normal Closure' }));
  expect(screen.queryByTestId('connection-banner')).toBeNull();
  // A new subscription reconnects; a later drop (1006) is a lost connection again.
  await act(async () => emit('connected'));
  await act(async () => emit('closed', { code: 1006, reason: '' }));
  expect(screen.getByRole('alert')).toHaveTextContent('Connection lost. Reconnecting…');
  // The retry's socket then ends normally (the screen that needed it closed): the banner goes.
  await act(async () => emit('closed', { code: 1000, reason: 'Normal Closure' }));
  expect(screen.queryByTestId('connection-banner')).toBeNull();
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
