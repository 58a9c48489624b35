import { graphql } from '../gql';

export const TraderMetricsFragment = graphql(`
  fragment TraderMetricsFields on TraderMetrics {
    period
    days
    trades
    roiPct
    sharpe
    sortino
    maxDrawdownPct
    winRatePct
    followers
    copiedCapital
  }
`);

export const LeaderboardQuery = graphql(`
  query Leaderboard($period: LeaderboardPeriod!, $metric: LeaderboardMetric!, $first: Int!, $after: String) {
    leaderboard(period: $period, metric: $metric, first: $first, after: $after) {
      edges {
        cursor
        node {
          rank
          traderId
          handle
          metrics {
            ...TraderMetricsFields
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

export const TraderProfileQuery = graphql(`
  query TraderProfile($handle: String!) {
    traderProfile(handle: $handle) {
      traderId
      handle
      bio
      avatarUrl
      styleTags
      verifiedSince
      verifiedAccounts {
        venue
        label
      }
      equityCurve {
        day
        returnPct
      }
      metrics {
        ...TraderMetricsFields
      }
      bots {
        id
        name
        kind
        symbol
        state
        returnPct
        realisedPnl
      }
    }
  }
`);

export const FollowFieldsFragment = graphql(`
  fragment FollowFields on Follow {
    id
    traderId
    accountId
    allocation
    sizing
    ratio
    fixedAmount
    maxPerTrade
    slippageGuardPct
    copyOpenPositions
    stopLossPct
    active
    startedAt
    copyPnl
  }
`);

export const FollowingQuery = graphql(`
  query Following {
    following {
      ...FollowFields
    }
  }
`);

export const CopyAccountsQuery = graphql(`
  query CopyAccounts {
    exchangeAccounts {
      id
      venue
      label
    }
  }
`);

export const FollowTraderMutation = graphql(`
  mutation FollowTrader($input: FollowTraderInput!, $stepUp: StepUpAssertionInput) {
    followTrader(input: $input, stepUp: $stepUp) {
      ...FollowFields
    }
  }
`);

export const UpdateFollowMutation = graphql(`
  mutation UpdateFollow($input: UpdateFollowInput!, $stepUp: StepUpAssertionInput) {
    updateFollow(input: $input, stepUp: $stepUp) {
      ...FollowFields
    }
  }
`);

export const UnfollowTraderMutation = graphql(`
  mutation UnfollowTrader($traderId: ID!, $closePositions: Boolean!) {
    unfollowTrader(traderId: $traderId, closePositions: $closePositions) {
      traderId
      closingOrders {
        id
      }
    }
  }
`);

export const CopySkippedSubscription = graphql(`
  subscription CopySkippedLive {
    copySkipped {
      leaderFillId
      traderId
      symbol
      side
      skipReason
    }
  }
`);

export const ListingFieldsFragment = graphql(`
  fragment ListingFields on StrategyListing {
    id
    creatorId
    sourceKind
    title
    description
    pricing
    monthlyPrice
    performanceFeePct
    rating
    reviewCount
    createdAt
  }
`);

export const MarketplaceQuery = graphql(`
  query Marketplace($pricing: StrategyPricing, $first: Int!, $after: String) {
    marketplace(pricing: $pricing, first: $first, after: $after) {
      listings {
        ...ListingFields
      }
      hasNextPage
      endCursor
    }
    strategySubscriptions {
      id
      listingId
      accountId
      allocation
      active
      createdAt
    }
  }
`);

export const SubscribeToStrategyMutation = graphql(`
  mutation SubscribeToStrategy($listingId: ID!, $accountId: ID!, $allocation: Decimal!, $stepUp: StepUpAssertionInput) {
    subscribeToStrategy(listingId: $listingId, accountId: $accountId, allocation: $allocation, stepUp: $stepUp) {
      id
      listingId
      accountId
      allocation
      active
      createdAt
    }
  }
`);

export const CancelSubscriptionMutation = graphql(`
  mutation CancelStrategySubscription($id: ID!) {
    cancelSubscription(id: $id) {
      id
      listingId
      accountId
      allocation
      active
      createdAt
    }
  }
`);

export const PostFieldsFragment = graphql(`
  fragment PostFields on Post {
    id
    authorId
    authorHandle
    kind
    body
    listingId
    trade {
      symbol
      side
      price
      qty
    }
    backtest {
      backtestId
      simulated
      symbol
      strategy
      templateId
      timeframe
      periodStart
      periodEnd
      totalReturn
      maxDrawdown
      sharpe
      trades
    }
    likes
    commentCount
    likedByMe
    createdAt
  }
`);

export const FeedQuery = graphql(`
  query Feed($first: Int!, $after: String) {
    feed(first: $first, after: $after) {
      posts {
        ...PostFields
      }
      hasNextPage
      endCursor
    }
  }
`);

export const FeedSubscription = graphql(`
  subscription LiveFeed {
    feed {
      ...PostFields
    }
  }
`);

export const CreatePostMutation = graphql(`
  mutation CreatePost($input: CreatePostInput!) {
    createPost(input: $input) {
      ...PostFields
    }
  }
`);

export const LikePostMutation = graphql(`
  mutation LikePost($postId: ID!, $liked: Boolean!) {
    likePost(postId: $postId, liked: $liked) {
      ...PostFields
    }
  }
`);

export const CommentOnPostMutation = graphql(`
  mutation CommentOnPost($postId: ID!, $body: String!) {
    commentOnPost(postId: $postId, body: $body) {
      ...PostFields
    }
  }
`);

export const PostCommentsQuery = graphql(`
  query PostComments($postId: ID!, $first: Int!) {
    postComments(postId: $postId, first: $first) {
      id
      authorId
      authorHandle
      body
      createdAt
    }
  }
`);

export const MyTraderProfileQuery = graphql(`
  query MyTraderProfile {
    myTraderProfile {
      handle
      bio
      avatarUrl
      hasAvatar
      styleTags
      publicAccountIds
      showBalances
    }
    exchangeAccounts {
      id
      label
      venue
    }
  }
`);

export const UpsertTraderProfileMutation = graphql(`
  mutation UpsertTraderProfile($input: TraderProfileInput!) {
    upsertTraderProfile(input: $input) {
      handle
      bio
      avatarUrl
      styleTags
      publicAccountIds
      showBalances
    }
  }
`);

export const SetAvatarMutation = graphql(`
  mutation SetAvatar($image: String!) {
    setAvatar(image: $image) {
      handle
      avatarUrl
      hasAvatar
    }
  }
`);

export const RemoveAvatarMutation = graphql(`
  mutation RemoveAvatar {
    removeAvatar {
      handle
      avatarUrl
      hasAvatar
    }
  }
`);

export const BotProfileVisibilityQuery = graphql(`
  query BotProfileVisibility($id: ID!) {
    bot(id: $id) {
      id
      showOnProfile
    }
    myTraderProfile {
      handle
    }
  }
`);

export const SetBotProfileVisibilityMutation = graphql(`
  mutation SetBotProfileVisibility($botId: ID!, $visible: Boolean!) {
    setBotProfileVisibility(botId: $botId, visible: $visible) {
      id
      showOnProfile
    }
  }
`);

export const PublishSourcesQuery = graphql(`
  query PublishSources {
    bots {
      id
      name
      symbol
    }
    botTemplates {
      id
      name
      symbol
    }
  }
`);

export const PublishStrategyMutation = graphql(`
  mutation PublishStrategy($input: PublishStrategyInput!) {
    publishStrategy(input: $input) {
      ...ListingFields
    }
  }
`);

export const ReviewStrategyMutation = graphql(`
  mutation ReviewStrategy($listingId: ID!, $rating: Int!, $text: String!) {
    reviewStrategy(listingId: $listingId, rating: $rating, text: $text) {
      ...ListingFields
    }
  }
`);

export const ReportPostMutation = graphql(`
  mutation ReportPost($postId: ID!, $reason: String!) {
    reportPost(postId: $postId, reason: $reason)
  }
`);

export const BlockUserMutation = graphql(`
  mutation BlockUser($userId: ID!, $block: Boolean!) {
    blockUser(userId: $userId, block: $block)
  }
`);
