import { graphql } from '../gql';

export const BotFieldsFragment = graphql(`
  fragment BotFields on Bot {
    id
    accountId
    venue
    symbol
    kind
    name
    templateId
    state
    error
    position
    realisedPnl
    unrealisedPnl
    updatedAt
  }
`);

export const BotsQuery = graphql(`
  query Bots {
    bots {
      ...BotFields
    }
  }
`);

export const BotUpdatesSubscription = graphql(`
  subscription BotUpdates {
    botUpdates {
      ...BotFields
    }
  }
`);

export const BotDetailQuery = graphql(`
  query BotDetail($id: ID!) {
    bot(id: $id) {
      ...BotFields
      params
      avgCost
      feesPaid
      createdAt
      startedAt
      stoppedAt
      limits {
        maxPositionNotional
        maxOrderNotional
        maxOpenOrders
        dailyLossLimit
      }
      openOrders {
        id
        side
        type
        qty
        price
        filledQty
        status
      }
      events(limit: 20) {
        id
        at
        kind
        message
      }
    }
    risk {
      accounts {
        accountId
        botsRunning
        exposure
        dailyPnl
      }
    }
  }
`);

export const BotTemplatesQuery = graphql(`
  query BotTemplates {
    botTemplates {
      id
      name
      description
      riskLevel
      suggestedCapital
      kind
      venue
      symbol
      available
      unavailableReason
      backtest {
        timeframe
        totalReturn
        maxDrawdown
        sharpe
        winRate
        trades
      }
    }
    exchangeAccounts {
      id
      venue
      label
    }
  }
`);

export const CreateBotFromTemplateMutation = graphql(`
  mutation CreateBotFromTemplate($input: CreateBotFromTemplateInput!) {
    createBotFromTemplate(input: $input) {
      ...BotFields
    }
  }
`);

export const CreateBotMutation = graphql(`
  mutation CreateBot($input: CreateBotInput!) {
    createBot(input: $input) {
      ...BotFields
    }
  }
`);

export const StartBotMutation = graphql(`
  mutation StartBot($id: ID!, $stepUp: StepUpAssertionInput) {
    startBot(id: $id, stepUp: $stepUp) {
      ...BotFields
    }
  }
`);

export const StopBotMutation = graphql(`
  mutation StopBot($id: ID!, $stepUp: StepUpAssertionInput) {
    stopBot(id: $id, stepUp: $stepUp) {
      ...BotFields
    }
  }
`);

export const PauseBotMutation = graphql(`
  mutation PauseBot($id: ID!) {
    pauseBot(id: $id) {
      ...BotFields
    }
  }
`);

export const DeleteBotMutation = graphql(`
  mutation DeleteBot($id: ID!) {
    deleteBot(id: $id)
  }
`);

export const MonteCarloBandsFragment = graphql(`
  fragment MonteCarloBandsFields on BacktestMonteCarloBands {
    method
    runs
    probabilityOfLoss
    finalEquity {
      percentile
      value
    }
    maxDrawdown {
      percentile
      value
    }
  }
`);

export const BacktestJobFieldsFragment = graphql(`
  fragment BacktestJobFields on BacktestJob {
    id
    status
    progress
    etaSeconds
    error
    input
    metrics {
      totalReturn
      cagr
      sharpe
      sortino
      maxDrawdown
      winRate
      profitFactor
      trades
      roundTrips
      feesPaid
      finalEquity
    }
    equityCurve {
      time
      equity
    }
    trades {
      time
      side
      price
      qty
      fee
    }
    tradesTruncated
    monteCarlo {
      trades {
        ...MonteCarloBandsFields
      }
      blocks {
        ...MonteCarloBandsFields
      }
    }
    walkForward {
      outOfSampleReturn
      meanTrainReturn
      meanTestReturn
      efficiency
      windows {
        trainStart
        testStart
        testEnd
        params
        trainReturn
        testReturn
        testTrades
        testMaxDrawdown
      }
    }
  }
`);

export const RunBacktestMutation = graphql(`
  mutation RunBacktest($input: BacktestInput!) {
    runBacktest(input: $input) {
      ...BacktestJobFields
    }
  }
`);

export const BacktestQuery = graphql(`
  query Backtest($id: ID!) {
    backtest(id: $id) {
      ...BacktestJobFields
    }
  }
`);

export const BacktestProgressSubscription = graphql(`
  subscription BacktestProgress($jobId: ID!) {
    backtestProgress(jobId: $jobId) {
      jobId
      status
      progress
      etaSeconds
      error
    }
  }
`);

export const CancelBacktestMutation = graphql(`
  mutation CancelBacktest($id: ID!) {
    cancelBacktest(id: $id) {
      id
      status
      progress
    }
  }
`);

export const UpdateBotMutation = graphql(`
  mutation UpdateBot($id: ID!, $input: UpdateBotInput!) {
    updateBot(id: $id, input: $input) {
      ...BotFields
      params
      limits {
        maxPositionNotional
        maxOrderNotional
        maxOpenOrders
        dailyLossLimit
      }
    }
  }
`);

/** Your past backtests, newest first (one page). */
export const BacktestsQuery = graphql(`
  query Backtests($first: Int!, $after: String) {
    backtests(first: $first, after: $after) {
      edges {
        cursor
        node {
          id
          status
          progress
          createdAt
          finishedAt
          input
          error
          metrics {
            totalReturn
            maxDrawdown
            trades
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);
