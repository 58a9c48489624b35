export function alert(id: string, over: Record<string, unknown> = {}) {
  return {
    __typename: 'Alert',
    id,
    name: `Alert ${id}`,
    venue: 'sim',
    symbol: 'BTC/USDT',
    market: { __typename: 'AlertMarketCondition', metric: 'PRICE', direction: 'ABOVE', threshold: '70000', period: 0 },
    event: null,
    mode: 'ONCE',
    status: 'ACTIVE',
    fires: 0,
    snoozedUntil: null,
    lastFiredAt: null,
    armedWithStepUp: false,
    action: null,
    cooldownSeconds: 0,
    expiresAt: null,
    webhookUrl: null,
    createdAt: '2026-12-01T09:00:00+00:00',
    ...over,
  };
}

export function trigger(id: string, alertId: string, over: Record<string, unknown> = {}) {
  return {
    __typename: 'AlertTrigger',
    id,
    alertId,
    name: null,
    symbol: 'BTC/USDT',
    value: '70012.5',
    firedAt: '2026-12-01T10:00:00+00:00',
    actionStatus: 'none',
    actionResult: null,
    ...over,
  };
}

export const alertsData = {
  alerts: [
    alert('a-1'),
    alert('a-2', {
      name: 'RSI dip buy',
      market: { __typename: 'AlertMarketCondition', metric: 'RSI', direction: 'BELOW', threshold: '30', period: 14 },
      armedWithStepUp: true,
      action: { __typename: 'AlertAction', kind: 'PLACE_ORDER', side: 'BUY', qty: '0.01', price: null, botId: null },
      fires: 2,
    }),
  ],
  exchangeAccounts: [{ __typename: 'ExchangeAccount', id: 'acc-1', venue: 'sim', label: 'Paper' }],
  bots: [{ __typename: 'Bot', id: 'b-1', name: 'BTC grid', venue: 'sim' }],
};
