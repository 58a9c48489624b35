import { act, fireEvent, screen } from '@testing-library/react-native';
import { makeSubject } from 'wonka';
import OrdersScreen, { FILLS_PAGE, OPEN_STATUSES, statusKey } from '../src/screens/OrdersScreen';
import { calls, data, mockClient, once, pending, renderWith, type Handler } from './helpers';
import { order, tradeContext } from './tradeFixtures';

const fill = (id: string, price: string) => ({
  __typename: 'Fill',
  id,
  orderId: 'o-1',
  symbol: 'BTC/USDT',
  side: 'BUY',
  price,
  qty: '0.1',
  fee: '0.64',
  feeCurrency: 'USDT',
  liquidity: 'maker',
  executedAt: '2026-11-25T12:00:00+00:00',
});

const fillsPages: Handler = (v) =>
  once({
    data: {
      fills: v.after
        ? { edges: [{ cursor: 'c3', node: fill('f-3', '63000') }], pageInfo: { hasNextPage: false, endCursor: 'c3' } }
        : {
            edges: [
              { cursor: 'c1', node: fill('f-1', '65000') },
              { cursor: 'c2', node: fill('f-2', '64000') },
            ],
            pageInfo: { hasNextPage: true, endCursor: 'c2' },
          },
    },
  });

function setup(extra: Record<string, Handler> = {}) {
  const updates = makeSubject<unknown>();
  const mock = mockClient({
    OpenOrders: data({ orders: { edges: [{ node: order('o-1') }, { node: order('o-2', { side: 'SELL', price: '70000', createdAt: '2026-11-25T12:01:00+00:00' }) }] } }),
    OrderUpdates: () => updates.source,
    Fills: fillsPages,
    Balances: data({ balances: tradeContext.balances }),
    ...extra,
  });
  return { ...mock, updates };
}

test('lists open orders, and orderUpdates changes and removes them live', async () => {
  const { client, run, updates } = setup();
  await renderWith(<OrdersScreen />, client);
  expect(calls(run, 'OpenOrders')[0][0].variables).toEqual({ status: OPEN_STATUSES, first: 100 });
  expect(screen.getByTestId('order-o-1')).toHaveTextContent(/Buy 0.5 BTC\/USDT @ 64,000/);
  expect(screen.getByTestId('order-o-2')).toHaveTextContent(/Sell 0.5 BTC\/USDT @ 70,000/);

  await act(async () => {
    updates.next({ data: { orderUpdates: order('o-1', { status: 'PARTIALLY_FILLED', filledQty: '0.2', updatedAt: '2026-11-25T12:02:00+00:00' }) } });
  });
  expect(screen.getByTestId('order-o-1')).toHaveTextContent(/Partly filled · Filled 0.2 of 0.5/);

  await act(async () => {
    updates.next({ data: { orderUpdates: order('o-1', { status: 'FILLED', filledQty: '0.5', updatedAt: '2026-11-25T12:03:00+00:00' }) } });
    updates.next({ data: { orderUpdates: order('o-3', { qty: '1', createdAt: '2026-11-25T12:04:00+00:00', updatedAt: '2026-11-25T12:04:00+00:00' }) } });
  });
  expect(screen.queryByTestId('order-o-1')).toBeNull();
  expect(screen.getByTestId('order-o-3')).toHaveTextContent(/Buy 1 BTC\/USDT/);
});

