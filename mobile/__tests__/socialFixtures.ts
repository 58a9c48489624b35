export const metrics = (period: string, over: Record<string, unknown> = {}) => ({
  __typename: 'TraderMetrics',
  period,
  days: 30,
  trades: 42,
  roiPct: 12.5,
  sharpe: 1.8,
  sortino: 2.1,
  maxDrawdownPct: 6.25,
  winRatePct: 58,
  followers: 12,
  copiedCapital: '25000',
  ...over,
});

export const leader = (rank: number, handle: string, over: Record<string, unknown> = {}) => ({
  __typename: 'LeaderboardRow',
  rank,
  traderId: `t-${handle}`,
  handle,
  metrics: metrics('D30', over),
});

export const follow = (traderId: string, over: Record<string, unknown> = {}) => ({
  __typename: 'Follow',
  id: `f-${traderId}`,
  traderId,
  accountId: 'acc-1',
  allocation: '1000',
  sizing: 'PROPORTIONAL',
  ratio: '1',
  fixedAmount: null,
  maxPerTrade: null,
  slippageGuardPct: '1',
  copyOpenPositions: false,
  stopLossPct: null,
  active: true,
  startedAt: '2026-12-01T00:00:00+00:00',
  copyPnl: '42.5',
  ...over,
});

export const listing = (id: string, over: Record<string, unknown> = {}) => ({
  __typename: 'StrategyListing',
  id,
  creatorId: 'u-9',
  sourceKind: 'template',
  title: `Grid ${id}`,
  description: `A grid strategy ${id}`,
  pricing: 'FREE',
  monthlyPrice: null,
  performanceFeePct: null,
  rating: 4.5,
  reviewCount: 8,
  createdAt: '2026-12-01T00:00:00+00:00',
  ...over,
});

export const post = (id: string, over: Record<string, unknown> = {}) => ({
  __typename: 'Post',
  id,
  authorId: 'u-2',
  authorHandle: null,
  kind: 'text',
  body: `Post ${id}`,
  listingId: null,
  trade: null,
  backtest: null,
  likes: 1,
  commentCount: 0,
  likedByMe: false,
  createdAt: '2026-12-07T03:00:00+00:00',
  ...over,
});

export const accounts = { exchangeAccounts: [{ __typename: 'ExchangeAccount', id: 'acc-1', venue: 'sim', label: 'Paper' }] };

/** A shared backtest as a post carries it (simulated figures; returns are fractions). */
export const sharedBacktest = (over: Record<string, unknown> = {}) => ({
  __typename: 'SharedBacktest',
  backtestId: 'job-1',
  simulated: true,
  symbol: 'BTC/USDT',
  strategy: 'grid',
  templateId: null,
  timeframe: '1h',
  periodStart: '2026-11-01T00:00:00+00:00',
  periodEnd: '2026-11-30T23:00:00+00:00',
  totalReturn: 0.0512,
  maxDrawdown: 0.034,
  sharpe: 1.9,
  trades: 60,
  ...over,
});
