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
    "\n  fragment ExchangeStatusFields on ExchangeStatus {\n    accountId\n    venue\n    label\n    connected\n    restLatencyMs\n    streamMessageAgeSeconds\n    resyncs\n    lastError\n    lastErrorAt\n  }\n": typeof types.ExchangeStatusFieldsFragmentDoc,
    "\n  query ExchangeAccounts {\n    exchangeAccounts {\n      id\n      venue\n      label\n      createdAt\n      apiKeyHint\n      hasKeys\n    }\n    exchangeStatus {\n      ...ExchangeStatusFields\n    }\n  }\n": typeof types.ExchangeAccountsDocument,
    "\n  subscription LiveExchangeStatus($intervalSeconds: Float! = 5) {\n    exchangeStatus(intervalSeconds: $intervalSeconds) {\n      ...ExchangeStatusFields\n    }\n  }\n": typeof types.LiveExchangeStatusDocument,
    "\n  mutation AddExchangeAccount($input: AddExchangeAccountInput!, $stepUp: StepUpAssertionInput) {\n    addExchangeAccount(input: $input, stepUp: $stepUp) {\n      id\n      venue\n      label\n      createdAt\n      apiKeyHint\n      hasKeys\n    }\n  }\n": typeof types.AddExchangeAccountDocument,
    "\n  mutation RemoveExchangeAccountKeys($id: ID!) {\n    removeExchangeAccountKeys(id: $id) {\n      id\n      apiKeyHint\n      hasKeys\n    }\n  }\n": typeof types.RemoveExchangeAccountKeysDocument,
    "\n  mutation KillSwitch($stepUp: StepUpAssertionInput) {\n    killSwitch(stepUp: $stepUp) {\n      botsStopped\n      ordersCancelled\n      ordersLeftOpen\n    }\n  }\n": typeof types.KillSwitchDocument,
    "\n  fragment AlertFields on Alert {\n    id\n    name\n    venue\n    symbol\n    market {\n      metric\n      direction\n      threshold\n      period\n    }\n    event {\n      kind\n    }\n    mode\n    status\n    fires\n    snoozedUntil\n    lastFiredAt\n    armedWithStepUp\n    action {\n      kind\n      side\n      qty\n      price\n      percent\n      botId\n    }\n    cooldownSeconds\n    expiresAt\n    webhookUrl\n    createdAt\n  }\n": typeof types.AlertFieldsFragmentDoc,
    "\n  query Alerts {\n    alerts {\n      ...AlertFields\n    }\n    exchangeAccounts {\n      id\n      venue\n      label\n    }\n    bots {\n      id\n      name\n      venue\n    }\n  }\n": typeof types.AlertsDocument,
    "\n  fragment AlertTriggerFields on AlertTrigger {\n    id\n    alertId\n    name\n    symbol\n    value\n    firedAt\n    actionStatus\n    actionResult\n  }\n": typeof types.AlertTriggerFieldsFragmentDoc,
    "\n  query AlertTriggers($alertId: ID, $first: Int!) {\n    alertTriggers(alertId: $alertId, first: $first) {\n      edges {\n        node {\n          ...AlertTriggerFields\n        }\n      }\n    }\n  }\n": typeof types.AlertTriggersDocument,
    "\n  subscription AlertTriggered {\n    alertTriggered {\n      ...AlertTriggerFields\n    }\n  }\n": typeof types.AlertTriggeredDocument,
    "\n  mutation CreateAlert($input: CreateAlertInput!, $stepUp: StepUpAssertionInput) {\n    createAlert(input: $input, stepUp: $stepUp) {\n      ...AlertFields\n    }\n  }\n": typeof types.CreateAlertDocument,
    "\n  mutation UpdateAlert($id: ID!, $input: UpdateAlertInput!) {\n    updateAlert(id: $id, input: $input) {\n      ...AlertFields\n    }\n  }\n": typeof types.UpdateAlertDocument,
    "\n  mutation DeleteAlert($id: ID!) {\n    deleteAlert(id: $id)\n  }\n": typeof types.DeleteAlertDocument,
    "\n  mutation SnoozeAlert($id: ID!, $minutes: Int!) {\n    snoozeAlert(id: $id, minutes: $minutes) {\n      ...AlertFields\n    }\n  }\n": typeof types.SnoozeAlertDocument,
    "\n  fragment CandleDatasetFields on CandleDataset {\n    id\n    name\n    symbol\n    timeframe\n    rows\n    firstTime\n    lastTime\n    createdAt\n  }\n": typeof types.CandleDatasetFieldsFragmentDoc,
    "\n  query CandleDatasets {\n    candleDatasets {\n      ...CandleDatasetFields\n    }\n  }\n": typeof types.CandleDatasetsDocument,
    "\n  mutation ImportCandles($symbol: String!, $timeframe: String!, $csv: String!, $name: String) {\n    importCandles(symbol: $symbol, timeframe: $timeframe, csv: $csv, name: $name) {\n      ...CandleDatasetFields\n    }\n  }\n": typeof types.ImportCandlesDocument,
    "\n  mutation DeleteCandleDataset($id: ID!) {\n    deleteCandleDataset(id: $id)\n  }\n": typeof types.DeleteCandleDatasetDocument,
    "\n  fragment BotFields on Bot {\n    id\n    accountId\n    venue\n    symbol\n    kind\n    name\n    templateId\n    state\n    error\n    position\n    realisedPnl\n    unrealisedPnl\n    updatedAt\n  }\n": typeof types.BotFieldsFragmentDoc,
    "\n  query Bots {\n    bots {\n      ...BotFields\n    }\n  }\n": typeof types.BotsDocument,
    "\n  subscription BotUpdates {\n    botUpdates {\n      ...BotFields\n    }\n  }\n": typeof types.BotUpdatesDocument,
    "\n  query BotDetail($id: ID!) {\n    bot(id: $id) {\n      ...BotFields\n      params\n      avgCost\n      feesPaid\n      createdAt\n      startedAt\n      stoppedAt\n      limits {\n        maxPositionNotional\n        maxOrderNotional\n        maxOpenOrders\n        dailyLossLimit\n      }\n      openOrders {\n        id\n        side\n        type\n        qty\n        price\n        filledQty\n        status\n      }\n      events(limit: 20) {\n        id\n        at\n        kind\n        message\n      }\n    }\n    risk {\n      accounts {\n        accountId\n        botsRunning\n        exposure\n        dailyPnl\n      }\n    }\n  }\n": typeof types.BotDetailDocument,
    "\n  query BotTemplates {\n    botTemplates {\n      id\n      name\n      description\n      riskLevel\n      suggestedCapital\n      kind\n      venue\n      symbol\n      available\n      unavailableReason\n      backtest {\n        timeframe\n        totalReturn\n        maxDrawdown\n        sharpe\n        winRate\n        trades\n      }\n    }\n    exchangeAccounts {\n      id\n      venue\n      label\n    }\n  }\n": typeof types.BotTemplatesDocument,
    "\n  mutation CreateBotFromTemplate($input: CreateBotFromTemplateInput!) {\n    createBotFromTemplate(input: $input) {\n      ...BotFields\n    }\n  }\n": typeof types.CreateBotFromTemplateDocument,
    "\n  mutation CreateBot($input: CreateBotInput!) {\n    createBot(input: $input) {\n      ...BotFields\n    }\n  }\n": typeof types.CreateBotDocument,
    "\n  mutation StartBot($id: ID!, $stepUp: StepUpAssertionInput) {\n    startBot(id: $id, stepUp: $stepUp) {\n      ...BotFields\n    }\n  }\n": typeof types.StartBotDocument,
    "\n  mutation StopBot($id: ID!, $stepUp: StepUpAssertionInput) {\n    stopBot(id: $id, stepUp: $stepUp) {\n      ...BotFields\n    }\n  }\n": typeof types.StopBotDocument,
    "\n  mutation PauseBot($id: ID!) {\n    pauseBot(id: $id) {\n      ...BotFields\n    }\n  }\n": typeof types.PauseBotDocument,
    "\n  mutation DeleteBot($id: ID!) {\n    deleteBot(id: $id)\n  }\n": typeof types.DeleteBotDocument,
    "\n  fragment MonteCarloBandsFields on BacktestMonteCarloBands {\n    method\n    runs\n    probabilityOfLoss\n    finalEquity {\n      percentile\n      value\n    }\n    maxDrawdown {\n      percentile\n      value\n    }\n  }\n": typeof types.MonteCarloBandsFieldsFragmentDoc,
    "\n  fragment BacktestJobFields on BacktestJob {\n    id\n    status\n    progress\n    etaSeconds\n    error\n    input\n    metrics {\n      totalReturn\n      cagr\n      sharpe\n      sortino\n      maxDrawdown\n      winRate\n      profitFactor\n      trades\n      roundTrips\n      feesPaid\n      finalEquity\n    }\n    equityCurve {\n      time\n      equity\n    }\n    trades {\n      time\n      side\n      price\n      qty\n      fee\n    }\n    tradesTruncated\n    monteCarlo {\n      trades {\n        ...MonteCarloBandsFields\n      }\n      blocks {\n        ...MonteCarloBandsFields\n      }\n    }\n    walkForward {\n      outOfSampleReturn\n      meanTrainReturn\n      meanTestReturn\n      efficiency\n      windows {\n        trainStart\n        testStart\n        testEnd\n        params\n        trainReturn\n        testReturn\n        testTrades\n        testMaxDrawdown\n      }\n    }\n  }\n": typeof types.BacktestJobFieldsFragmentDoc,
    "\n  mutation RunBacktest($input: BacktestInput!) {\n    runBacktest(input: $input) {\n      ...BacktestJobFields\n    }\n  }\n": typeof types.RunBacktestDocument,
    "\n  query Backtest($id: ID!) {\n    backtest(id: $id) {\n      ...BacktestJobFields\n    }\n  }\n": typeof types.BacktestDocument,
    "\n  subscription BacktestProgress($jobId: ID!) {\n    backtestProgress(jobId: $jobId) {\n      jobId\n      status\n      progress\n      etaSeconds\n      error\n    }\n  }\n": typeof types.BacktestProgressDocument,
    "\n  mutation CancelBacktest($id: ID!) {\n    cancelBacktest(id: $id) {\n      id\n      status\n      progress\n    }\n  }\n": typeof types.CancelBacktestDocument,
    "\n  mutation UpdateBot($id: ID!, $input: UpdateBotInput!) {\n    updateBot(id: $id, input: $input) {\n      ...BotFields\n      params\n      limits {\n        maxPositionNotional\n        maxOrderNotional\n        maxOpenOrders\n        dailyLossLimit\n      }\n    }\n  }\n": typeof types.UpdateBotDocument,
    "\n  query Backtests($first: Int!, $after: String) {\n    backtests(first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          status\n          progress\n          createdAt\n          finishedAt\n          input\n          error\n          metrics {\n            totalReturn\n            maxDrawdown\n            trades\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.BacktestsDocument,
    "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      token\n      expiresAt\n      user {\n        id\n        displayName\n      }\n    }\n  }\n": typeof types.LoginDocument,
    "\n  mutation Logout {\n    logout\n  }\n": typeof types.LogoutDocument,
    "\n  query MarketVenues {\n    marketVenues {\n      id\n      displayName\n      simulated\n      live\n    }\n  }\n": typeof types.MarketVenuesDocument,
    "\n  query Markets($venue: String! = \"sim\") {\n    markets(venue: $venue) {\n      venue\n      symbol\n      base\n      quote\n    }\n  }\n": typeof types.MarketsDocument,
    "\n  query Ticker($symbol: String!, $venue: String! = \"sim\") {\n    ticker(symbol: $symbol, venue: $venue) {\n      ...TickerFields\n    }\n  }\n": typeof types.TickerDocument,
    "\n  fragment TickerFields on Ticker {\n    venue\n    symbol\n    bid\n    ask\n    last\n    high24h\n    low24h\n    baseVolume24h\n    changePct24h\n    timestamp\n  }\n": typeof types.TickerFieldsFragmentDoc,
    "\n  subscription LiveTicker($symbols: [String!]!, $maxRate: Float!, $venue: String! = \"sim\") {\n    ticker(symbols: $symbols, maxRate: $maxRate, venue: $venue) {\n      ...TickerFields\n    }\n  }\n": typeof types.LiveTickerDocument,
    "\n  query Timeframes {\n    timeframes\n  }\n": typeof types.TimeframesDocument,
    "\n  query Candles($symbol: String!, $timeframe: String!, $limit: Int!, $venue: String! = \"sim\") {\n    candles(symbol: $symbol, timeframe: $timeframe, limit: $limit, venue: $venue) {\n      openTime\n      open\n      high\n      low\n      close\n      volume\n      closed\n    }\n  }\n": typeof types.CandlesDocument,
    "\n  query Account {\n    me {\n      id\n      email\n      displayName\n      isDemo\n      createdAt\n    }\n    balances {\n      accountId\n      venue\n      accountLabel\n      currency\n      free\n      used\n      total\n    }\n  }\n": typeof types.AccountDocument,
    "\n  fragment MarketRules on Market {\n    venue\n    symbol\n    base\n    quote\n    priceTick\n    qtyStep\n    minQty\n    minNotional\n  }\n": typeof types.MarketRulesFragmentDoc,
    "\n  query TradeContext($venue: String! = \"sim\") {\n    markets(venue: $venue) {\n      ...MarketRules\n    }\n    tradingGrants {\n      id\n      accountId\n      symbols\n      maxOrders\n      ordersUsed\n      expiresAt\n      revokedAt\n    }\n    exchangeAccounts {\n      id\n      venue\n      label\n    }\n    balances {\n      accountId\n      venue\n      accountLabel\n      currency\n      free\n      used\n      total\n    }\n  }\n": typeof types.TradeContextDocument,
    "\n  subscription LiveOrderBook($symbol: String!, $depth: Int!, $maxRate: Float!, $venue: String! = \"sim\") {\n    orderBook(symbol: $symbol, depth: $depth, maxRate: $maxRate, venue: $venue) {\n      symbol\n      seq\n      bids {\n        price\n        qty\n      }\n      asks {\n        price\n        qty\n      }\n      spread\n      mid\n      timestamp\n    }\n  }\n": typeof types.LiveOrderBookDocument,
    "\n  fragment OrderFields on Order {\n    id\n    accountId\n    venue\n    symbol\n    clientOrderId\n    side\n    type\n    timeInForce\n    qty\n    price\n    triggerPrice\n    filledQty\n    remainingQty\n    avgFillPrice\n    status\n    rejectReason\n    createdAt\n    updatedAt\n  }\n": typeof types.OrderFieldsFragmentDoc,
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
    "\n  fragment PortfolioFields on Portfolio {\n    quote\n    totalValue\n    dayChange\n    dayChangePct\n    realisedPnl\n    unrealisedPnl\n    unpriced\n    asOf\n    positions {\n      accountId\n      venue\n      symbol\n      qty\n      avgCost\n      mark\n      value\n      realisedPnl\n      unrealisedPnl\n      feesPaid\n    }\n  }\n": typeof types.PortfolioFieldsFragmentDoc,
    "\n  query Home($quote: String! = \"USDT\") {\n    portfolio(quote: $quote) {\n      ...PortfolioFields\n    }\n  }\n": typeof types.HomeDocument,
    "\n  query PlatformStats {\n    platformStats {\n      totalTrades\n      volumeQuote\n      activeTraders\n      copiedCapital\n      computedAt\n    }\n  }\n": typeof types.PlatformStatsDocument,
    "\n  subscription LivePnl($quote: String! = \"USDT\", $maxRate: Float! = 2) {\n    livePnl(quote: $quote, maxRate: $maxRate) {\n      ...PortfolioFields\n    }\n  }\n": typeof types.LivePnlDocument,
    "\n  subscription MarketTrades($symbol: String!, $last: Int!, $maxRate: Float!, $venue: String! = \"sim\") {\n    trades(symbol: $symbol, last: $last, maxRate: $maxRate, venue: $venue) {\n      symbol\n      trades {\n        id\n        price\n        qty\n        takerSide\n        timestamp\n      }\n    }\n  }\n": typeof types.MarketTradesDocument,
    "\n  subscription LiveCandles($symbol: String!, $timeframe: String!, $last: Int!, $maxRate: Float!, $venue: String! = \"sim\") {\n    candles(symbol: $symbol, timeframe: $timeframe, last: $last, maxRate: $maxRate, venue: $venue) {\n      symbol\n      timeframe\n      candle {\n        openTime\n        open\n        high\n        low\n        close\n        volume\n        closed\n      }\n    }\n  }\n": typeof types.LiveCandlesDocument,
    "\n  mutation RegisterDevice($token: String!, $platform: PushPlatform!, $locale: String!, $timezone: String!, $appVersion: String) {\n    registerDevice(token: $token, platform: $platform, locale: $locale, timezone: $timezone, appVersion: $appVersion) {\n      id\n      platform\n      locale\n    }\n  }\n": typeof types.RegisterDeviceDocument,
    "\n  mutation UnregisterDevice($token: String!) {\n    unregisterDevice(token: $token)\n  }\n": typeof types.UnregisterDeviceDocument,
    "\n  fragment NotificationFields on Notification {\n    id\n    category\n    title\n    body\n    deepLink\n    createdAt\n    read\n  }\n": typeof types.NotificationFieldsFragmentDoc,
    "\n  query NotificationsInbox($first: Int!, $after: String, $unreadOnly: Boolean!) {\n    notifications(first: $first, after: $after, unreadOnly: $unreadOnly) {\n      edges {\n        cursor\n        node {\n          ...NotificationFields\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      unreadCount\n    }\n  }\n": typeof types.NotificationsInboxDocument,
    "\n  query UnreadNotificationCount {\n    notifications(first: 1, unreadOnly: true) {\n      unreadCount\n    }\n  }\n": typeof types.UnreadNotificationCountDocument,
    "\n  mutation MarkNotificationsRead($ids: [ID!]!) {\n    markNotificationsRead(ids: $ids)\n  }\n": typeof types.MarkNotificationsReadDocument,
    "\n  query NotificationPreferences {\n    notificationPreferences {\n      categories {\n        category\n        enabled\n        urgent\n      }\n      quietHoursStart\n      quietHoursEnd\n      timezone\n    }\n  }\n": typeof types.NotificationPreferencesDocument,
    "\n  mutation UpdateNotificationPreferences($input: NotificationPreferencesInput!) {\n    updateNotificationPreferences(input: $input) {\n      categories {\n        category\n        enabled\n        urgent\n      }\n      quietHoursStart\n      quietHoursEnd\n      timezone\n    }\n  }\n": typeof types.UpdateNotificationPreferencesDocument,
    "\n  query NotificationActionPreview($actionToken: String!) {\n    notificationAction(actionToken: $actionToken) {\n      kind\n      actionId\n      notificationId\n      expiresAt\n      needsStepUp\n      summary\n      stepUpAction {\n        kind\n        account\n        venue\n        symbol\n        side\n        type\n        timeInForce\n        qty\n        amount\n        price\n        botId\n      }\n    }\n  }\n": typeof types.NotificationActionPreviewDocument,
    "\n  mutation PerformNotificationAction($actionToken: String!, $stepUp: StepUpAssertionInput) {\n    performNotificationAction(actionToken: $actionToken, stepUp: $stepUp) {\n      kind\n      message\n      deepLink\n      orderId\n      cancelledOrderIds\n    }\n  }\n": typeof types.PerformNotificationActionDocument,
    "\n  fragment TraderMetricsFields on TraderMetrics {\n    period\n    days\n    trades\n    roiPct\n    sharpe\n    sortino\n    maxDrawdownPct\n    winRatePct\n    followers\n    copiedCapital\n  }\n": typeof types.TraderMetricsFieldsFragmentDoc,
    "\n  query Leaderboard($period: LeaderboardPeriod!, $metric: LeaderboardMetric!, $first: Int!, $after: String) {\n    leaderboard(period: $period, metric: $metric, first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          rank\n          traderId\n          handle\n          metrics {\n            ...TraderMetricsFields\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.LeaderboardDocument,
    "\n  query TraderProfile($handle: String!) {\n    traderProfile(handle: $handle) {\n      traderId\n      handle\n      bio\n      avatarUrl\n      styleTags\n      verifiedSince\n      verifiedAccounts {\n        venue\n        label\n      }\n      equityCurve {\n        day\n        returnPct\n      }\n      metrics {\n        ...TraderMetricsFields\n      }\n      bots {\n        id\n        name\n        kind\n        symbol\n        state\n        returnPct\n        realisedPnl\n      }\n    }\n  }\n": typeof types.TraderProfileDocument,
    "\n  fragment FollowFields on Follow {\n    id\n    traderId\n    accountId\n    allocation\n    sizing\n    ratio\n    fixedAmount\n    maxPerTrade\n    slippageGuardPct\n    copyOpenPositions\n    stopLossPct\n    active\n    startedAt\n    copyPnl\n  }\n": typeof types.FollowFieldsFragmentDoc,
    "\n  query Following {\n    following {\n      ...FollowFields\n    }\n  }\n": typeof types.FollowingDocument,
    "\n  query CopyAccounts {\n    exchangeAccounts {\n      id\n      venue\n      label\n    }\n  }\n": typeof types.CopyAccountsDocument,
    "\n  mutation FollowTrader($input: FollowTraderInput!, $stepUp: StepUpAssertionInput) {\n    followTrader(input: $input, stepUp: $stepUp) {\n      ...FollowFields\n    }\n  }\n": typeof types.FollowTraderDocument,
    "\n  mutation UpdateFollow($input: UpdateFollowInput!, $stepUp: StepUpAssertionInput) {\n    updateFollow(input: $input, stepUp: $stepUp) {\n      ...FollowFields\n    }\n  }\n": typeof types.UpdateFollowDocument,
    "\n  mutation UnfollowTrader($traderId: ID!, $closePositions: Boolean!) {\n    unfollowTrader(traderId: $traderId, closePositions: $closePositions) {\n      traderId\n      closingOrders {\n        id\n      }\n    }\n  }\n": typeof types.UnfollowTraderDocument,
    "\n  subscription CopySkippedLive {\n    copySkipped {\n      leaderFillId\n      traderId\n      symbol\n      side\n      skipReason\n    }\n  }\n": typeof types.CopySkippedLiveDocument,
    "\n  fragment ListingFields on StrategyListing {\n    id\n    creatorId\n    sourceKind\n    title\n    description\n    pricing\n    monthlyPrice\n    performanceFeePct\n    rating\n    reviewCount\n    createdAt\n  }\n": typeof types.ListingFieldsFragmentDoc,
    "\n  query Marketplace($pricing: StrategyPricing, $first: Int!, $after: String) {\n    marketplace(pricing: $pricing, first: $first, after: $after) {\n      listings {\n        ...ListingFields\n      }\n      hasNextPage\n      endCursor\n    }\n    strategySubscriptions {\n      id\n      listingId\n      accountId\n      allocation\n      active\n      createdAt\n    }\n  }\n": typeof types.MarketplaceDocument,
    "\n  mutation SubscribeToStrategy($listingId: ID!, $accountId: ID!, $allocation: Decimal!, $stepUp: StepUpAssertionInput) {\n    subscribeToStrategy(listingId: $listingId, accountId: $accountId, allocation: $allocation, stepUp: $stepUp) {\n      id\n      listingId\n      accountId\n      allocation\n      active\n      createdAt\n    }\n  }\n": typeof types.SubscribeToStrategyDocument,
    "\n  mutation CancelStrategySubscription($id: ID!) {\n    cancelSubscription(id: $id) {\n      id\n      listingId\n      accountId\n      allocation\n      active\n      createdAt\n    }\n  }\n": typeof types.CancelStrategySubscriptionDocument,
    "\n  fragment PostFields on Post {\n    id\n    authorId\n    authorHandle\n    kind\n    body\n    listingId\n    trade {\n      symbol\n      side\n      price\n      qty\n    }\n    backtest {\n      backtestId\n      simulated\n      symbol\n      strategy\n      templateId\n      timeframe\n      periodStart\n      periodEnd\n      totalReturn\n      maxDrawdown\n      sharpe\n      trades\n    }\n    likes\n    commentCount\n    likedByMe\n    createdAt\n  }\n": typeof types.PostFieldsFragmentDoc,
    "\n  query Feed($first: Int!, $after: String) {\n    feed(first: $first, after: $after) {\n      posts {\n        ...PostFields\n      }\n      hasNextPage\n      endCursor\n    }\n  }\n": typeof types.FeedDocument,
    "\n  subscription LiveFeed {\n    feed {\n      ...PostFields\n    }\n  }\n": typeof types.LiveFeedDocument,
    "\n  mutation CreatePost($input: CreatePostInput!) {\n    createPost(input: $input) {\n      ...PostFields\n    }\n  }\n": typeof types.CreatePostDocument,
    "\n  mutation LikePost($postId: ID!, $liked: Boolean!) {\n    likePost(postId: $postId, liked: $liked) {\n      ...PostFields\n    }\n  }\n": typeof types.LikePostDocument,
    "\n  mutation CommentOnPost($postId: ID!, $body: String!) {\n    commentOnPost(postId: $postId, body: $body) {\n      ...PostFields\n    }\n  }\n": typeof types.CommentOnPostDocument,
    "\n  query PostComments($postId: ID!, $first: Int!) {\n    postComments(postId: $postId, first: $first) {\n      id\n      authorId\n      authorHandle\n      body\n      createdAt\n    }\n  }\n": typeof types.PostCommentsDocument,
    "\n  query MyTraderProfile {\n    myTraderProfile {\n      handle\n      bio\n      avatarUrl\n      hasAvatar\n      styleTags\n      publicAccountIds\n      showBalances\n    }\n    exchangeAccounts {\n      id\n      label\n      venue\n    }\n  }\n": typeof types.MyTraderProfileDocument,
    "\n  mutation UpsertTraderProfile($input: TraderProfileInput!) {\n    upsertTraderProfile(input: $input) {\n      handle\n      bio\n      avatarUrl\n      styleTags\n      publicAccountIds\n      showBalances\n    }\n  }\n": typeof types.UpsertTraderProfileDocument,
    "\n  mutation SetAvatar($image: String!) {\n    setAvatar(image: $image) {\n      handle\n      avatarUrl\n      hasAvatar\n    }\n  }\n": typeof types.SetAvatarDocument,
    "\n  mutation RemoveAvatar {\n    removeAvatar {\n      handle\n      avatarUrl\n      hasAvatar\n    }\n  }\n": typeof types.RemoveAvatarDocument,
    "\n  query BotProfileVisibility($id: ID!) {\n    bot(id: $id) {\n      id\n      showOnProfile\n    }\n    myTraderProfile {\n      handle\n    }\n  }\n": typeof types.BotProfileVisibilityDocument,
    "\n  mutation SetBotProfileVisibility($botId: ID!, $visible: Boolean!) {\n    setBotProfileVisibility(botId: $botId, visible: $visible) {\n      id\n      showOnProfile\n    }\n  }\n": typeof types.SetBotProfileVisibilityDocument,
    "\n  query PublishSources {\n    bots {\n      id\n      name\n      symbol\n    }\n    botTemplates {\n      id\n      name\n      symbol\n    }\n  }\n": typeof types.PublishSourcesDocument,
    "\n  mutation PublishStrategy($input: PublishStrategyInput!) {\n    publishStrategy(input: $input) {\n      ...ListingFields\n    }\n  }\n": typeof types.PublishStrategyDocument,
    "\n  mutation ReviewStrategy($listingId: ID!, $rating: Int!, $text: String!) {\n    reviewStrategy(listingId: $listingId, rating: $rating, text: $text) {\n      ...ListingFields\n    }\n  }\n": typeof types.ReviewStrategyDocument,
    "\n  mutation ReportPost($postId: ID!, $reason: String!) {\n    reportPost(postId: $postId, reason: $reason)\n  }\n": typeof types.ReportPostDocument,
    "\n  mutation BlockUser($userId: ID!, $block: Boolean!) {\n    blockUser(userId: $userId, block: $block)\n  }\n": typeof types.BlockUserDocument,
    "\n  query WidgetTokens {\n    widgetTokens {\n      id\n      label\n      createdAt\n      expiresAt\n    }\n  }\n": typeof types.WidgetTokensDocument,
    "\n  mutation CreateWidgetToken($label: String!) {\n    createWidgetToken(label: $label) {\n      token\n      widgetToken {\n        id\n        label\n        createdAt\n        expiresAt\n      }\n    }\n  }\n": typeof types.CreateWidgetTokenDocument,
    "\n  mutation RevokeWidgetToken($id: ID!) {\n    revokeWidgetToken(id: $id)\n  }\n": typeof types.RevokeWidgetTokenDocument,
    "\n  fragment WatchlistFields on Watchlist {\n    isDefault\n    maxEntries\n    entries {\n      venue\n      symbol\n    }\n  }\n": typeof types.WatchlistFieldsFragmentDoc,
    "\n  query Watchlist {\n    watchlist {\n      ...WatchlistFields\n    }\n  }\n": typeof types.WatchlistDocument,
    "\n  mutation AddToWatchlist($venue: String!, $symbol: String!) {\n    addToWatchlist(venue: $venue, symbol: $symbol) {\n      ...WatchlistFields\n    }\n  }\n": typeof types.AddToWatchlistDocument,
    "\n  mutation RemoveFromWatchlist($venue: String!, $symbol: String!) {\n    removeFromWatchlist(venue: $venue, symbol: $symbol) {\n      ...WatchlistFields\n    }\n  }\n": typeof types.RemoveFromWatchlistDocument,
};
const documents: Documents = {
    "\n  fragment ExchangeStatusFields on ExchangeStatus {\n    accountId\n    venue\n    label\n    connected\n    restLatencyMs\n    streamMessageAgeSeconds\n    resyncs\n    lastError\n    lastErrorAt\n  }\n": types.ExchangeStatusFieldsFragmentDoc,
    "\n  query ExchangeAccounts {\n    exchangeAccounts {\n      id\n      venue\n      label\n      createdAt\n      apiKeyHint\n      hasKeys\n    }\n    exchangeStatus {\n      ...ExchangeStatusFields\n    }\n  }\n": types.ExchangeAccountsDocument,
    "\n  subscription LiveExchangeStatus($intervalSeconds: Float! = 5) {\n    exchangeStatus(intervalSeconds: $intervalSeconds) {\n      ...ExchangeStatusFields\n    }\n  }\n": types.LiveExchangeStatusDocument,
    "\n  mutation AddExchangeAccount($input: AddExchangeAccountInput!, $stepUp: StepUpAssertionInput) {\n    addExchangeAccount(input: $input, stepUp: $stepUp) {\n      id\n      venue\n      label\n      createdAt\n      apiKeyHint\n      hasKeys\n    }\n  }\n": types.AddExchangeAccountDocument,
    "\n  mutation RemoveExchangeAccountKeys($id: ID!) {\n    removeExchangeAccountKeys(id: $id) {\n      id\n      apiKeyHint\n      hasKeys\n    }\n  }\n": types.RemoveExchangeAccountKeysDocument,
    "\n  mutation KillSwitch($stepUp: StepUpAssertionInput) {\n    killSwitch(stepUp: $stepUp) {\n      botsStopped\n      ordersCancelled\n      ordersLeftOpen\n    }\n  }\n": types.KillSwitchDocument,
    "\n  fragment AlertFields on Alert {\n    id\n    name\n    venue\n    symbol\n    market {\n      metric\n      direction\n      threshold\n      period\n    }\n    event {\n      kind\n    }\n    mode\n    status\n    fires\n    snoozedUntil\n    lastFiredAt\n    armedWithStepUp\n    action {\n      kind\n      side\n      qty\n      price\n      percent\n      botId\n    }\n    cooldownSeconds\n    expiresAt\n    webhookUrl\n    createdAt\n  }\n": types.AlertFieldsFragmentDoc,
    "\n  query Alerts {\n    alerts {\n      ...AlertFields\n    }\n    exchangeAccounts {\n      id\n      venue\n      label\n    }\n    bots {\n      id\n      name\n      venue\n    }\n  }\n": types.AlertsDocument,
    "\n  fragment AlertTriggerFields on AlertTrigger {\n    id\n    alertId\n    name\n    symbol\n    value\n    firedAt\n    actionStatus\n    actionResult\n  }\n": types.AlertTriggerFieldsFragmentDoc,
    "\n  query AlertTriggers($alertId: ID, $first: Int!) {\n    alertTriggers(alertId: $alertId, first: $first) {\n      edges {\n        node {\n          ...AlertTriggerFields\n        }\n      }\n    }\n  }\n": types.AlertTriggersDocument,
    "\n  subscription AlertTriggered {\n    alertTriggered {\n      ...AlertTriggerFields\n    }\n  }\n": types.AlertTriggeredDocument,
    "\n  mutation CreateAlert($input: CreateAlertInput!, $stepUp: StepUpAssertionInput) {\n    createAlert(input: $input, stepUp: $stepUp) {\n      ...AlertFields\n    }\n  }\n": types.CreateAlertDocument,
    "\n  mutation UpdateAlert($id: ID!, $input: UpdateAlertInput!) {\n    updateAlert(id: $id, input: $input) {\n      ...AlertFields\n    }\n  }\n": types.UpdateAlertDocument,
    "\n  mutation DeleteAlert($id: ID!) {\n    deleteAlert(id: $id)\n  }\n": types.DeleteAlertDocument,
    "\n  mutation SnoozeAlert($id: ID!, $minutes: Int!) {\n    snoozeAlert(id: $id, minutes: $minutes) {\n      ...AlertFields\n    }\n  }\n": types.SnoozeAlertDocument,
    "\n  fragment CandleDatasetFields on CandleDataset {\n    id\n    name\n    symbol\n    timeframe\n    rows\n    firstTime\n    lastTime\n    createdAt\n  }\n": types.CandleDatasetFieldsFragmentDoc,
    "\n  query CandleDatasets {\n    candleDatasets {\n      ...CandleDatasetFields\n    }\n  }\n": types.CandleDatasetsDocument,
    "\n  mutation ImportCandles($symbol: String!, $timeframe: String!, $csv: String!, $name: String) {\n    importCandles(symbol: $symbol, timeframe: $timeframe, csv: $csv, name: $name) {\n      ...CandleDatasetFields\n    }\n  }\n": types.ImportCandlesDocument,
    "\n  mutation DeleteCandleDataset($id: ID!) {\n    deleteCandleDataset(id: $id)\n  }\n": types.DeleteCandleDatasetDocument,
    "\n  fragment BotFields on Bot {\n    id\n    accountId\n    venue\n    symbol\n    kind\n    name\n    templateId\n    state\n    error\n    position\n    realisedPnl\n    unrealisedPnl\n    updatedAt\n  }\n": types.BotFieldsFragmentDoc,
    "\n  query Bots {\n    bots {\n      ...BotFields\n    }\n  }\n": types.BotsDocument,
    "\n  subscription BotUpdates {\n    botUpdates {\n      ...BotFields\n    }\n  }\n": types.BotUpdatesDocument,
    "\n  query BotDetail($id: ID!) {\n    bot(id: $id) {\n      ...BotFields\n      params\n      avgCost\n      feesPaid\n      createdAt\n      startedAt\n      stoppedAt\n      limits {\n        maxPositionNotional\n        maxOrderNotional\n        maxOpenOrders\n        dailyLossLimit\n      }\n      openOrders {\n        id\n        side\n        type\n        qty\n        price\n        filledQty\n        status\n      }\n      events(limit: 20) {\n        id\n        at\n        kind\n        message\n      }\n    }\n    risk {\n      accounts {\n        accountId\n        botsRunning\n        exposure\n        dailyPnl\n      }\n    }\n  }\n": types.BotDetailDocument,
    "\n  query BotTemplates {\n    botTemplates {\n      id\n      name\n      description\n      riskLevel\n      suggestedCapital\n      kind\n      venue\n      symbol\n      available\n      unavailableReason\n      backtest {\n        timeframe\n        totalReturn\n        maxDrawdown\n        sharpe\n        winRate\n        trades\n      }\n    }\n    exchangeAccounts {\n      id\n      venue\n      label\n    }\n  }\n": types.BotTemplatesDocument,
    "\n  mutation CreateBotFromTemplate($input: CreateBotFromTemplateInput!) {\n    createBotFromTemplate(input: $input) {\n      ...BotFields\n    }\n  }\n": types.CreateBotFromTemplateDocument,
    "\n  mutation CreateBot($input: CreateBotInput!) {\n    createBot(input: $input) {\n      ...BotFields\n    }\n  }\n": types.CreateBotDocument,
    "\n  mutation StartBot($id: ID!, $stepUp: StepUpAssertionInput) {\n    startBot(id: $id, stepUp: $stepUp) {\n      ...BotFields\n    }\n  }\n": types.StartBotDocument,
    "\n  mutation StopBot($id: ID!, $stepUp: StepUpAssertionInput) {\n    stopBot(id: $id, stepUp: $stepUp) {\n      ...BotFields\n    }\n  }\n": types.StopBotDocument,
    "\n  mutation PauseBot($id: ID!) {\n    pauseBot(id: $id) {\n      ...BotFields\n    }\n  }\n": types.PauseBotDocument,
    "\n  mutation DeleteBot($id: ID!) {\n    deleteBot(id: $id)\n  }\n": types.DeleteBotDocument,
    "\n  fragment MonteCarloBandsFields on BacktestMonteCarloBands {\n    method\n    runs\n    probabilityOfLoss\n    finalEquity {\n      percentile\n      value\n    }\n    maxDrawdown {\n      percentile\n      value\n    }\n  }\n": types.MonteCarloBandsFieldsFragmentDoc,
    "\n  fragment BacktestJobFields on BacktestJob {\n    id\n    status\n    progress\n    etaSeconds\n    error\n    input\n    metrics {\n      totalReturn\n      cagr\n      sharpe\n      sortino\n      maxDrawdown\n      winRate\n      profitFactor\n      trades\n      roundTrips\n      feesPaid\n      finalEquity\n    }\n    equityCurve {\n      time\n      equity\n    }\n    trades {\n      time\n      side\n      price\n      qty\n      fee\n    }\n    tradesTruncated\n    monteCarlo {\n      trades {\n        ...MonteCarloBandsFields\n      }\n      blocks {\n        ...MonteCarloBandsFields\n      }\n    }\n    walkForward {\n      outOfSampleReturn\n      meanTrainReturn\n      meanTestReturn\n      efficiency\n      windows {\n        trainStart\n        testStart\n        testEnd\n        params\n        trainReturn\n        testReturn\n        testTrades\n        testMaxDrawdown\n      }\n    }\n  }\n": types.BacktestJobFieldsFragmentDoc,
    "\n  mutation RunBacktest($input: BacktestInput!) {\n    runBacktest(input: $input) {\n      ...BacktestJobFields\n    }\n  }\n": types.RunBacktestDocument,
    "\n  query Backtest($id: ID!) {\n    backtest(id: $id) {\n      ...BacktestJobFields\n    }\n  }\n": types.BacktestDocument,
    "\n  subscription BacktestProgress($jobId: ID!) {\n    backtestProgress(jobId: $jobId) {\n      jobId\n      status\n      progress\n      etaSeconds\n      error\n    }\n  }\n": types.BacktestProgressDocument,
    "\n  mutation CancelBacktest($id: ID!) {\n    cancelBacktest(id: $id) {\n      id\n      status\n      progress\n    }\n  }\n": types.CancelBacktestDocument,
    "\n  mutation UpdateBot($id: ID!, $input: UpdateBotInput!) {\n    updateBot(id: $id, input: $input) {\n      ...BotFields\n      params\n      limits {\n        maxPositionNotional\n        maxOrderNotional\n        maxOpenOrders\n        dailyLossLimit\n      }\n    }\n  }\n": types.UpdateBotDocument,
    "\n  query Backtests($first: Int!, $after: String) {\n    backtests(first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          status\n          progress\n          createdAt\n          finishedAt\n          input\n          error\n          metrics {\n            totalReturn\n            maxDrawdown\n            trades\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.BacktestsDocument,
    "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      token\n      expiresAt\n      user {\n        id\n        displayName\n      }\n    }\n  }\n": types.LoginDocument,
    "\n  mutation Logout {\n    logout\n  }\n": types.LogoutDocument,
    "\n  query MarketVenues {\n    marketVenues {\n      id\n      displayName\n      simulated\n      live\n    }\n  }\n": types.MarketVenuesDocument,
    "\n  query Markets($venue: String! = \"sim\") {\n    markets(venue: $venue) {\n      venue\n      symbol\n      base\n      quote\n    }\n  }\n": types.MarketsDocument,
    "\n  query Ticker($symbol: String!, $venue: String! = \"sim\") {\n    ticker(symbol: $symbol, venue: $venue) {\n      ...TickerFields\n    }\n  }\n": types.TickerDocument,
    "\n  fragment TickerFields on Ticker {\n    venue\n    symbol\n    bid\n    ask\n    last\n    high24h\n    low24h\n    baseVolume24h\n    changePct24h\n    timestamp\n  }\n": types.TickerFieldsFragmentDoc,
    "\n  subscription LiveTicker($symbols: [String!]!, $maxRate: Float!, $venue: String! = \"sim\") {\n    ticker(symbols: $symbols, maxRate: $maxRate, venue: $venue) {\n      ...TickerFields\n    }\n  }\n": types.LiveTickerDocument,
    "\n  query Timeframes {\n    timeframes\n  }\n": types.TimeframesDocument,
    "\n  query Candles($symbol: String!, $timeframe: String!, $limit: Int!, $venue: String! = \"sim\") {\n    candles(symbol: $symbol, timeframe: $timeframe, limit: $limit, venue: $venue) {\n      openTime\n      open\n      high\n      low\n      close\n      volume\n      closed\n    }\n  }\n": types.CandlesDocument,
    "\n  query Account {\n    me {\n      id\n      email\n      displayName\n      isDemo\n      createdAt\n    }\n    balances {\n      accountId\n      venue\n      accountLabel\n      currency\n      free\n      used\n      total\n    }\n  }\n": types.AccountDocument,
    "\n  fragment MarketRules on Market {\n    venue\n    symbol\n    base\n    quote\n    priceTick\n    qtyStep\n    minQty\n    minNotional\n  }\n": types.MarketRulesFragmentDoc,
    "\n  query TradeContext($venue: String! = \"sim\") {\n    markets(venue: $venue) {\n      ...MarketRules\n    }\n    tradingGrants {\n      id\n      accountId\n      symbols\n      maxOrders\n      ordersUsed\n      expiresAt\n      revokedAt\n    }\n    exchangeAccounts {\n      id\n      venue\n      label\n    }\n    balances {\n      accountId\n      venue\n      accountLabel\n      currency\n      free\n      used\n      total\n    }\n  }\n": types.TradeContextDocument,
    "\n  subscription LiveOrderBook($symbol: String!, $depth: Int!, $maxRate: Float!, $venue: String! = \"sim\") {\n    orderBook(symbol: $symbol, depth: $depth, maxRate: $maxRate, venue: $venue) {\n      symbol\n      seq\n      bids {\n        price\n        qty\n      }\n      asks {\n        price\n        qty\n      }\n      spread\n      mid\n      timestamp\n    }\n  }\n": types.LiveOrderBookDocument,
    "\n  fragment OrderFields on Order {\n    id\n    accountId\n    venue\n    symbol\n    clientOrderId\n    side\n    type\n    timeInForce\n    qty\n    price\n    triggerPrice\n    filledQty\n    remainingQty\n    avgFillPrice\n    status\n    rejectReason\n    createdAt\n    updatedAt\n  }\n": types.OrderFieldsFragmentDoc,
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
    "\n  fragment PortfolioFields on Portfolio {\n    quote\n    totalValue\n    dayChange\n    dayChangePct\n    realisedPnl\n    unrealisedPnl\n    unpriced\n    asOf\n    positions {\n      accountId\n      venue\n      symbol\n      qty\n      avgCost\n      mark\n      value\n      realisedPnl\n      unrealisedPnl\n      feesPaid\n    }\n  }\n": types.PortfolioFieldsFragmentDoc,
    "\n  query Home($quote: String! = \"USDT\") {\n    portfolio(quote: $quote) {\n      ...PortfolioFields\n    }\n  }\n": types.HomeDocument,
    "\n  query PlatformStats {\n    platformStats {\n      totalTrades\n      volumeQuote\n      activeTraders\n      copiedCapital\n      computedAt\n    }\n  }\n": types.PlatformStatsDocument,
    "\n  subscription LivePnl($quote: String! = \"USDT\", $maxRate: Float! = 2) {\n    livePnl(quote: $quote, maxRate: $maxRate) {\n      ...PortfolioFields\n    }\n  }\n": types.LivePnlDocument,
    "\n  subscription MarketTrades($symbol: String!, $last: Int!, $maxRate: Float!, $venue: String! = \"sim\") {\n    trades(symbol: $symbol, last: $last, maxRate: $maxRate, venue: $venue) {\n      symbol\n      trades {\n        id\n        price\n        qty\n        takerSide\n        timestamp\n      }\n    }\n  }\n": types.MarketTradesDocument,
    "\n  subscription LiveCandles($symbol: String!, $timeframe: String!, $last: Int!, $maxRate: Float!, $venue: String! = \"sim\") {\n    candles(symbol: $symbol, timeframe: $timeframe, last: $last, maxRate: $maxRate, venue: $venue) {\n      symbol\n      timeframe\n      candle {\n        openTime\n        open\n        high\n        low\n        close\n        volume\n        closed\n      }\n    }\n  }\n": types.LiveCandlesDocument,
    "\n  mutation RegisterDevice($token: String!, $platform: PushPlatform!, $locale: String!, $timezone: String!, $appVersion: String) {\n    registerDevice(token: $token, platform: $platform, locale: $locale, timezone: $timezone, appVersion: $appVersion) {\n      id\n      platform\n      locale\n    }\n  }\n": types.RegisterDeviceDocument,
    "\n  mutation UnregisterDevice($token: String!) {\n    unregisterDevice(token: $token)\n  }\n": types.UnregisterDeviceDocument,
    "\n  fragment NotificationFields on Notification {\n    id\n    category\n    title\n    body\n    deepLink\n    createdAt\n    read\n  }\n": types.NotificationFieldsFragmentDoc,
    "\n  query NotificationsInbox($first: Int!, $after: String, $unreadOnly: Boolean!) {\n    notifications(first: $first, after: $after, unreadOnly: $unreadOnly) {\n      edges {\n        cursor\n        node {\n          ...NotificationFields\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      unreadCount\n    }\n  }\n": types.NotificationsInboxDocument,
    "\n  query UnreadNotificationCount {\n    notifications(first: 1, unreadOnly: true) {\n      unreadCount\n    }\n  }\n": types.UnreadNotificationCountDocument,
    "\n  mutation MarkNotificationsRead($ids: [ID!]!) {\n    markNotificationsRead(ids: $ids)\n  }\n": types.MarkNotificationsReadDocument,
    "\n  query NotificationPreferences {\n    notificationPreferences {\n      categories {\n        category\n        enabled\n        urgent\n      }\n      quietHoursStart\n      quietHoursEnd\n      timezone\n    }\n  }\n": types.NotificationPreferencesDocument,
    "\n  mutation UpdateNotificationPreferences($input: NotificationPreferencesInput!) {\n    updateNotificationPreferences(input: $input) {\n      categories {\n        category\n        enabled\n        urgent\n      }\n      quietHoursStart\n      quietHoursEnd\n      timezone\n    }\n  }\n": types.UpdateNotificationPreferencesDocument,
    "\n  query NotificationActionPreview($actionToken: String!) {\n    notificationAction(actionToken: $actionToken) {\n      kind\n      actionId\n      notificationId\n      expiresAt\n      needsStepUp\n      summary\n      stepUpAction {\n        kind\n        account\n        venue\n        symbol\n        side\n        type\n        timeInForce\n        qty\n        amount\n        price\n        botId\n      }\n    }\n  }\n": types.NotificationActionPreviewDocument,
    "\n  mutation PerformNotificationAction($actionToken: String!, $stepUp: StepUpAssertionInput) {\n    performNotificationAction(actionToken: $actionToken, stepUp: $stepUp) {\n      kind\n      message\n      deepLink\n      orderId\n      cancelledOrderIds\n    }\n  }\n": types.PerformNotificationActionDocument,
    "\n  fragment TraderMetricsFields on TraderMetrics {\n    period\n    days\n    trades\n    roiPct\n    sharpe\n    sortino\n    maxDrawdownPct\n    winRatePct\n    followers\n    copiedCapital\n  }\n": types.TraderMetricsFieldsFragmentDoc,
    "\n  query Leaderboard($period: LeaderboardPeriod!, $metric: LeaderboardMetric!, $first: Int!, $after: String) {\n    leaderboard(period: $period, metric: $metric, first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          rank\n          traderId\n          handle\n          metrics {\n            ...TraderMetricsFields\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.LeaderboardDocument,
    "\n  query TraderProfile($handle: String!) {\n    traderProfile(handle: $handle) {\n      traderId\n      handle\n      bio\n      avatarUrl\n      styleTags\n      verifiedSince\n      verifiedAccounts {\n        venue\n        label\n      }\n      equityCurve {\n        day\n        returnPct\n      }\n      metrics {\n        ...TraderMetricsFields\n      }\n      bots {\n        id\n        name\n        kind\n        symbol\n        state\n        returnPct\n        realisedPnl\n      }\n    }\n  }\n": types.TraderProfileDocument,
    "\n  fragment FollowFields on Follow {\n    id\n    traderId\n    accountId\n    allocation\n    sizing\n    ratio\n    fixedAmount\n    maxPerTrade\n    slippageGuardPct\n    copyOpenPositions\n    stopLossPct\n    active\n    startedAt\n    copyPnl\n  }\n": types.FollowFieldsFragmentDoc,
    "\n  query Following {\n    following {\n      ...FollowFields\n    }\n  }\n": types.FollowingDocument,
    "\n  query CopyAccounts {\n    exchangeAccounts {\n      id\n      venue\n      label\n    }\n  }\n": types.CopyAccountsDocument,
    "\n  mutation FollowTrader($input: FollowTraderInput!, $stepUp: StepUpAssertionInput) {\n    followTrader(input: $input, stepUp: $stepUp) {\n      ...FollowFields\n    }\n  }\n": types.FollowTraderDocument,
    "\n  mutation UpdateFollow($input: UpdateFollowInput!, $stepUp: StepUpAssertionInput) {\n    updateFollow(input: $input, stepUp: $stepUp) {\n      ...FollowFields\n    }\n  }\n": types.UpdateFollowDocument,
    "\n  mutation UnfollowTrader($traderId: ID!, $closePositions: Boolean!) {\n    unfollowTrader(traderId: $traderId, closePositions: $closePositions) {\n      traderId\n      closingOrders {\n        id\n      }\n    }\n  }\n": types.UnfollowTraderDocument,
    "\n  subscription CopySkippedLive {\n    copySkipped {\n      leaderFillId\n      traderId\n      symbol\n      side\n      skipReason\n    }\n  }\n": types.CopySkippedLiveDocument,
    "\n  fragment ListingFields on StrategyListing {\n    id\n    creatorId\n    sourceKind\n    title\n    description\n    pricing\n    monthlyPrice\n    performanceFeePct\n    rating\n    reviewCount\n    createdAt\n  }\n": types.ListingFieldsFragmentDoc,
    "\n  query Marketplace($pricing: StrategyPricing, $first: Int!, $after: String) {\n    marketplace(pricing: $pricing, first: $first, after: $after) {\n      listings {\n        ...ListingFields\n      }\n      hasNextPage\n      endCursor\n    }\n    strategySubscriptions {\n      id\n      listingId\n      accountId\n      allocation\n      active\n      createdAt\n    }\n  }\n": types.MarketplaceDocument,
    "\n  mutation SubscribeToStrategy($listingId: ID!, $accountId: ID!, $allocation: Decimal!, $stepUp: StepUpAssertionInput) {\n    subscribeToStrategy(listingId: $listingId, accountId: $accountId, allocation: $allocation, stepUp: $stepUp) {\n      id\n      listingId\n      accountId\n      allocation\n      active\n      createdAt\n    }\n  }\n": types.SubscribeToStrategyDocument,
    "\n  mutation CancelStrategySubscription($id: ID!) {\n    cancelSubscription(id: $id) {\n      id\n      listingId\n      accountId\n      allocation\n      active\n      createdAt\n    }\n  }\n": types.CancelStrategySubscriptionDocument,
    "\n  fragment PostFields on Post {\n    id\n    authorId\n    authorHandle\n    kind\n    body\n    listingId\n    trade {\n      symbol\n      side\n      price\n      qty\n    }\n    backtest {\n      backtestId\n      simulated\n      symbol\n      strategy\n      templateId\n      timeframe\n      periodStart\n      periodEnd\n      totalReturn\n      maxDrawdown\n      sharpe\n      trades\n    }\n    likes\n    commentCount\n    likedByMe\n    createdAt\n  }\n": types.PostFieldsFragmentDoc,
    "\n  query Feed($first: Int!, $after: String) {\n    feed(first: $first, after: $after) {\n      posts {\n        ...PostFields\n      }\n      hasNextPage\n      endCursor\n    }\n  }\n": types.FeedDocument,
    "\n  subscription LiveFeed {\n    feed {\n      ...PostFields\n    }\n  }\n": types.LiveFeedDocument,
    "\n  mutation CreatePost($input: CreatePostInput!) {\n    createPost(input: $input) {\n      ...PostFields\n    }\n  }\n": types.CreatePostDocument,
    "\n  mutation LikePost($postId: ID!, $liked: Boolean!) {\n    likePost(postId: $postId, liked: $liked) {\n      ...PostFields\n    }\n  }\n": types.LikePostDocument,
    "\n  mutation CommentOnPost($postId: ID!, $body: String!) {\n    commentOnPost(postId: $postId, body: $body) {\n      ...PostFields\n    }\n  }\n": types.CommentOnPostDocument,
    "\n  query PostComments($postId: ID!, $first: Int!) {\n    postComments(postId: $postId, first: $first) {\n      id\n      authorId\n      authorHandle\n      body\n      createdAt\n    }\n  }\n": types.PostCommentsDocument,
    "\n  query MyTraderProfile {\n    myTraderProfile {\n      handle\n      bio\n      avatarUrl\n      hasAvatar\n      styleTags\n      publicAccountIds\n      showBalances\n    }\n    exchangeAccounts {\n      id\n      label\n      venue\n    }\n  }\n": types.MyTraderProfileDocument,
    "\n  mutation UpsertTraderProfile($input: TraderProfileInput!) {\n    upsertTraderProfile(input: $input) {\n      handle\n      bio\n      avatarUrl\n      styleTags\n      publicAccountIds\n      showBalances\n    }\n  }\n": types.UpsertTraderProfileDocument,
    "\n  mutation SetAvatar($image: String!) {\n    setAvatar(image: $image) {\n      handle\n      avatarUrl\n      hasAvatar\n    }\n  }\n": types.SetAvatarDocument,
    "\n  mutation RemoveAvatar {\n    removeAvatar {\n      handle\n      avatarUrl\n      hasAvatar\n    }\n  }\n": types.RemoveAvatarDocument,
    "\n  query BotProfileVisibility($id: ID!) {\n    bot(id: $id) {\n      id\n      showOnProfile\n    }\n    myTraderProfile {\n      handle\n    }\n  }\n": types.BotProfileVisibilityDocument,
    "\n  mutation SetBotProfileVisibility($botId: ID!, $visible: Boolean!) {\n    setBotProfileVisibility(botId: $botId, visible: $visible) {\n      id\n      showOnProfile\n    }\n  }\n": types.SetBotProfileVisibilityDocument,
    "\n  query PublishSources {\n    bots {\n      id\n      name\n      symbol\n    }\n    botTemplates {\n      id\n      name\n      symbol\n    }\n  }\n": types.PublishSourcesDocument,
    "\n  mutation PublishStrategy($input: PublishStrategyInput!) {\n    publishStrategy(input: $input) {\n      ...ListingFields\n    }\n  }\n": types.PublishStrategyDocument,
    "\n  mutation ReviewStrategy($listingId: ID!, $rating: Int!, $text: String!) {\n    reviewStrategy(listingId: $listingId, rating: $rating, text: $text) {\n      ...ListingFields\n    }\n  }\n": types.ReviewStrategyDocument,
    "\n  mutation ReportPost($postId: ID!, $reason: String!) {\n    reportPost(postId: $postId, reason: $reason)\n  }\n": types.ReportPostDocument,
    "\n  mutation BlockUser($userId: ID!, $block: Boolean!) {\n    blockUser(userId: $userId, block: $block)\n  }\n": types.BlockUserDocument,
    "\n  query WidgetTokens {\n    widgetTokens {\n      id\n      label\n      createdAt\n      expiresAt\n    }\n  }\n": types.WidgetTokensDocument,
    "\n  mutation CreateWidgetToken($label: String!) {\n    createWidgetToken(label: $label) {\n      token\n      widgetToken {\n        id\n        label\n        createdAt\n        expiresAt\n      }\n    }\n  }\n": types.CreateWidgetTokenDocument,
    "\n  mutation RevokeWidgetToken($id: ID!) {\n    revokeWidgetToken(id: $id)\n  }\n": types.RevokeWidgetTokenDocument,
    "\n  fragment WatchlistFields on Watchlist {\n    isDefault\n    maxEntries\n    entries {\n      venue\n      symbol\n    }\n  }\n": types.WatchlistFieldsFragmentDoc,
    "\n  query Watchlist {\n    watchlist {\n      ...WatchlistFields\n    }\n  }\n": types.WatchlistDocument,
    "\n  mutation AddToWatchlist($venue: String!, $symbol: String!) {\n    addToWatchlist(venue: $venue, symbol: $symbol) {\n      ...WatchlistFields\n    }\n  }\n": types.AddToWatchlistDocument,
    "\n  mutation RemoveFromWatchlist($venue: String!, $symbol: String!) {\n    removeFromWatchlist(venue: $venue, symbol: $symbol) {\n      ...WatchlistFields\n    }\n  }\n": types.RemoveFromWatchlistDocument,
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
export function graphql(source: "\n  fragment ExchangeStatusFields on ExchangeStatus {\n    accountId\n    venue\n    label\n    connected\n    restLatencyMs\n    streamMessageAgeSeconds\n    resyncs\n    lastError\n    lastErrorAt\n  }\n"): (typeof documents)["\n  fragment ExchangeStatusFields on ExchangeStatus {\n    accountId\n    venue\n    label\n    connected\n    restLatencyMs\n    streamMessageAgeSeconds\n    resyncs\n    lastError\n    lastErrorAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ExchangeAccounts {\n    exchangeAccounts {\n      id\n      venue\n      label\n      createdAt\n      apiKeyHint\n      hasKeys\n    }\n    exchangeStatus {\n      ...ExchangeStatusFields\n    }\n  }\n"): (typeof documents)["\n  query ExchangeAccounts {\n    exchangeAccounts {\n      id\n      venue\n      label\n      createdAt\n      apiKeyHint\n      hasKeys\n    }\n    exchangeStatus {\n      ...ExchangeStatusFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription LiveExchangeStatus($intervalSeconds: Float! = 5) {\n    exchangeStatus(intervalSeconds: $intervalSeconds) {\n      ...ExchangeStatusFields\n    }\n  }\n"): (typeof documents)["\n  subscription LiveExchangeStatus($intervalSeconds: Float! = 5) {\n    exchangeStatus(intervalSeconds: $intervalSeconds) {\n      ...ExchangeStatusFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddExchangeAccount($input: AddExchangeAccountInput!, $stepUp: StepUpAssertionInput) {\n    addExchangeAccount(input: $input, stepUp: $stepUp) {\n      id\n      venue\n      label\n      createdAt\n      apiKeyHint\n      hasKeys\n    }\n  }\n"): (typeof documents)["\n  mutation AddExchangeAccount($input: AddExchangeAccountInput!, $stepUp: StepUpAssertionInput) {\n    addExchangeAccount(input: $input, stepUp: $stepUp) {\n      id\n      venue\n      label\n      createdAt\n      apiKeyHint\n      hasKeys\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RemoveExchangeAccountKeys($id: ID!) {\n    removeExchangeAccountKeys(id: $id) {\n      id\n      apiKeyHint\n      hasKeys\n    }\n  }\n"): (typeof documents)["\n  mutation RemoveExchangeAccountKeys($id: ID!) {\n    removeExchangeAccountKeys(id: $id) {\n      id\n      apiKeyHint\n      hasKeys\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation KillSwitch($stepUp: StepUpAssertionInput) {\n    killSwitch(stepUp: $stepUp) {\n      botsStopped\n      ordersCancelled\n      ordersLeftOpen\n    }\n  }\n"): (typeof documents)["\n  mutation KillSwitch($stepUp: StepUpAssertionInput) {\n    killSwitch(stepUp: $stepUp) {\n      botsStopped\n      ordersCancelled\n      ordersLeftOpen\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AlertFields on Alert {\n    id\n    name\n    venue\n    symbol\n    market {\n      metric\n      direction\n      threshold\n      period\n    }\n    event {\n      kind\n    }\n    mode\n    status\n    fires\n    snoozedUntil\n    lastFiredAt\n    armedWithStepUp\n    action {\n      kind\n      side\n      qty\n      price\n      percent\n      botId\n    }\n    cooldownSeconds\n    expiresAt\n    webhookUrl\n    createdAt\n  }\n"): (typeof documents)["\n  fragment AlertFields on Alert {\n    id\n    name\n    venue\n    symbol\n    market {\n      metric\n      direction\n      threshold\n      period\n    }\n    event {\n      kind\n    }\n    mode\n    status\n    fires\n    snoozedUntil\n    lastFiredAt\n    armedWithStepUp\n    action {\n      kind\n      side\n      qty\n      price\n      percent\n      botId\n    }\n    cooldownSeconds\n    expiresAt\n    webhookUrl\n    createdAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Alerts {\n    alerts {\n      ...AlertFields\n    }\n    exchangeAccounts {\n      id\n      venue\n      label\n    }\n    bots {\n      id\n      name\n      venue\n    }\n  }\n"): (typeof documents)["\n  query Alerts {\n    alerts {\n      ...AlertFields\n    }\n    exchangeAccounts {\n      id\n      venue\n      label\n    }\n    bots {\n      id\n      name\n      venue\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AlertTriggerFields on AlertTrigger {\n    id\n    alertId\n    name\n    symbol\n    value\n    firedAt\n    actionStatus\n    actionResult\n  }\n"): (typeof documents)["\n  fragment AlertTriggerFields on AlertTrigger {\n    id\n    alertId\n    name\n    symbol\n    value\n    firedAt\n    actionStatus\n    actionResult\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AlertTriggers($alertId: ID, $first: Int!) {\n    alertTriggers(alertId: $alertId, first: $first) {\n      edges {\n        node {\n          ...AlertTriggerFields\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AlertTriggers($alertId: ID, $first: Int!) {\n    alertTriggers(alertId: $alertId, first: $first) {\n      edges {\n        node {\n          ...AlertTriggerFields\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription AlertTriggered {\n    alertTriggered {\n      ...AlertTriggerFields\n    }\n  }\n"): (typeof documents)["\n  subscription AlertTriggered {\n    alertTriggered {\n      ...AlertTriggerFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateAlert($input: CreateAlertInput!, $stepUp: StepUpAssertionInput) {\n    createAlert(input: $input, stepUp: $stepUp) {\n      ...AlertFields\n    }\n  }\n"): (typeof documents)["\n  mutation CreateAlert($input: CreateAlertInput!, $stepUp: StepUpAssertionInput) {\n    createAlert(input: $input, stepUp: $stepUp) {\n      ...AlertFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateAlert($id: ID!, $input: UpdateAlertInput!) {\n    updateAlert(id: $id, input: $input) {\n      ...AlertFields\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateAlert($id: ID!, $input: UpdateAlertInput!) {\n    updateAlert(id: $id, input: $input) {\n      ...AlertFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteAlert($id: ID!) {\n    deleteAlert(id: $id)\n  }\n"): (typeof documents)["\n  mutation DeleteAlert($id: ID!) {\n    deleteAlert(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SnoozeAlert($id: ID!, $minutes: Int!) {\n    snoozeAlert(id: $id, minutes: $minutes) {\n      ...AlertFields\n    }\n  }\n"): (typeof documents)["\n  mutation SnoozeAlert($id: ID!, $minutes: Int!) {\n    snoozeAlert(id: $id, minutes: $minutes) {\n      ...AlertFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CandleDatasetFields on CandleDataset {\n    id\n    name\n    symbol\n    timeframe\n    rows\n    firstTime\n    lastTime\n    createdAt\n  }\n"): (typeof documents)["\n  fragment CandleDatasetFields on CandleDataset {\n    id\n    name\n    symbol\n    timeframe\n    rows\n    firstTime\n    lastTime\n    createdAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CandleDatasets {\n    candleDatasets {\n      ...CandleDatasetFields\n    }\n  }\n"): (typeof documents)["\n  query CandleDatasets {\n    candleDatasets {\n      ...CandleDatasetFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ImportCandles($symbol: String!, $timeframe: String!, $csv: String!, $name: String) {\n    importCandles(symbol: $symbol, timeframe: $timeframe, csv: $csv, name: $name) {\n      ...CandleDatasetFields\n    }\n  }\n"): (typeof documents)["\n  mutation ImportCandles($symbol: String!, $timeframe: String!, $csv: String!, $name: String) {\n    importCandles(symbol: $symbol, timeframe: $timeframe, csv: $csv, name: $name) {\n      ...CandleDatasetFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteCandleDataset($id: ID!) {\n    deleteCandleDataset(id: $id)\n  }\n"): (typeof documents)["\n  mutation DeleteCandleDataset($id: ID!) {\n    deleteCandleDataset(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment BotFields on Bot {\n    id\n    accountId\n    venue\n    symbol\n    kind\n    name\n    templateId\n    state\n    error\n    position\n    realisedPnl\n    unrealisedPnl\n    updatedAt\n  }\n"): (typeof documents)["\n  fragment BotFields on Bot {\n    id\n    accountId\n    venue\n    symbol\n    kind\n    name\n    templateId\n    state\n    error\n    position\n    realisedPnl\n    unrealisedPnl\n    updatedAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Bots {\n    bots {\n      ...BotFields\n    }\n  }\n"): (typeof documents)["\n  query Bots {\n    bots {\n      ...BotFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription BotUpdates {\n    botUpdates {\n      ...BotFields\n    }\n  }\n"): (typeof documents)["\n  subscription BotUpdates {\n    botUpdates {\n      ...BotFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BotDetail($id: ID!) {\n    bot(id: $id) {\n      ...BotFields\n      params\n      avgCost\n      feesPaid\n      createdAt\n      startedAt\n      stoppedAt\n      limits {\n        maxPositionNotional\n        maxOrderNotional\n        maxOpenOrders\n        dailyLossLimit\n      }\n      openOrders {\n        id\n        side\n        type\n        qty\n        price\n        filledQty\n        status\n      }\n      events(limit: 20) {\n        id\n        at\n        kind\n        message\n      }\n    }\n    risk {\n      accounts {\n        accountId\n        botsRunning\n        exposure\n        dailyPnl\n      }\n    }\n  }\n"): (typeof documents)["\n  query BotDetail($id: ID!) {\n    bot(id: $id) {\n      ...BotFields\n      params\n      avgCost\n      feesPaid\n      createdAt\n      startedAt\n      stoppedAt\n      limits {\n        maxPositionNotional\n        maxOrderNotional\n        maxOpenOrders\n        dailyLossLimit\n      }\n      openOrders {\n        id\n        side\n        type\n        qty\n        price\n        filledQty\n        status\n      }\n      events(limit: 20) {\n        id\n        at\n        kind\n        message\n      }\n    }\n    risk {\n      accounts {\n        accountId\n        botsRunning\n        exposure\n        dailyPnl\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BotTemplates {\n    botTemplates {\n      id\n      name\n      description\n      riskLevel\n      suggestedCapital\n      kind\n      venue\n      symbol\n      available\n      unavailableReason\n      backtest {\n        timeframe\n        totalReturn\n        maxDrawdown\n        sharpe\n        winRate\n        trades\n      }\n    }\n    exchangeAccounts {\n      id\n      venue\n      label\n    }\n  }\n"): (typeof documents)["\n  query BotTemplates {\n    botTemplates {\n      id\n      name\n      description\n      riskLevel\n      suggestedCapital\n      kind\n      venue\n      symbol\n      available\n      unavailableReason\n      backtest {\n        timeframe\n        totalReturn\n        maxDrawdown\n        sharpe\n        winRate\n        trades\n      }\n    }\n    exchangeAccounts {\n      id\n      venue\n      label\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateBotFromTemplate($input: CreateBotFromTemplateInput!) {\n    createBotFromTemplate(input: $input) {\n      ...BotFields\n    }\n  }\n"): (typeof documents)["\n  mutation CreateBotFromTemplate($input: CreateBotFromTemplateInput!) {\n    createBotFromTemplate(input: $input) {\n      ...BotFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateBot($input: CreateBotInput!) {\n    createBot(input: $input) {\n      ...BotFields\n    }\n  }\n"): (typeof documents)["\n  mutation CreateBot($input: CreateBotInput!) {\n    createBot(input: $input) {\n      ...BotFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StartBot($id: ID!, $stepUp: StepUpAssertionInput) {\n    startBot(id: $id, stepUp: $stepUp) {\n      ...BotFields\n    }\n  }\n"): (typeof documents)["\n  mutation StartBot($id: ID!, $stepUp: StepUpAssertionInput) {\n    startBot(id: $id, stepUp: $stepUp) {\n      ...BotFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StopBot($id: ID!, $stepUp: StepUpAssertionInput) {\n    stopBot(id: $id, stepUp: $stepUp) {\n      ...BotFields\n    }\n  }\n"): (typeof documents)["\n  mutation StopBot($id: ID!, $stepUp: StepUpAssertionInput) {\n    stopBot(id: $id, stepUp: $stepUp) {\n      ...BotFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PauseBot($id: ID!) {\n    pauseBot(id: $id) {\n      ...BotFields\n    }\n  }\n"): (typeof documents)["\n  mutation PauseBot($id: ID!) {\n    pauseBot(id: $id) {\n      ...BotFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteBot($id: ID!) {\n    deleteBot(id: $id)\n  }\n"): (typeof documents)["\n  mutation DeleteBot($id: ID!) {\n    deleteBot(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment MonteCarloBandsFields on BacktestMonteCarloBands {\n    method\n    runs\n    probabilityOfLoss\n    finalEquity {\n      percentile\n      value\n    }\n    maxDrawdown {\n      percentile\n      value\n    }\n  }\n"): (typeof documents)["\n  fragment MonteCarloBandsFields on BacktestMonteCarloBands {\n    method\n    runs\n    probabilityOfLoss\n    finalEquity {\n      percentile\n      value\n    }\n    maxDrawdown {\n      percentile\n      value\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment BacktestJobFields on BacktestJob {\n    id\n    status\n    progress\n    etaSeconds\n    error\n    input\n    metrics {\n      totalReturn\n      cagr\n      sharpe\n      sortino\n      maxDrawdown\n      winRate\n      profitFactor\n      trades\n      roundTrips\n      feesPaid\n      finalEquity\n    }\n    equityCurve {\n      time\n      equity\n    }\n    trades {\n      time\n      side\n      price\n      qty\n      fee\n    }\n    tradesTruncated\n    monteCarlo {\n      trades {\n        ...MonteCarloBandsFields\n      }\n      blocks {\n        ...MonteCarloBandsFields\n      }\n    }\n    walkForward {\n      outOfSampleReturn\n      meanTrainReturn\n      meanTestReturn\n      efficiency\n      windows {\n        trainStart\n        testStart\n        testEnd\n        params\n        trainReturn\n        testReturn\n        testTrades\n        testMaxDrawdown\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment BacktestJobFields on BacktestJob {\n    id\n    status\n    progress\n    etaSeconds\n    error\n    input\n    metrics {\n      totalReturn\n      cagr\n      sharpe\n      sortino\n      maxDrawdown\n      winRate\n      profitFactor\n      trades\n      roundTrips\n      feesPaid\n      finalEquity\n    }\n    equityCurve {\n      time\n      equity\n    }\n    trades {\n      time\n      side\n      price\n      qty\n      fee\n    }\n    tradesTruncated\n    monteCarlo {\n      trades {\n        ...MonteCarloBandsFields\n      }\n      blocks {\n        ...MonteCarloBandsFields\n      }\n    }\n    walkForward {\n      outOfSampleReturn\n      meanTrainReturn\n      meanTestReturn\n      efficiency\n      windows {\n        trainStart\n        testStart\n        testEnd\n        params\n        trainReturn\n        testReturn\n        testTrades\n        testMaxDrawdown\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RunBacktest($input: BacktestInput!) {\n    runBacktest(input: $input) {\n      ...BacktestJobFields\n    }\n  }\n"): (typeof documents)["\n  mutation RunBacktest($input: BacktestInput!) {\n    runBacktest(input: $input) {\n      ...BacktestJobFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Backtest($id: ID!) {\n    backtest(id: $id) {\n      ...BacktestJobFields\n    }\n  }\n"): (typeof documents)["\n  query Backtest($id: ID!) {\n    backtest(id: $id) {\n      ...BacktestJobFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription BacktestProgress($jobId: ID!) {\n    backtestProgress(jobId: $jobId) {\n      jobId\n      status\n      progress\n      etaSeconds\n      error\n    }\n  }\n"): (typeof documents)["\n  subscription BacktestProgress($jobId: ID!) {\n    backtestProgress(jobId: $jobId) {\n      jobId\n      status\n      progress\n      etaSeconds\n      error\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CancelBacktest($id: ID!) {\n    cancelBacktest(id: $id) {\n      id\n      status\n      progress\n    }\n  }\n"): (typeof documents)["\n  mutation CancelBacktest($id: ID!) {\n    cancelBacktest(id: $id) {\n      id\n      status\n      progress\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateBot($id: ID!, $input: UpdateBotInput!) {\n    updateBot(id: $id, input: $input) {\n      ...BotFields\n      params\n      limits {\n        maxPositionNotional\n        maxOrderNotional\n        maxOpenOrders\n        dailyLossLimit\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateBot($id: ID!, $input: UpdateBotInput!) {\n    updateBot(id: $id, input: $input) {\n      ...BotFields\n      params\n      limits {\n        maxPositionNotional\n        maxOrderNotional\n        maxOpenOrders\n        dailyLossLimit\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Backtests($first: Int!, $after: String) {\n    backtests(first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          status\n          progress\n          createdAt\n          finishedAt\n          input\n          error\n          metrics {\n            totalReturn\n            maxDrawdown\n            trades\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query Backtests($first: Int!, $after: String) {\n    backtests(first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          status\n          progress\n          createdAt\n          finishedAt\n          input\n          error\n          metrics {\n            totalReturn\n            maxDrawdown\n            trades\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
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
export function graphql(source: "\n  query MarketVenues {\n    marketVenues {\n      id\n      displayName\n      simulated\n      live\n    }\n  }\n"): (typeof documents)["\n  query MarketVenues {\n    marketVenues {\n      id\n      displayName\n      simulated\n      live\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Markets($venue: String! = \"sim\") {\n    markets(venue: $venue) {\n      venue\n      symbol\n      base\n      quote\n    }\n  }\n"): (typeof documents)["\n  query Markets($venue: String! = \"sim\") {\n    markets(venue: $venue) {\n      venue\n      symbol\n      base\n      quote\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Ticker($symbol: String!, $venue: String! = \"sim\") {\n    ticker(symbol: $symbol, venue: $venue) {\n      ...TickerFields\n    }\n  }\n"): (typeof documents)["\n  query Ticker($symbol: String!, $venue: String! = \"sim\") {\n    ticker(symbol: $symbol, venue: $venue) {\n      ...TickerFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment TickerFields on Ticker {\n    venue\n    symbol\n    bid\n    ask\n    last\n    high24h\n    low24h\n    baseVolume24h\n    changePct24h\n    timestamp\n  }\n"): (typeof documents)["\n  fragment TickerFields on Ticker {\n    venue\n    symbol\n    bid\n    ask\n    last\n    high24h\n    low24h\n    baseVolume24h\n    changePct24h\n    timestamp\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription LiveTicker($symbols: [String!]!, $maxRate: Float!, $venue: String! = \"sim\") {\n    ticker(symbols: $symbols, maxRate: $maxRate, venue: $venue) {\n      ...TickerFields\n    }\n  }\n"): (typeof documents)["\n  subscription LiveTicker($symbols: [String!]!, $maxRate: Float!, $venue: String! = \"sim\") {\n    ticker(symbols: $symbols, maxRate: $maxRate, venue: $venue) {\n      ...TickerFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Timeframes {\n    timeframes\n  }\n"): (typeof documents)["\n  query Timeframes {\n    timeframes\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Candles($symbol: String!, $timeframe: String!, $limit: Int!, $venue: String! = \"sim\") {\n    candles(symbol: $symbol, timeframe: $timeframe, limit: $limit, venue: $venue) {\n      openTime\n      open\n      high\n      low\n      close\n      volume\n      closed\n    }\n  }\n"): (typeof documents)["\n  query Candles($symbol: String!, $timeframe: String!, $limit: Int!, $venue: String! = \"sim\") {\n    candles(symbol: $symbol, timeframe: $timeframe, limit: $limit, venue: $venue) {\n      openTime\n      open\n      high\n      low\n      close\n      volume\n      closed\n    }\n  }\n"];
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
export function graphql(source: "\n  query TradeContext($venue: String! = \"sim\") {\n    markets(venue: $venue) {\n      ...MarketRules\n    }\n    tradingGrants {\n      id\n      accountId\n      symbols\n      maxOrders\n      ordersUsed\n      expiresAt\n      revokedAt\n    }\n    exchangeAccounts {\n      id\n      venue\n      label\n    }\n    balances {\n      accountId\n      venue\n      accountLabel\n      currency\n      free\n      used\n      total\n    }\n  }\n"): (typeof documents)["\n  query TradeContext($venue: String! = \"sim\") {\n    markets(venue: $venue) {\n      ...MarketRules\n    }\n    tradingGrants {\n      id\n      accountId\n      symbols\n      maxOrders\n      ordersUsed\n      expiresAt\n      revokedAt\n    }\n    exchangeAccounts {\n      id\n      venue\n      label\n    }\n    balances {\n      accountId\n      venue\n      accountLabel\n      currency\n      free\n      used\n      total\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription LiveOrderBook($symbol: String!, $depth: Int!, $maxRate: Float!, $venue: String! = \"sim\") {\n    orderBook(symbol: $symbol, depth: $depth, maxRate: $maxRate, venue: $venue) {\n      symbol\n      seq\n      bids {\n        price\n        qty\n      }\n      asks {\n        price\n        qty\n      }\n      spread\n      mid\n      timestamp\n    }\n  }\n"): (typeof documents)["\n  subscription LiveOrderBook($symbol: String!, $depth: Int!, $maxRate: Float!, $venue: String! = \"sim\") {\n    orderBook(symbol: $symbol, depth: $depth, maxRate: $maxRate, venue: $venue) {\n      symbol\n      seq\n      bids {\n        price\n        qty\n      }\n      asks {\n        price\n        qty\n      }\n      spread\n      mid\n      timestamp\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment OrderFields on Order {\n    id\n    accountId\n    venue\n    symbol\n    clientOrderId\n    side\n    type\n    timeInForce\n    qty\n    price\n    triggerPrice\n    filledQty\n    remainingQty\n    avgFillPrice\n    status\n    rejectReason\n    createdAt\n    updatedAt\n  }\n"): (typeof documents)["\n  fragment OrderFields on Order {\n    id\n    accountId\n    venue\n    symbol\n    clientOrderId\n    side\n    type\n    timeInForce\n    qty\n    price\n    triggerPrice\n    filledQty\n    remainingQty\n    avgFillPrice\n    status\n    rejectReason\n    createdAt\n    updatedAt\n  }\n"];
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
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PortfolioFields on Portfolio {\n    quote\n    totalValue\n    dayChange\n    dayChangePct\n    realisedPnl\n    unrealisedPnl\n    unpriced\n    asOf\n    positions {\n      accountId\n      venue\n      symbol\n      qty\n      avgCost\n      mark\n      value\n      realisedPnl\n      unrealisedPnl\n      feesPaid\n    }\n  }\n"): (typeof documents)["\n  fragment PortfolioFields on Portfolio {\n    quote\n    totalValue\n    dayChange\n    dayChangePct\n    realisedPnl\n    unrealisedPnl\n    unpriced\n    asOf\n    positions {\n      accountId\n      venue\n      symbol\n      qty\n      avgCost\n      mark\n      value\n      realisedPnl\n      unrealisedPnl\n      feesPaid\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Home($quote: String! = \"USDT\") {\n    portfolio(quote: $quote) {\n      ...PortfolioFields\n    }\n  }\n"): (typeof documents)["\n  query Home($quote: String! = \"USDT\") {\n    portfolio(quote: $quote) {\n      ...PortfolioFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PlatformStats {\n    platformStats {\n      totalTrades\n      volumeQuote\n      activeTraders\n      copiedCapital\n      computedAt\n    }\n  }\n"): (typeof documents)["\n  query PlatformStats {\n    platformStats {\n      totalTrades\n      volumeQuote\n      activeTraders\n      copiedCapital\n      computedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription LivePnl($quote: String! = \"USDT\", $maxRate: Float! = 2) {\n    livePnl(quote: $quote, maxRate: $maxRate) {\n      ...PortfolioFields\n    }\n  }\n"): (typeof documents)["\n  subscription LivePnl($quote: String! = \"USDT\", $maxRate: Float! = 2) {\n    livePnl(quote: $quote, maxRate: $maxRate) {\n      ...PortfolioFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription MarketTrades($symbol: String!, $last: Int!, $maxRate: Float!, $venue: String! = \"sim\") {\n    trades(symbol: $symbol, last: $last, maxRate: $maxRate, venue: $venue) {\n      symbol\n      trades {\n        id\n        price\n        qty\n        takerSide\n        timestamp\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription MarketTrades($symbol: String!, $last: Int!, $maxRate: Float!, $venue: String! = \"sim\") {\n    trades(symbol: $symbol, last: $last, maxRate: $maxRate, venue: $venue) {\n      symbol\n      trades {\n        id\n        price\n        qty\n        takerSide\n        timestamp\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription LiveCandles($symbol: String!, $timeframe: String!, $last: Int!, $maxRate: Float!, $venue: String! = \"sim\") {\n    candles(symbol: $symbol, timeframe: $timeframe, last: $last, maxRate: $maxRate, venue: $venue) {\n      symbol\n      timeframe\n      candle {\n        openTime\n        open\n        high\n        low\n        close\n        volume\n        closed\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription LiveCandles($symbol: String!, $timeframe: String!, $last: Int!, $maxRate: Float!, $venue: String! = \"sim\") {\n    candles(symbol: $symbol, timeframe: $timeframe, last: $last, maxRate: $maxRate, venue: $venue) {\n      symbol\n      timeframe\n      candle {\n        openTime\n        open\n        high\n        low\n        close\n        volume\n        closed\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RegisterDevice($token: String!, $platform: PushPlatform!, $locale: String!, $timezone: String!, $appVersion: String) {\n    registerDevice(token: $token, platform: $platform, locale: $locale, timezone: $timezone, appVersion: $appVersion) {\n      id\n      platform\n      locale\n    }\n  }\n"): (typeof documents)["\n  mutation RegisterDevice($token: String!, $platform: PushPlatform!, $locale: String!, $timezone: String!, $appVersion: String) {\n    registerDevice(token: $token, platform: $platform, locale: $locale, timezone: $timezone, appVersion: $appVersion) {\n      id\n      platform\n      locale\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UnregisterDevice($token: String!) {\n    unregisterDevice(token: $token)\n  }\n"): (typeof documents)["\n  mutation UnregisterDevice($token: String!) {\n    unregisterDevice(token: $token)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment NotificationFields on Notification {\n    id\n    category\n    title\n    body\n    deepLink\n    createdAt\n    read\n  }\n"): (typeof documents)["\n  fragment NotificationFields on Notification {\n    id\n    category\n    title\n    body\n    deepLink\n    createdAt\n    read\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NotificationsInbox($first: Int!, $after: String, $unreadOnly: Boolean!) {\n    notifications(first: $first, after: $after, unreadOnly: $unreadOnly) {\n      edges {\n        cursor\n        node {\n          ...NotificationFields\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      unreadCount\n    }\n  }\n"): (typeof documents)["\n  query NotificationsInbox($first: Int!, $after: String, $unreadOnly: Boolean!) {\n    notifications(first: $first, after: $after, unreadOnly: $unreadOnly) {\n      edges {\n        cursor\n        node {\n          ...NotificationFields\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      unreadCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UnreadNotificationCount {\n    notifications(first: 1, unreadOnly: true) {\n      unreadCount\n    }\n  }\n"): (typeof documents)["\n  query UnreadNotificationCount {\n    notifications(first: 1, unreadOnly: true) {\n      unreadCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MarkNotificationsRead($ids: [ID!]!) {\n    markNotificationsRead(ids: $ids)\n  }\n"): (typeof documents)["\n  mutation MarkNotificationsRead($ids: [ID!]!) {\n    markNotificationsRead(ids: $ids)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NotificationPreferences {\n    notificationPreferences {\n      categories {\n        category\n        enabled\n        urgent\n      }\n      quietHoursStart\n      quietHoursEnd\n      timezone\n    }\n  }\n"): (typeof documents)["\n  query NotificationPreferences {\n    notificationPreferences {\n      categories {\n        category\n        enabled\n        urgent\n      }\n      quietHoursStart\n      quietHoursEnd\n      timezone\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateNotificationPreferences($input: NotificationPreferencesInput!) {\n    updateNotificationPreferences(input: $input) {\n      categories {\n        category\n        enabled\n        urgent\n      }\n      quietHoursStart\n      quietHoursEnd\n      timezone\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateNotificationPreferences($input: NotificationPreferencesInput!) {\n    updateNotificationPreferences(input: $input) {\n      categories {\n        category\n        enabled\n        urgent\n      }\n      quietHoursStart\n      quietHoursEnd\n      timezone\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NotificationActionPreview($actionToken: String!) {\n    notificationAction(actionToken: $actionToken) {\n      kind\n      actionId\n      notificationId\n      expiresAt\n      needsStepUp\n      summary\n      stepUpAction {\n        kind\n        account\n        venue\n        symbol\n        side\n        type\n        timeInForce\n        qty\n        amount\n        price\n        botId\n      }\n    }\n  }\n"): (typeof documents)["\n  query NotificationActionPreview($actionToken: String!) {\n    notificationAction(actionToken: $actionToken) {\n      kind\n      actionId\n      notificationId\n      expiresAt\n      needsStepUp\n      summary\n      stepUpAction {\n        kind\n        account\n        venue\n        symbol\n        side\n        type\n        timeInForce\n        qty\n        amount\n        price\n        botId\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PerformNotificationAction($actionToken: String!, $stepUp: StepUpAssertionInput) {\n    performNotificationAction(actionToken: $actionToken, stepUp: $stepUp) {\n      kind\n      message\n      deepLink\n      orderId\n      cancelledOrderIds\n    }\n  }\n"): (typeof documents)["\n  mutation PerformNotificationAction($actionToken: String!, $stepUp: StepUpAssertionInput) {\n    performNotificationAction(actionToken: $actionToken, stepUp: $stepUp) {\n      kind\n      message\n      deepLink\n      orderId\n      cancelledOrderIds\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment TraderMetricsFields on TraderMetrics {\n    period\n    days\n    trades\n    roiPct\n    sharpe\n    sortino\n    maxDrawdownPct\n    winRatePct\n    followers\n    copiedCapital\n  }\n"): (typeof documents)["\n  fragment TraderMetricsFields on TraderMetrics {\n    period\n    days\n    trades\n    roiPct\n    sharpe\n    sortino\n    maxDrawdownPct\n    winRatePct\n    followers\n    copiedCapital\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Leaderboard($period: LeaderboardPeriod!, $metric: LeaderboardMetric!, $first: Int!, $after: String) {\n    leaderboard(period: $period, metric: $metric, first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          rank\n          traderId\n          handle\n          metrics {\n            ...TraderMetricsFields\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query Leaderboard($period: LeaderboardPeriod!, $metric: LeaderboardMetric!, $first: Int!, $after: String) {\n    leaderboard(period: $period, metric: $metric, first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          rank\n          traderId\n          handle\n          metrics {\n            ...TraderMetricsFields\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TraderProfile($handle: String!) {\n    traderProfile(handle: $handle) {\n      traderId\n      handle\n      bio\n      avatarUrl\n      styleTags\n      verifiedSince\n      verifiedAccounts {\n        venue\n        label\n      }\n      equityCurve {\n        day\n        returnPct\n      }\n      metrics {\n        ...TraderMetricsFields\n      }\n      bots {\n        id\n        name\n        kind\n        symbol\n        state\n        returnPct\n        realisedPnl\n      }\n    }\n  }\n"): (typeof documents)["\n  query TraderProfile($handle: String!) {\n    traderProfile(handle: $handle) {\n      traderId\n      handle\n      bio\n      avatarUrl\n      styleTags\n      verifiedSince\n      verifiedAccounts {\n        venue\n        label\n      }\n      equityCurve {\n        day\n        returnPct\n      }\n      metrics {\n        ...TraderMetricsFields\n      }\n      bots {\n        id\n        name\n        kind\n        symbol\n        state\n        returnPct\n        realisedPnl\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment FollowFields on Follow {\n    id\n    traderId\n    accountId\n    allocation\n    sizing\n    ratio\n    fixedAmount\n    maxPerTrade\n    slippageGuardPct\n    copyOpenPositions\n    stopLossPct\n    active\n    startedAt\n    copyPnl\n  }\n"): (typeof documents)["\n  fragment FollowFields on Follow {\n    id\n    traderId\n    accountId\n    allocation\n    sizing\n    ratio\n    fixedAmount\n    maxPerTrade\n    slippageGuardPct\n    copyOpenPositions\n    stopLossPct\n    active\n    startedAt\n    copyPnl\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Following {\n    following {\n      ...FollowFields\n    }\n  }\n"): (typeof documents)["\n  query Following {\n    following {\n      ...FollowFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CopyAccounts {\n    exchangeAccounts {\n      id\n      venue\n      label\n    }\n  }\n"): (typeof documents)["\n  query CopyAccounts {\n    exchangeAccounts {\n      id\n      venue\n      label\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation FollowTrader($input: FollowTraderInput!, $stepUp: StepUpAssertionInput) {\n    followTrader(input: $input, stepUp: $stepUp) {\n      ...FollowFields\n    }\n  }\n"): (typeof documents)["\n  mutation FollowTrader($input: FollowTraderInput!, $stepUp: StepUpAssertionInput) {\n    followTrader(input: $input, stepUp: $stepUp) {\n      ...FollowFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateFollow($input: UpdateFollowInput!, $stepUp: StepUpAssertionInput) {\n    updateFollow(input: $input, stepUp: $stepUp) {\n      ...FollowFields\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateFollow($input: UpdateFollowInput!, $stepUp: StepUpAssertionInput) {\n    updateFollow(input: $input, stepUp: $stepUp) {\n      ...FollowFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UnfollowTrader($traderId: ID!, $closePositions: Boolean!) {\n    unfollowTrader(traderId: $traderId, closePositions: $closePositions) {\n      traderId\n      closingOrders {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation UnfollowTrader($traderId: ID!, $closePositions: Boolean!) {\n    unfollowTrader(traderId: $traderId, closePositions: $closePositions) {\n      traderId\n      closingOrders {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription CopySkippedLive {\n    copySkipped {\n      leaderFillId\n      traderId\n      symbol\n      side\n      skipReason\n    }\n  }\n"): (typeof documents)["\n  subscription CopySkippedLive {\n    copySkipped {\n      leaderFillId\n      traderId\n      symbol\n      side\n      skipReason\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ListingFields on StrategyListing {\n    id\n    creatorId\n    sourceKind\n    title\n    description\n    pricing\n    monthlyPrice\n    performanceFeePct\n    rating\n    reviewCount\n    createdAt\n  }\n"): (typeof documents)["\n  fragment ListingFields on StrategyListing {\n    id\n    creatorId\n    sourceKind\n    title\n    description\n    pricing\n    monthlyPrice\n    performanceFeePct\n    rating\n    reviewCount\n    createdAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Marketplace($pricing: StrategyPricing, $first: Int!, $after: String) {\n    marketplace(pricing: $pricing, first: $first, after: $after) {\n      listings {\n        ...ListingFields\n      }\n      hasNextPage\n      endCursor\n    }\n    strategySubscriptions {\n      id\n      listingId\n      accountId\n      allocation\n      active\n      createdAt\n    }\n  }\n"): (typeof documents)["\n  query Marketplace($pricing: StrategyPricing, $first: Int!, $after: String) {\n    marketplace(pricing: $pricing, first: $first, after: $after) {\n      listings {\n        ...ListingFields\n      }\n      hasNextPage\n      endCursor\n    }\n    strategySubscriptions {\n      id\n      listingId\n      accountId\n      allocation\n      active\n      createdAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SubscribeToStrategy($listingId: ID!, $accountId: ID!, $allocation: Decimal!, $stepUp: StepUpAssertionInput) {\n    subscribeToStrategy(listingId: $listingId, accountId: $accountId, allocation: $allocation, stepUp: $stepUp) {\n      id\n      listingId\n      accountId\n      allocation\n      active\n      createdAt\n    }\n  }\n"): (typeof documents)["\n  mutation SubscribeToStrategy($listingId: ID!, $accountId: ID!, $allocation: Decimal!, $stepUp: StepUpAssertionInput) {\n    subscribeToStrategy(listingId: $listingId, accountId: $accountId, allocation: $allocation, stepUp: $stepUp) {\n      id\n      listingId\n      accountId\n      allocation\n      active\n      createdAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CancelStrategySubscription($id: ID!) {\n    cancelSubscription(id: $id) {\n      id\n      listingId\n      accountId\n      allocation\n      active\n      createdAt\n    }\n  }\n"): (typeof documents)["\n  mutation CancelStrategySubscription($id: ID!) {\n    cancelSubscription(id: $id) {\n      id\n      listingId\n      accountId\n      allocation\n      active\n      createdAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PostFields on Post {\n    id\n    authorId\n    authorHandle\n    kind\n    body\n    listingId\n    trade {\n      symbol\n      side\n      price\n      qty\n    }\n    backtest {\n      backtestId\n      simulated\n      symbol\n      strategy\n      templateId\n      timeframe\n      periodStart\n      periodEnd\n      totalReturn\n      maxDrawdown\n      sharpe\n      trades\n    }\n    likes\n    commentCount\n    likedByMe\n    createdAt\n  }\n"): (typeof documents)["\n  fragment PostFields on Post {\n    id\n    authorId\n    authorHandle\n    kind\n    body\n    listingId\n    trade {\n      symbol\n      side\n      price\n      qty\n    }\n    backtest {\n      backtestId\n      simulated\n      symbol\n      strategy\n      templateId\n      timeframe\n      periodStart\n      periodEnd\n      totalReturn\n      maxDrawdown\n      sharpe\n      trades\n    }\n    likes\n    commentCount\n    likedByMe\n    createdAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Feed($first: Int!, $after: String) {\n    feed(first: $first, after: $after) {\n      posts {\n        ...PostFields\n      }\n      hasNextPage\n      endCursor\n    }\n  }\n"): (typeof documents)["\n  query Feed($first: Int!, $after: String) {\n    feed(first: $first, after: $after) {\n      posts {\n        ...PostFields\n      }\n      hasNextPage\n      endCursor\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription LiveFeed {\n    feed {\n      ...PostFields\n    }\n  }\n"): (typeof documents)["\n  subscription LiveFeed {\n    feed {\n      ...PostFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreatePost($input: CreatePostInput!) {\n    createPost(input: $input) {\n      ...PostFields\n    }\n  }\n"): (typeof documents)["\n  mutation CreatePost($input: CreatePostInput!) {\n    createPost(input: $input) {\n      ...PostFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LikePost($postId: ID!, $liked: Boolean!) {\n    likePost(postId: $postId, liked: $liked) {\n      ...PostFields\n    }\n  }\n"): (typeof documents)["\n  mutation LikePost($postId: ID!, $liked: Boolean!) {\n    likePost(postId: $postId, liked: $liked) {\n      ...PostFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CommentOnPost($postId: ID!, $body: String!) {\n    commentOnPost(postId: $postId, body: $body) {\n      ...PostFields\n    }\n  }\n"): (typeof documents)["\n  mutation CommentOnPost($postId: ID!, $body: String!) {\n    commentOnPost(postId: $postId, body: $body) {\n      ...PostFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PostComments($postId: ID!, $first: Int!) {\n    postComments(postId: $postId, first: $first) {\n      id\n      authorId\n      authorHandle\n      body\n      createdAt\n    }\n  }\n"): (typeof documents)["\n  query PostComments($postId: ID!, $first: Int!) {\n    postComments(postId: $postId, first: $first) {\n      id\n      authorId\n      authorHandle\n      body\n      createdAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyTraderProfile {\n    myTraderProfile {\n      handle\n      bio\n      avatarUrl\n      hasAvatar\n      styleTags\n      publicAccountIds\n      showBalances\n    }\n    exchangeAccounts {\n      id\n      label\n      venue\n    }\n  }\n"): (typeof documents)["\n  query MyTraderProfile {\n    myTraderProfile {\n      handle\n      bio\n      avatarUrl\n      hasAvatar\n      styleTags\n      publicAccountIds\n      showBalances\n    }\n    exchangeAccounts {\n      id\n      label\n      venue\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpsertTraderProfile($input: TraderProfileInput!) {\n    upsertTraderProfile(input: $input) {\n      handle\n      bio\n      avatarUrl\n      styleTags\n      publicAccountIds\n      showBalances\n    }\n  }\n"): (typeof documents)["\n  mutation UpsertTraderProfile($input: TraderProfileInput!) {\n    upsertTraderProfile(input: $input) {\n      handle\n      bio\n      avatarUrl\n      styleTags\n      publicAccountIds\n      showBalances\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetAvatar($image: String!) {\n    setAvatar(image: $image) {\n      handle\n      avatarUrl\n      hasAvatar\n    }\n  }\n"): (typeof documents)["\n  mutation SetAvatar($image: String!) {\n    setAvatar(image: $image) {\n      handle\n      avatarUrl\n      hasAvatar\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RemoveAvatar {\n    removeAvatar {\n      handle\n      avatarUrl\n      hasAvatar\n    }\n  }\n"): (typeof documents)["\n  mutation RemoveAvatar {\n    removeAvatar {\n      handle\n      avatarUrl\n      hasAvatar\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BotProfileVisibility($id: ID!) {\n    bot(id: $id) {\n      id\n      showOnProfile\n    }\n    myTraderProfile {\n      handle\n    }\n  }\n"): (typeof documents)["\n  query BotProfileVisibility($id: ID!) {\n    bot(id: $id) {\n      id\n      showOnProfile\n    }\n    myTraderProfile {\n      handle\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetBotProfileVisibility($botId: ID!, $visible: Boolean!) {\n    setBotProfileVisibility(botId: $botId, visible: $visible) {\n      id\n      showOnProfile\n    }\n  }\n"): (typeof documents)["\n  mutation SetBotProfileVisibility($botId: ID!, $visible: Boolean!) {\n    setBotProfileVisibility(botId: $botId, visible: $visible) {\n      id\n      showOnProfile\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PublishSources {\n    bots {\n      id\n      name\n      symbol\n    }\n    botTemplates {\n      id\n      name\n      symbol\n    }\n  }\n"): (typeof documents)["\n  query PublishSources {\n    bots {\n      id\n      name\n      symbol\n    }\n    botTemplates {\n      id\n      name\n      symbol\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PublishStrategy($input: PublishStrategyInput!) {\n    publishStrategy(input: $input) {\n      ...ListingFields\n    }\n  }\n"): (typeof documents)["\n  mutation PublishStrategy($input: PublishStrategyInput!) {\n    publishStrategy(input: $input) {\n      ...ListingFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReviewStrategy($listingId: ID!, $rating: Int!, $text: String!) {\n    reviewStrategy(listingId: $listingId, rating: $rating, text: $text) {\n      ...ListingFields\n    }\n  }\n"): (typeof documents)["\n  mutation ReviewStrategy($listingId: ID!, $rating: Int!, $text: String!) {\n    reviewStrategy(listingId: $listingId, rating: $rating, text: $text) {\n      ...ListingFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReportPost($postId: ID!, $reason: String!) {\n    reportPost(postId: $postId, reason: $reason)\n  }\n"): (typeof documents)["\n  mutation ReportPost($postId: ID!, $reason: String!) {\n    reportPost(postId: $postId, reason: $reason)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation BlockUser($userId: ID!, $block: Boolean!) {\n    blockUser(userId: $userId, block: $block)\n  }\n"): (typeof documents)["\n  mutation BlockUser($userId: ID!, $block: Boolean!) {\n    blockUser(userId: $userId, block: $block)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WidgetTokens {\n    widgetTokens {\n      id\n      label\n      createdAt\n      expiresAt\n    }\n  }\n"): (typeof documents)["\n  query WidgetTokens {\n    widgetTokens {\n      id\n      label\n      createdAt\n      expiresAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateWidgetToken($label: String!) {\n    createWidgetToken(label: $label) {\n      token\n      widgetToken {\n        id\n        label\n        createdAt\n        expiresAt\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateWidgetToken($label: String!) {\n    createWidgetToken(label: $label) {\n      token\n      widgetToken {\n        id\n        label\n        createdAt\n        expiresAt\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeWidgetToken($id: ID!) {\n    revokeWidgetToken(id: $id)\n  }\n"): (typeof documents)["\n  mutation RevokeWidgetToken($id: ID!) {\n    revokeWidgetToken(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment WatchlistFields on Watchlist {\n    isDefault\n    maxEntries\n    entries {\n      venue\n      symbol\n    }\n  }\n"): (typeof documents)["\n  fragment WatchlistFields on Watchlist {\n    isDefault\n    maxEntries\n    entries {\n      venue\n      symbol\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Watchlist {\n    watchlist {\n      ...WatchlistFields\n    }\n  }\n"): (typeof documents)["\n  query Watchlist {\n    watchlist {\n      ...WatchlistFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddToWatchlist($venue: String!, $symbol: String!) {\n    addToWatchlist(venue: $venue, symbol: $symbol) {\n      ...WatchlistFields\n    }\n  }\n"): (typeof documents)["\n  mutation AddToWatchlist($venue: String!, $symbol: String!) {\n    addToWatchlist(venue: $venue, symbol: $symbol) {\n      ...WatchlistFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RemoveFromWatchlist($venue: String!, $symbol: String!) {\n    removeFromWatchlist(venue: $venue, symbol: $symbol) {\n      ...WatchlistFields\n    }\n  }\n"): (typeof documents)["\n  mutation RemoveFromWatchlist($venue: String!, $symbol: String!) {\n    removeFromWatchlist(venue: $venue, symbol: $symbol) {\n      ...WatchlistFields\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;