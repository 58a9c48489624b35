import { StyleSheet } from 'react-native';
import { screen } from '@testing-library/react-native';

export function position(symbol: string, overrides: Record<string, unknown> = {}) {
  return {
    __typename: 'Position',
    accountId: 'acc-1',
    venue: 'sim',
    symbol,
    qty: '0.5',
    avgCost: '60000',
    mark: '64000',
    value: '32000',
    realisedPnl: '0',
    unrealisedPnl: '2000',
    feesPaid: '3',
    ...overrides,
  };
}

export function portfolio(overrides: Record<string, unknown> = {}) {
  return {
    __typename: 'Portfolio',
    quote: 'USDT',
    totalValue: '42000.5',
    dayChange: '-120.25',
    dayChangePct: '-0.29',
    realisedPnl: '150.5',
    unrealisedPnl: '2000',
    unpriced: [] as string[],
    asOf: '2026-11-25T12:00:00+00:00',
    positions: [position('BTC/USDT'), position('ETH/USDT', { qty: '0', value: '0', unrealisedPnl: '0' })],
    ...overrides,
  };
}

export const platformStats = {
  __typename: 'PlatformStats',
  totalTrades: 12345,
  volumeQuote: '2500000',
  activeTraders: 42,
  copiedCapital: '98000',
  computedAt: '2026-11-25T12:00:00+00:00',
};

const INTERACTIVE = ['button', 'radio', 'link', 'checkbox', 'switch', 'tab'] as const;

/** Every control has a label and a touch target of at least 44 × 44 pt (as in a11y.test.tsx). */
export function expectAccessibleControls() {
  const controls = INTERACTIVE.flatMap((role) => screen.queryAllByRole(role));
  expect(controls.length).toBeGreaterThan(0);
  for (const node of controls) {
    const label = node.props.accessibilityLabel;
    const style = StyleSheet.flatten(node.props.style) ?? {};
    const height = Math.max(Number(style.minHeight ?? 0), Number(style.height ?? 0));
    const width = Math.max(Number(style.minWidth ?? 0), Number(style.width ?? 0));
    const wideEnough = width >= 44 || style.flex === 1 || style.alignSelf === 'stretch' || width === 0;
    expect([label, typeof label === 'string' && label.length > 0]).toEqual([label, true]);
    expect([label, height >= 44, wideEnough]).toEqual([label, true, true]);
  }
}
