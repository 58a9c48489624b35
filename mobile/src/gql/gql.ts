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
    "\n  fragment MarketRules on Market {\n    venue\n    symbol\n    base\n    quote\n    priceTick\n    qtyStep\n    minQty\n    minNotional\n  }\n": typeof types.MarketRulesFragmentDoc,
    "\n  query TradeContext {\n    markets {\n      ...MarketRules\n    }\n    tradingGrants {\n      id\n      accountId\n      symbols\n      maxOrders\n      ordersUsed\n      expiresAt\n      revokedAt\n    }\n    exchangeAccounts {\n      id\n      venue\n      label\n    }\n    balances {\n      accountId\n      venue\n      accountLabel\n      currency\n      free\n      used\n      total\n    }\n  }\n": typeof types.TradeContextDocument,
    "\n  subscription LiveOrderBook($symbol: String!, $depth: Int!, $maxRate: Float!) {\n    orderBook(symbol: $symbol, depth: $depth, maxRate: $maxRate) {\n      symbol\n      seq\n      bids {\n        price\n        qty\n      }\n      asks {\n        price\n        qty\n      }\n      spread\n      mid\n      timestamp\n    }\n  }\n": typeof types.LiveOrderBookDocument,
    "\n  fragment OrderFields on Order {\n    id\n    accountId\n    venue\n    symbol\n    clientOrderId\n    side\n    type\n    timeInForce\n    qty\n    price\n    filledQty\n    remainingQty\n    avgFillPrice\n    status\n    rejectReason\n    createdAt\n    updatedAt\n  }\n": typeof types.OrderFieldsFragmentDoc,
    "\n  mutation StepUpChallenge($action: ActionInput!) {\n    stepUpChallenge(action: $action) {\n      optionsJson\n      summary\n      expiresAt\n    }\n  }\n": typeof types.StepUpChallengeDocument,
    "\n  mutation PlaceOrder($input: PlaceOrderInput!, $stepUp: StepUpAssertionInput) {\n    placeOrder(input: $input, stepUp: $stepUp) {\n      ...OrderFields\n    }\n  }\n": typeof types.PlaceOrderDocument,
    "\n  query OpenOrders($status: [OrderStatus!], $first: Int!) {\n    orders(status: $status, first: $first) {\n      edges {\n        node {\n          ...OrderFields\n        }\n      }\n    }\n  }\n": typeof types.OpenOrdersDocument,
    "\n  subscription OrderUpdates {\n    orderUpdates {\n      ...OrderFields\n    }\n  }\n": typeof types.OrderUpdatesDocument,
    "\n  mutation CancelOrder($id: ID!) {\n    cancelOrder(id: $id) {\n      ...OrderFields\n    }\n  }\n": typeof types.CancelOrderDocument,
    "\n  mutation CancelAllOrders($symbol: String) {\n    cancelAllOrders(symbol: $symbol) {\n      ...OrderFields\n    }\n  }\n": typeof types.CancelAllOrdersDocument,
    "\n  query Fills($first: Int!, $after: String) {\n    fills(first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          orderId\n          symbol\n          side\n          price\n          qty\n          fee\n          feeCurrency\n          liquidity\n          executedAt\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.FillsDocument,
    "\n  query Balances {\n    balances {\n      accountId\n      venue\n      accountLabel\n      currency\n      free\n      used\n      total\n    }\n  }\n": typeof types.BalancesDocument,
    "\n  query Passkeys {\n    passkeys {\n      id\n      name\n      createdAt\n      lastUsedAt\n      cloneSuspected\n    }\n  }\n": typeof types.PasskeysDocument,
    "\n  mutation PasskeyRegistrationOptions {\n    passkeyRegistrationOptions\n  }\n": typeof types.PasskeyRegistrationOptionsDocument,
    "\n  mutation RegisterPasskey($input: RegisterPasskeyInput!) {\n    registerPasskey(input: $input) {\n      id\n      name\n      createdAt\n      lastUsedAt\n      cloneSuspected\n    }\n  }\n": typeof types.RegisterPasskeyDocument,
    "\n  mutation RenamePasskey($id: ID!, $name: String!) {\n    renamePasskey(id: $id, name: $name) {\n      id\n      name\n    }\n  }\n": typeof types.RenamePasskeyDocument,
    "\n  mutation RemovePasskey($id: ID!, $stepUp: StepUpAssertionInput) {\n    removePasskey(id: $id, stepUp: $stepUp)\n  }\n": typeof types.RemovePasskeyDocument,
    "\n  mutation GenerateRecoveryCodes($stepUp: StepUpAssertionInput) {\n    generateRecoveryCodes(stepUp: $stepUp) {\n      codes\n    }\n  }\n": typeof types.GenerateRecoveryCodesDocument,
    "\n  fragment TradingGrantFields on TradingGrant {\n    id\n    accountId\n    symbols\n    maxOrders\n    maxNotional\n    ordersUsed\n    notionalUsed\n    createdAt\n    expiresAt\n    revokedAt\n  }\n": typeof types.TradingGrantFieldsFragmentDoc,
    "\n  query TradingGrants {\n    tradingGrants {\n      ...TradingGrantFields\n    }\n    exchangeAccounts {\n      id\n      venue\n      label\n    }\n  }\n": typeof types.TradingGrantsDocument,
    "\n  mutation CreateTradingGrant($input: TradingGrantInput!, $stepUp: StepUpAssertionInput) {\n    createTradingGrant(input: $input, stepUp: $stepUp) {\n      ...TradingGrantFields\n    }\n  }\n": typeof types.CreateTradingGrantDocument,
    "\n  mutation RevokeTradingGrant($id: ID!) {\n    revokeTradingGrant(id: $id)\n  }\n": typeof types.RevokeTradingGrantDocument,
    "\n  mutation Register($input: RegisterInput!) {\n    register(input: $input) {\n      token\n      expiresAt\n      user {\n        id\n        displayName\n      }\n    }\n  }\n": typeof types.RegisterDocument,
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
    "\n  fragment MarketRules on Market {\n    venue\n    symbol\n    base\n    quote\n    priceTick\n    qtyStep\n    minQty\n    minNotional\n  }\n": types.MarketRulesFragmentDoc,
    "\n  query TradeContext {\n    markets {\n      ...MarketRules\n    }\n    tradingGrants {\n      id\n      accountId\n      symbols\n      maxOrders\n      ordersUsed\n      expiresAt\n      revokedAt\n    }\n    exchangeAccounts {\n      id\n      venue\n      label\n    }\n    balances {\n      accountId\n      venue\n      accountLabel\n      currency\n      free\n      used\n      total\n    }\n  }\n": types.TradeContextDocument,
    "\n  subscription LiveOrderBook($symbol: String!, $depth: Int!, $maxRate: Float!) {\n    orderBook(symbol: $symbol, depth: $depth, maxRate: $maxRate) {\n      symbol\n      seq\n      bids {\n        price\n        qty\n      }\n      asks {\n        price\n        qty\n      }\n      spread\n      mid\n      timestamp\n    }\n  }\n": types.LiveOrderBookDocument,
    "\n  fragment OrderFields on Order {\n    id\n    accountId\n    venue\n    symbol\n    clientOrderId\n    side\n    type\n    timeInForce\n    qty\n    price\n    filledQty\n    remainingQty\n    avgFillPrice\n    status\n    rejectReason\n    createdAt\n    updatedAt\n  }\n": types.OrderFieldsFragmentDoc,
    "\n  mutation StepUpChallenge($action: ActionInput!) {\n    stepUpChallenge(action: $action) {\n      optionsJson\n      summary\n      expiresAt\n    }\n  }\n": types.StepUpChallengeDocument,
    "\n  mutation PlaceOrder($input: PlaceOrderInput!, $stepUp: StepUpAssertionInput) {\n    placeOrder(input: $input, stepUp: $stepUp) {\n      ...OrderFields\n    }\n  }\n": types.PlaceOrderDocument,
    "\n  query OpenOrders($status: [OrderStatus!], $first: Int!) {\n    orders(status: $status, first: $first) {\n      edges {\n        node {\n          ...OrderFields\n        }\n      }\n    }\n  }\n": types.OpenOrdersDocument,
    "\n  subscription OrderUpdates {\n    orderUpdates {\n      ...OrderFields\n    }\n  }\n": types.OrderUpdatesDocument,
    "\n  mutation CancelOrder($id: ID!) {\n    cancelOrder(id: $id) {\n      ...OrderFields\n    }\n  }\n": types.CancelOrderDocument,
    "\n  mutation CancelAllOrders($symbol: String) {\n    cancelAllOrders(symbol: $symbol) {\n      ...OrderFields\n    }\n  }\n": types.CancelAllOrdersDocument,
    "\n  query Fills($first: Int!, $after: String) {\n    fills(first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          orderId\n          symbol\n          side\n          price\n          qty\n          fee\n          feeCurrency\n          liquidity\n          executedAt\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.FillsDocument,
    "\n  query Balances {\n    balances {\n      accountId\n      venue\n      accountLabel\n      currency\n      free\n      used\n      total\n    }\n  }\n": types.BalancesDocument,
    "\n  query Passkeys {\n    passkeys {\n      id\n      name\n      createdAt\n      lastUsedAt\n      cloneSuspected\n    }\n  }\n": types.PasskeysDocument,
    "\n  mutation PasskeyRegistrationOptions {\n    passkeyRegistrationOptions\n  }\n": types.PasskeyRegistrationOptionsDocument,
    "\n  mutation RegisterPasskey($input: RegisterPasskeyInput!) {\n    registerPasskey(input: $input) {\n      id\n      name\n      createdAt\n      lastUsedAt\n      cloneSuspected\n    }\n  }\n": types.RegisterPasskeyDocument,
    "\n  mutation RenamePasskey($id: ID!, $name: String!) {\n    renamePasskey(id: $id, name: $name) {\n      id\n      name\n    }\n  }\n": types.RenamePasskeyDocument,
    "\n  mutation RemovePasskey($id: ID!, $stepUp: StepUpAssertionInput) {\n    removePasskey(id: $id, stepUp: $stepUp)\n  }\n": types.RemovePasskeyDocument,
    "\n  mutation GenerateRecoveryCodes($stepUp: StepUpAssertionInput) {\n    generateRecoveryCodes(stepUp: $stepUp) {\n      codes\n    }\n  }\n": types.GenerateRecoveryCodesDocument,
    "\n  fragment TradingGrantFields on TradingGrant {\n    id\n    accountId\n    symbols\n    maxOrders\n    maxNotional\n    ordersUsed\n    notionalUsed\n    createdAt\n    expiresAt\n    revokedAt\n  }\n": types.TradingGrantFieldsFragmentDoc,
    "\n  query TradingGrants {\n    tradingGrants {\n      ...TradingGrantFields\n    }\n    exchangeAccounts {\n      id\n      venue\n      label\n    }\n  }\n": types.TradingGrantsDocument,
    "\n  mutation CreateTradingGrant($input: TradingGrantInput!, $stepUp: StepUpAssertionInput) {\n    createTradingGrant(input: $input, stepUp: $stepUp) {\n      ...TradingGrantFields\n    }\n  }\n": types.CreateTradingGrantDocument,
    "\n  mutation RevokeTradingGrant($id: ID!) {\n    revokeTradingGrant(id: $id)\n  }\n": types.RevokeTradingGrantDocument,
    "\n  mutation Register($input: RegisterInput!) {\n    register(input: $input) {\n      token\n      expiresAt\n      user {\n        id\n        displayName\n      }\n    }\n  }\n": types.RegisterDocument,
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
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment MarketRules on Market {\n    venue\n    symbol\n    base\n    quote\n    priceTick\n    qtyStep\n    minQty\n    minNotional\n  }\n"): (typeof documents)["\n  fragment MarketRules on Market {\n    venue\n    symbol\n    base\n    quote\n    priceTick\n    qtyStep\n    minQty\n    minNotional\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TradeContext {\n    markets {\n      ...MarketRules\n    }\n    tradingGrants {\n      id\n      accountId\n      symbols\n      maxOrders\n      ordersUsed\n      expiresAt\n      revokedAt\n    }\n    exchangeAccounts {\n      id\n      venue\n      label\n    }\n    balances {\n      accountId\n      venue\n      accountLabel\n      currency\n      free\n      used\n      total\n    }\n  }\n"): (typeof documents)["\n  query TradeContext {\n    markets {\n      ...MarketRules\n    }\n    tradingGrants {\n      id\n      accountId\n      symbols\n      maxOrders\n      ordersUsed\n      expiresAt\n      revokedAt\n    }\n    exchangeAccounts {\n      id\n      venue\n      label\n    }\n    balances {\n      accountId\n      venue\n      accountLabel\n      currency\n      free\n      used\n      total\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription LiveOrderBook($symbol: String!, $depth: Int!, $maxRate: Float!) {\n    orderBook(symbol: $symbol, depth: $depth, maxRate: $maxRate) {\n      symbol\n      seq\n      bids {\n        price\n        qty\n      }\n      asks {\n        price\n        qty\n      }\n      spread\n      mid\n      timestamp\n    }\n  }\n"): (typeof documents)["\n  subscription LiveOrderBook($symbol: String!, $depth: Int!, $maxRate: Float!) {\n    orderBook(symbol: $symbol, depth: $depth, maxRate: $maxRate) {\n      symbol\n      seq\n      bids {\n        price\n        qty\n      }\n      asks {\n        price\n        qty\n      }\n      spread\n      mid\n      timestamp\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment OrderFields on Order {\n    id\n    accountId\n    venue\n    symbol\n    clientOrderId\n    side\n    type\n    timeInForce\n    qty\n    price\n    filledQty\n    remainingQty\n    avgFillPrice\n    status\n    rejectReason\n    createdAt\n    updatedAt\n  }\n"): (typeof documents)["\n  fragment OrderFields on Order {\n    id\n    accountId\n    venue\n    symbol\n    clientOrderId\n    side\n    type\n    timeInForce\n    qty\n    price\n    filledQty\n    remainingQty\n    avgFillPrice\n    status\n    rejectReason\n    createdAt\n    updatedAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StepUpChallenge($action: ActionInput!) {\n    stepUpChallenge(action: $action) {\n      optionsJson\n      summary\n      expiresAt\n    }\n  }\n"): (typeof documents)["\n  mutation StepUpChallenge($action: ActionInput!) {\n    stepUpChallenge(action: $action) {\n      optionsJson\n      summary\n      expiresAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PlaceOrder($input: PlaceOrderInput!, $stepUp: StepUpAssertionInput) {\n    placeOrder(input: $input, stepUp: $stepUp) {\n      ...OrderFields\n    }\n  }\n"): (typeof documents)["\n  mutation PlaceOrder($input: PlaceOrderInput!, $stepUp: StepUpAssertionInput) {\n    placeOrder(input: $input, stepUp: $stepUp) {\n      ...OrderFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OpenOrders($status: [OrderStatus!], $first: Int!) {\n    orders(status: $status, first: $first) {\n      edges {\n        node {\n          ...OrderFields\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query OpenOrders($status: [OrderStatus!], $first: Int!) {\n    orders(status: $status, first: $first) {\n      edges {\n        node {\n          ...OrderFields\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription OrderUpdates {\n    orderUpdates {\n      ...OrderFields\n    }\n  }\n"): (typeof documents)["\n  subscription OrderUpdates {\n    orderUpdates {\n      ...OrderFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CancelOrder($id: ID!) {\n    cancelOrder(id: $id) {\n      ...OrderFields\n    }\n  }\n"): (typeof documents)["\n  mutation CancelOrder($id: ID!) {\n    cancelOrder(id: $id) {\n      ...OrderFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CancelAllOrders($symbol: String) {\n    cancelAllOrders(symbol: $symbol) {\n      ...OrderFields\n    }\n  }\n"): (typeof documents)["\n  mutation CancelAllOrders($symbol: String) {\n    cancelAllOrders(symbol: $symbol) {\n      ...OrderFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Fills($first: Int!, $after: String) {\n    fills(first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          orderId\n          symbol\n          side\n          price\n          qty\n          fee\n          feeCurrency\n          liquidity\n          executedAt\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query Fills($first: Int!, $after: String) {\n    fills(first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          orderId\n          symbol\n          side\n          price\n          qty\n          fee\n          feeCurrency\n          liquidity\n          executedAt\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Balances {\n    balances {\n      accountId\n      venue\n      accountLabel\n      currency\n      free\n      used\n      total\n    }\n  }\n"): (typeof documents)["\n  query Balances {\n    balances {\n      accountId\n      venue\n      accountLabel\n      currency\n      free\n      used\n      total\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Passkeys {\n    passkeys {\n      id\n      name\n      createdAt\n      lastUsedAt\n      cloneSuspected\n    }\n  }\n"): (typeof documents)["\n  query Passkeys {\n    passkeys {\n      id\n      name\n      createdAt\n      lastUsedAt\n      cloneSuspected\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PasskeyRegistrationOptions {\n    passkeyRegistrationOptions\n  }\n"): (typeof documents)["\n  mutation PasskeyRegistrationOptions {\n    passkeyRegistrationOptions\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RegisterPasskey($input: RegisterPasskeyInput!) {\n    registerPasskey(input: $input) {\n      id\n      name\n      createdAt\n      lastUsedAt\n      cloneSuspected\n    }\n  }\n"): (typeof documents)["\n  mutation RegisterPasskey($input: RegisterPasskeyInput!) {\n    registerPasskey(input: $input) {\n      id\n      name\n      createdAt\n      lastUsedAt\n      cloneSuspected\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RenamePasskey($id: ID!, $name: String!) {\n    renamePasskey(id: $id, name: $name) {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  mutation RenamePasskey($id: ID!, $name: String!) {\n    renamePasskey(id: $id, name: $name) {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RemovePasskey($id: ID!, $stepUp: StepUpAssertionInput) {\n    removePasskey(id: $id, stepUp: $stepUp)\n  }\n"): (typeof documents)["\n  mutation RemovePasskey($id: ID!, $stepUp: StepUpAssertionInput) {\n    removePasskey(id: $id, stepUp: $stepUp)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation GenerateRecoveryCodes($stepUp: StepUpAssertionInput) {\n    generateRecoveryCodes(stepUp: $stepUp) {\n      codes\n    }\n  }\n"): (typeof documents)["\n  mutation GenerateRecoveryCodes($stepUp: StepUpAssertionInput) {\n    generateRecoveryCodes(stepUp: $stepUp) {\n      codes\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment TradingGrantFields on TradingGrant {\n    id\n    accountId\n    symbols\n    maxOrders\n    maxNotional\n    ordersUsed\n    notionalUsed\n    createdAt\n    expiresAt\n    revokedAt\n  }\n"): (typeof documents)["\n  fragment TradingGrantFields on TradingGrant {\n    id\n    accountId\n    symbols\n    maxOrders\n    maxNotional\n    ordersUsed\n    notionalUsed\n    createdAt\n    expiresAt\n    revokedAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TradingGrants {\n    tradingGrants {\n      ...TradingGrantFields\n    }\n    exchangeAccounts {\n      id\n      venue\n      label\n    }\n  }\n"): (typeof documents)["\n  query TradingGrants {\n    tradingGrants {\n      ...TradingGrantFields\n    }\n    exchangeAccounts {\n      id\n      venue\n      label\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateTradingGrant($input: TradingGrantInput!, $stepUp: StepUpAssertionInput) {\n    createTradingGrant(input: $input, stepUp: $stepUp) {\n      ...TradingGrantFields\n    }\n  }\n"): (typeof documents)["\n  mutation CreateTradingGrant($input: TradingGrantInput!, $stepUp: StepUpAssertionInput) {\n    createTradingGrant(input: $input, stepUp: $stepUp) {\n      ...TradingGrantFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeTradingGrant($id: ID!) {\n    revokeTradingGrant(id: $id)\n  }\n"): (typeof documents)["\n  mutation RevokeTradingGrant($id: ID!) {\n    revokeTradingGrant(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Register($input: RegisterInput!) {\n    register(input: $input) {\n      token\n      expiresAt\n      user {\n        id\n        displayName\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation Register($input: RegisterInput!) {\n    register(input: $input) {\n      token\n      expiresAt\n      user {\n        id\n        displayName\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;