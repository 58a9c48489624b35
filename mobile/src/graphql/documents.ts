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
  query Ticker($symbol: String!) {
    ticker(symbol: $symbol) {
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
  subscription LiveTicker($symbols: [String!]!, $maxRate: Float!) {
    ticker(symbols: $symbols, maxRate: $maxRate) {
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
  query Candles($symbol: String!, $timeframe: String!, $limit: Int!) {
    candles(symbol: $symbol, timeframe: $timeframe, limit: $limit) {
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
