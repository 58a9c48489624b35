import { graphql } from '../gql';

/** Home tab and trade screen: portfolio, live P&L, platform totals, public trades, live candles. */

export const PortfolioFieldsFragment = graphql(`
  fragment PortfolioFields on Portfolio {
    quote
    totalValue
    dayChange
    dayChangePct
    realisedPnl
    unrealisedPnl
    unpriced
    asOf
    positions {
      accountId
      venue
      symbol
      qty
      avgCost
      mark
      value
      realisedPnl
      unrealisedPnl
      feesPaid
    }
  }
`);

export const HomeQuery = graphql(`
  query Home($quote: String! = "USDT") {
    portfolio(quote: $quote) {
      ...PortfolioFields
    }
  }
`);

export const PlatformStatsQuery = graphql(`
  query PlatformStats {
    platformStats {
      totalTrades
      volumeQuote
      activeTraders
      copiedCapital
      computedAt
    }
  }
`);

export const LivePnlSubscription = graphql(`
  subscription LivePnl($quote: String! = "USDT", $maxRate: Float! = 2) {
    livePnl(quote: $quote, maxRate: $maxRate) {
      ...PortfolioFields
    }
  }
`);

export const MarketTradesSubscription = graphql(`
  subscription MarketTrades($symbol: String!, $last: Int!, $maxRate: Float!, $venue: String! = "sim") {
    trades(symbol: $symbol, last: $last, maxRate: $maxRate, venue: $venue) {
      symbol
      trades {
        id
        price
        qty
        takerSide
        timestamp
      }
    }
  }
`);

export const LiveCandlesSubscription = graphql(`
  subscription LiveCandles($symbol: String!, $timeframe: String!, $last: Int!, $maxRate: Float!, $venue: String! = "sim") {
    candles(symbol: $symbol, timeframe: $timeframe, last: $last, maxRate: $maxRate, venue: $venue) {
      symbol
      timeframe
      candle {
        openTime
        open
        high
        low
        close
        volume
        closed
      }
    }
  }
`);
