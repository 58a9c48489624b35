import { graphql } from '../gql';

export const LoginMutation = graphql(`
  mutation Login($email: String!, $password: String!) {
    login(email: $email, password: $password) {
      token
      expiresAt
      user {
        id
        displayName
      }
    }
  }
`);

export const LogoutMutation = graphql(`
  mutation Logout {
    logout
  }
`);

/** Venues with public market data on this server: sim first, then CO_LIVE_MARKET_VENUES. */
export const MarketVenuesQuery = graphql(`
  query MarketVenues {
    marketVenues {
      id
      displayName
      simulated
      live
    }
  }
`);

export const MarketsQuery = graphql(`
  query Markets($venue: String! = "sim") {
    markets(venue: $venue) {
      venue
      symbol
      base
      quote
    }
  }
`);

export const TickerQuery = graphql(`
  query Ticker($symbol: String!, $venue: String! = "sim") {
    ticker(symbol: $symbol, venue: $venue) {
      ...TickerFields
    }
  }
`);

export const TickerFieldsFragment = graphql(`
  fragment TickerFields on Ticker {
    venue
    symbol
    bid
    ask
    last
    high24h
    low24h
    baseVolume24h
    changePct24h
    timestamp
  }
`);

export const TickerSubscription = graphql(`
  subscription LiveTicker($symbols: [String!]!, $maxRate: Float!, $venue: String! = "sim") {
    ticker(symbols: $symbols, maxRate: $maxRate, venue: $venue) {
      ...TickerFields
    }
  }
`);

export const TimeframesQuery = graphql(`
  query Timeframes {
    timeframes
  }
`);

export const CandlesQuery = graphql(`
  query Candles($symbol: String!, $timeframe: String!, $limit: Int!, $venue: String! = "sim") {
    candles(symbol: $symbol, timeframe: $timeframe, limit: $limit, venue: $venue) {
      openTime
      open
      high
      low
      close
      volume
      closed
    }
  }
`);

export const AccountQuery = graphql(`
  query Account {
    me {
      id
      email
      displayName
      isDemo
      createdAt
    }
    balances {
      accountId
      venue
      accountLabel
      currency
      free
      used
      total
    }
  }
`);

export const MarketRulesFragment = graphql(`
  fragment MarketRules on Market {
    venue
    symbol
    base
    quote
    priceTick
    qtyStep
    minQty
    minNotional
  }
`);

export const TradeContextQuery = graphql(`
  query TradeContext($venue: String! = "sim") {
    markets(venue: $venue) {
      ...MarketRules
    }
    tradingGrants {
      id
      accountId
      symbols
      maxOrders
      ordersUsed
      expiresAt
      revokedAt
    }
    exchangeAccounts {
      id
      venue
      label
    }
    balances {
      accountId
      venue
      accountLabel
      currency
      free
      used
      total
    }
  }
`);

export const OrderBookSubscription = graphql(`
  subscription LiveOrderBook($symbol: String!, $depth: Int!, $maxRate: Float!, $venue: String! = "sim") {
    orderBook(symbol: $symbol, depth: $depth, maxRate: $maxRate, venue: $venue) {
      symbol
      seq
      bids {
        price
        qty
      }
      asks {
        price
        qty
      }
      spread
      mid
      timestamp
    }
  }
`);

export const OrderFieldsFragment = graphql(`
  fragment OrderFields on Order {
    id
    accountId
    venue
    symbol
    clientOrderId
    side
    type
    timeInForce
    qty
    price
    triggerPrice
    filledQty
    remainingQty
    avgFillPrice
    status
    rejectReason
    createdAt
    updatedAt
  }
`);

export const StepUpChallengeMutation = graphql(`
  mutation StepUpChallenge($action: ActionInput!) {
    stepUpChallenge(action: $action) {
      optionsJson
      summary
      expiresAt
    }
  }
`);