test('a stop-limit waiting for its trigger is open: status label, trigger price, cancellable; it stays listed when triggered', async () => {
  expect(OPEN_STATUSES).toContain('UNTRIGGERED');
  expect(statusKey('UNTRIGGERED')).toBe('stopOrders.status.UNTRIGGERED');
  const stop = order('o-9', { type: 'STOP_LIMIT', status: 'UNTRIGGERED', side: 'SELL', price: '59000', triggerPrice: '59500', createdAt: '2026-11-25T12:06:00+00:00' });
  const { client, updates } = setup({ OpenOrders: data({ orders: { edges: [{ node: stop }] } }) });
  await renderWith(<OrdersScreen />, client);
  expect(screen.getByTestId('order-o-9')).toHaveTextContent(/Sell 0.5 BTC\/USDT @ 59,000/);
  expect(screen.getByTestId('order-o-9')).toHaveTextContent(/Waiting for trigger · Filled 0 of 0.5/);
  expect(screen.getByTestId('trigger-o-9')).toHaveTextContent('Trigger price (USDT): 59,500');
  expect(screen.getByTestId('cancel-o-9')).toBeTruthy();
  // Triggered: it rests as a limit order (OPEN) and stays in the list.
  await act(async () => {
    updates.next({ data: { orderUpdates: { ...stop, status: 'OPEN', updatedAt: '2026-11-25T12:07:00+00:00' } } });
  });
  expect(screen.getByTestId('order-o-9')).toHaveTextContent(/Open · Filled 0 of 0.5/);
  // Plain limit orders show no trigger line.
  expect(screen.queryByTestId('trigger-o-1')).toBeNull();
});

test('cancel calls cancelOrder and the order leaves the list', async () => {
  const { client, run } = setup({
    CancelOrder: (v) => once({ data: { cancelOrder: order(String(v.id), { status: 'CANCELED', updatedAt: '2026-11-25T12:05:00+00:00' }) } }),
  });
  await renderWith(<OrdersScreen />, client);
  await fireEvent.press(screen.getByRole('button', { name: 'Cancel order: Buy 0.5 BTC/USDT @ 64,000' }));
  expect(calls(run, 'CancelOrder')[0][0].variables).toEqual({ id: 'o-1' });
  expect(screen.queryByTestId('order-o-1')).toBeNull();
  expect(screen.getByTestId('order-o-2')).toBeOnTheScreen();
});

test('cancel all calls cancelAllOrders (no step-up) and reports the count', async () => {
  const { client, run } = setup({
    CancelAllOrders: data({
      cancelAllOrders: [
        order('o-1', { status: 'CANCELED', updatedAt: '2026-11-25T12:05:00+00:00' }),
        order('o-2', { status: 'CANCELED', updatedAt: '2026-11-25T12:05:00+00:00' }),
      ],
    }),
  });
  await renderWith(<OrdersScreen />, client);
  await fireEvent.press(screen.getByRole('button', { name: 'Cancel all open orders' }));
  expect(calls(run, 'CancelAllOrders')[0][0].variables).toEqual({ symbol: null });
  expect(calls(run, 'StepUpChallenge')).toHaveLength(0);
  expect(screen.getByTestId('orders-notice')).toHaveTextContent('2 orders canceled.');
  expect(screen.getByTestId('orders-empty')).toHaveTextContent('No open orders.');
});

test('fills page with a cursor and balances are listed', async () => {
  const { client, run } = setup();
  await renderWith(<OrdersScreen />, client);
  expect(screen.getByTestId('fill-f-1')).toHaveTextContent(/Buy 0.1 BTC\/USDT at 65,000/);
  expect(screen.getByTestId('fill-f-1')).toHaveTextContent(/Fee 0.64 USDT/);
  expect(screen.queryByTestId('fill-f-3')).toBeNull();
  expect(calls(run, 'Fills')[0][0].variables).toEqual({ first: FILLS_PAGE, after: null });

  await fireEvent.press(screen.getByRole('button', { name: 'Load more' }));
  expect(calls(run, 'Fills')[1][0].variables).toEqual({ first: FILLS_PAGE, after: 'c2' });
  expect(screen.getByTestId('fill-f-3')).toHaveTextContent(/at 63,000/);
  expect(screen.getByTestId('fill-f-1')).toBeOnTheScreen();
  expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
  expect(screen.getByTestId('orders-balance-USDT')).toHaveTextContent(/10,000/);
});

test('empty states', async () => {
  const { client } = setup({
    OpenOrders: data({ orders: { edges: [] } }),
    OrderUpdates: pending(),
    Fills: data({ fills: { edges: [], pageInfo: { hasNextPage: false, endCursor: null } } }),
  });
  await renderWith(<OrdersScreen />, client);
  expect(screen.getByText('No open orders.')).toBeOnTheScreen();
  expect(screen.getByText('No fills yet.')).toBeOnTheScreen();
  expect(screen.queryByRole('button', { name: 'Cancel all open orders' })).toBeNull();
});
