export const challengeOptions = JSON.stringify({ challenge: 'Y2hhbGxlbmdl', rpId: 'localhost', allowCredentials: [], userVerification: 'required' });

export function bot(id: string, over: Record<string, unknown> = {}) {
  return {
    __typename: 'Bot',
    id,
    accountId: 'acc-1',
    venue: 'sim',
    symbol: 'BTC/USDT',
    kind: 'grid',
    name: `Grid ${id}`,
    templateId: null,
    state: 'STOPPED',
    error: null,
    position: '0',
    realisedPnl: '0',
    unrealisedPnl: '0',
    updatedAt: '2026-12-01T10:00:00+00:00',
    ...over,
  };
}

export function botDetail(id: string, over: Record<string, unknown> = {}) {
  return {
    bot: {
      ...bot(id),
      params: { low: '60000', high: '70000', levels: 10, qty_per_level: '0.001', spacing: 'arithmetic' },
      avgCost: null,
      feesPaid: '1.25',
      createdAt: '2026-12-01T09:00:00+00:00',
      startedAt: null,
      stoppedAt: null,
      limits: { __typename: 'RiskLimits', maxPositionNotional: '5000', maxOrderNotional: null, maxOpenOrders: 20, dailyLossLimit: '250' },
      openOrders: [
        { __typename: 'Order', id: 'o-1', side: 'BUY', type: 'LIMIT', qty: '0.001', price: '64000', filledQty: '0', status: 'OPEN' },
      ],
      events: [{ __typename: 'BotEvent', id: 'e-1', at: '2026-12-01T10:00:00+00:00', kind: 'created', message: 'Bot created' }],
      ...over,
    },
    risk: { __typename: 'Risk', accounts: [{ __typename: 'AccountRisk', accountId: 'acc-1', botsRunning: 1, exposure: '1234.5', dailyPnl: '-12.5' }] },
  };
}

export const templates = {
  botTemplates: [
    {
      __typename: 'BotTemplate',
      id: 'btc-grid',
      name: 'BTC range grid',
      description: 'Buys dips and sells rips inside a range.',
      riskLevel: 'LOW',
      suggestedCapital: '1000',
      kind: 'grid',
      venue: 'sim',
      symbol: 'BTC/USDT',
      available: true,
      unavailableReason: null,
      backtest: { __typename: 'TemplateBacktest', timeframe: '1h', totalReturn: 0.0423, maxDrawdown: 0.081, sharpe: 1.37, winRate: 0.62, trades: 48 },
    },
    {
      __typename: 'BotTemplate',
      id: 'sol-momentum',
      name: 'SOL momentum',
      description: 'Follows strong moves.',
      riskLevel: 'HIGH',
      suggestedCapital: '500',
      kind: 'momentum',
      venue: 'sim',
      symbol: 'SOL/USDT',
      available: false,
      unavailableReason: 'Market not listed',
      backtest: null,
    },
  ],
  exchangeAccounts: [{ __typename: 'ExchangeAccount', id: 'acc-1', venue: 'sim', label: 'Paper' }],
};

/** One row of Query.backtests (a past job). */
export function pastBacktest(id: string, over: Record<string, unknown> = {}) {
  return {
    __typename: 'BacktestJob',
    id,
    status: 'DONE',
    progress: 1,
    createdAt: '2026-12-01T09:00:00+00:00',
    finishedAt: '2026-12-01T09:00:05+00:00',
    input: { symbol: 'BTC/USDT', templateId: null, kind: 'grid', days: 30 },
    error: null,
    metrics: { __typename: 'BacktestMetrics', totalReturn: 0.0512, maxDrawdown: 0.03, trades: 12 },
    ...over,
  };
}

export function backtestsPage(nodes: ReturnType<typeof pastBacktest>[], hasNextPage = false) {
  return {
    backtests: {
      __typename: 'BacktestJobConnection',
      edges: nodes.map((node) => ({ __typename: 'BacktestJobEdge', cursor: `c-${node.id}`, node })),
      pageInfo: { __typename: 'PageInfo', hasNextPage, endCursor: nodes.length ? `c-${nodes[nodes.length - 1].id}` : null },
    },
  };
}