export const PlaceOrderMutation = graphql(`
  mutation PlaceOrder($input: PlaceOrderInput!, $stepUp: StepUpAssertionInput) {
    placeOrder(input: $input, stepUp: $stepUp) {
      ...OrderFields
    }
  }
`);

export const OpenOrdersQuery = graphql(`
  query OpenOrders($status: [OrderStatus!], $first: Int!) {
    orders(status: $status, first: $first) {
      edges {
        node {
          ...OrderFields
        }
      }
    }
  }
`);

export const OrderUpdatesSubscription = graphql(`
  subscription OrderUpdates {
    orderUpdates {
      ...OrderFields
    }
  }
`);

export const CancelOrderMutation = graphql(`
  mutation CancelOrder($id: ID!) {
    cancelOrder(id: $id) {
      ...OrderFields
    }
  }
`);

export const CancelAllOrdersMutation = graphql(`
  mutation CancelAllOrders($symbol: String) {
    cancelAllOrders(symbol: $symbol) {
      ...OrderFields
    }
  }
`);

export const FillsQuery = graphql(`
  query Fills($first: Int!, $after: String) {
    fills(first: $first, after: $after) {
      edges {
        cursor
        node {
          id
          orderId
          symbol
          side
          price
          qty
          fee
          feeCurrency
          liquidity
          executedAt
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const BalancesQuery = graphql(`
  query Balances {
    balances {
      accountId
      venue
      accountLabel
      currency
      free
      used
      total
    }
  }
`);

export const PasskeysQuery = graphql(`
  query Passkeys {
    passkeys {
      id
      name
      createdAt
      lastUsedAt
      cloneSuspected
    }
  }
`);

export const PasskeyRegistrationOptionsMutation = graphql(`
  mutation PasskeyRegistrationOptions {
    passkeyRegistrationOptions
  }
`);

export const RegisterPasskeyMutation = graphql(`
  mutation RegisterPasskey($input: RegisterPasskeyInput!) {
    registerPasskey(input: $input) {
      id
      name
      createdAt
      lastUsedAt
      cloneSuspected
    }
  }
`);

export const RenamePasskeyMutation = graphql(`
  mutation RenamePasskey($id: ID!, $name: String!) {
    renamePasskey(id: $id, name: $name) {
      id
      name
    }
  }
`);

export const RemovePasskeyMutation = graphql(`
  mutation RemovePasskey($id: ID!, $stepUp: StepUpAssertionInput) {
    removePasskey(id: $id, stepUp: $stepUp)
  }
`);

export const GenerateRecoveryCodesMutation = graphql(`
  mutation GenerateRecoveryCodes($stepUp: StepUpAssertionInput) {
    generateRecoveryCodes(stepUp: $stepUp) {
      codes
    }
  }
`);

export const TradingGrantFieldsFragment = graphql(`
  fragment TradingGrantFields on TradingGrant {
    id
    accountId
    symbols
    maxOrders
    maxNotional
    ordersUsed
    notionalUsed
    createdAt
    expiresAt
    revokedAt
  }
`);

export const TradingGrantsQuery = graphql(`
  query TradingGrants {
    tradingGrants {
      ...TradingGrantFields
    }
    exchangeAccounts {
      id
      venue
      label
    }
  }
`);

export const CreateTradingGrantMutation = graphql(`
  mutation CreateTradingGrant($input: TradingGrantInput!, $stepUp: StepUpAssertionInput) {
    createTradingGrant(input: $input, stepUp: $stepUp) {
      ...TradingGrantFields
    }
  }
`);

export const RevokeTradingGrantMutation = graphql(`
  mutation RevokeTradingGrant($id: ID!) {
    revokeTradingGrant(id: $id)
  }
`);

export const RegisterMutation = graphql(`
  mutation Register($input: RegisterInput!) {
    register(input: $input) {
      token
      expiresAt
      user {
        id
        displayName
      }
    }
  }
`);
