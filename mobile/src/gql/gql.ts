/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      token\n      expiresAt\n      user {\n        id\n        displayName\n      }\n    }\n  }\n": typeof types.LoginDocument,
    "\n  mutation Logout {\n    logout\n  }\n": typeof types.LogoutDocument,
    "\n  query Markets($venue: String! = \"sim\") {\n    markets(venue: $venue) {\n      venue\n      symbol\n      base\n      quote\n    }\n  }\n": typeof types.MarketsDocument,
    "\n  query Ticker($symbol: String!) {\n    ticker(symbol: $symbol) {\n      ...TickerFields\n    }\n  }\n": typeof types.TickerDocument,
    "\n  fragment TickerFields on Ticker {\n    venue\n    symbol\n    bid\n    ask\n    last\n    high24h\n    low24h\n    baseVolume24h\n    changePct24h\n    timestamp\n  }\n": typeof types.TickerFieldsFragmentDoc,
    "\n  subscription LiveTicker($symbols: [String!]!, $maxRate: Float!) {\n    ticker(symbols: $symbols, maxRate: $maxRate) {\n      ...TickerFields\n    }\n  }\n": typeof types.LiveTickerDocument,
    "\n  query Timeframes {\n    timeframes\n  }\n": typeof types.TimeframesDocument,
    "\n  query Candles($symbol: String!, $timeframe: String!, $limit: Int!) {\n    candles(symbol: $symbol, timeframe: $timeframe, limit: $limit) {\n      openTime\n      open\n      high\n      low\n      close\n      volume\n      closed\n    }\n  }\n": typeof types.CandlesDocument,
    "\n  query Account {\n    me {\n      id\n      email\n      displayName\n      isDemo\n      createdAt\n    }\n    balances {\n      accountId\n      venue\n      accountLabel\n      currency\n      free\n      used\n      total\n    }\n  }\n": typeof types.AccountDocument,
};
const documents: Documents = {
    "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      token\n      expiresAt\n      user {\n        id\n        displayName\n      }\n    }\n  }\n": types.LoginDocument,
    "\n  mutation Logout {\n    logout\n  }\n": types.LogoutDocument,
    "\n  query Markets($venue: String! = \"sim\") {\n    markets(venue: $venue) {\n      venue\n      symbol\n      base\n      quote\n    }\n  }\n": types.MarketsDocument,
    "\n  query Ticker($symbol: String!) {\n    ticker(symbol: $symbol) {\n      ...TickerFields\n    }\n  }\n": types.TickerDocument,
    "\n  fragment TickerFields on Ticker {\n    venue\n    symbol\n    bid\n    ask\n    last\n    high24h\n    low24h\n    baseVolume24h\n    changePct24h\n    timestamp\n  }\n": types.TickerFieldsFragmentDoc,
    "\n  subscription LiveTicker($symbols: [String!]!, $maxRate: Float!) {\n    ticker(symbols: $symbols, maxRate: $maxRate) {\n      ...TickerFields\n    }\n  }\n": types.LiveTickerDocument,
    "\n  query Timeframes {\n    timeframes\n  }\n": types.TimeframesDocument,
    "\n  query Candles($symbol: String!, $timeframe: String!, $limit: Int!) {\n    candles(symbol: $symbol, timeframe: $timeframe, limit: $limit) {\n      openTime\n      open\n      high\n      low\n      close\n      volume\n      closed\n    }\n  }\n": types.CandlesDocument,
    "\n  query Account {\n    me {\n      id\n      email\n      displayName\n      isDemo\n      createdAt\n    }\n    balances {\n      accountId\n      venue\n      accountLabel\n      currency\n      free\n      used\n      total\n    }\n  }\n": types.AccountDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      token\n      expiresAt\n      user {\n        id\n        displayName\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      token\n      expiresAt\n      user {\n        id\n        displayName\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Logout {\n    logout\n  }\n"): (typeof documents)["\n  mutation Logout {\n    logout\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Markets($venue: String! = \"sim\") {\n    markets(venue: $venue) {\n      venue\n      symbol\n      base\n      quote\n    }\n  }\n"): (typeof documents)["\n  query Markets($venue: String! = \"sim\") {\n    markets(venue: $venue) {\n      venue\n      symbol\n      base\n      quote\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Ticker($symbol: String!) {\n    ticker(symbol: $symbol) {\n      ...TickerFields\n    }\n  }\n"): (typeof documents)["\n  query Ticker($symbol: String!) {\n    ticker(symbol: $symbol) {\n      ...TickerFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment TickerFields on Ticker {\n    venue\n    symbol\n    bid\n    ask\n    last\n    high24h\n    low24h\n    baseVolume24h\n    changePct24h\n    timestamp\n  }\n"): (typeof documents)["\n  fragment TickerFields on Ticker {\n    venue\n    symbol\n    bid\n    ask\n    last\n    high24h\n    low24h\n    baseVolume24h\n    changePct24h\n    timestamp\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription LiveTicker($symbols: [String!]!, $maxRate: Float!) {\n    ticker(symbols: $symbols, maxRate: $maxRate) {\n      ...TickerFields\n    }\n  }\n"): (typeof documents)["\n  subscription LiveTicker($symbols: [String!]!, $maxRate: Float!) {\n    ticker(symbols: $symbols, maxRate: $maxRate) {\n      ...TickerFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Timeframes {\n    timeframes\n  }\n"): (typeof documents)["\n  query Timeframes {\n    timeframes\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Candles($symbol: String!, $timeframe: String!, $limit: Int!) {\n    candles(symbol: $symbol, timeframe: $timeframe, limit: $limit) {\n      openTime\n      open\n      high\n      low\n      close\n      volume\n      closed\n    }\n  }\n"): (typeof documents)["\n  query Candles($symbol: String!, $timeframe: String!, $limit: Int!) {\n    candles(symbol: $symbol, timeframe: $timeframe, limit: $limit) {\n      openTime\n      open\n      high\n      low\n      close\n      volume\n      closed\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Account {\n    me {\n      id\n      email\n      displayName\n      isDemo\n      createdAt\n    }\n    balances {\n      accountId\n      venue\n      accountLabel\n      currency\n      free\n      used\n      total\n    }\n  }\n"): (typeof documents)["\n  query Account {\n    me {\n      id\n      email\n      displayName\n      isDemo\n      createdAt\n    }\n    balances {\n      accountId\n      venue\n      accountLabel\n      currency\n      free\n      used\n      total\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;