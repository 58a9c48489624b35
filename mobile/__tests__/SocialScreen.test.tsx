import { act, fireEvent, screen } from '@testing-library/react-native';
import * as Passkeys from 'react-native-passkeys';
import { makeSubject } from 'wonka';
import SocialScreen from '../src/screens/SocialScreen';
import { LEADERBOARD_PAGE } from '../src/components/social/LeaderboardSection';
import { FEED_PAGE } from '../src/components/social/FeedSection';
import { MARKET_PAGE } from '../src/components/social/MarketplaceSection';
import { calls, data, gqlError, mockClient, networkError, once, pending, renderWith, type Handler } from './helpers';
import { mockRouter } from './routerMock';
import { challengeOptions } from './tradeFixtures';
import { accounts, follow, leader, listing, post } from './socialFixtures';

jest.mock('expo-router', () => ({
  useRouter: () => require('./routerMock').mockRouter,
  Stack: { Screen: () => null },
}));

const get = Passkeys.get as jest.Mock;

/** The Social tab always subscribes to the live feed and skipped copies (quiet unless a test drives them). */
const socialClient = (handlers: Record<string, Handler>) => mockClient({ LiveFeed: pending(), CopySkippedLive: pending(), ...handlers });
afterEach(() => jest.clearAllMocks());

const leaders: Handler = (v) =>
  once({
    data: {
      leaderboard: v.after
        ? { edges: [{ cursor: 'c3', node: leader(3, 'carol') }], pageInfo: { hasNextPage: false, endCursor: 'c3' } }
        : {
            edges: [
              { cursor: 'c1', node: leader(1, 'alice', { roiPct: 31.2 }) },
              { cursor: 'c2', node: leader(2, 'bob', { roiPct: 20 }) },
            ],
            pageInfo: { hasNextPage: true, endCursor: 'c2' },
          },
    },
  });

const challenge = (summary: string) => data({ stepUpChallenge: { optionsJson: challengeOptions, summary, expiresAt: '2026-12-07T04:00:00Z' } });

async function openSection(name: string) {
  await fireEvent.press(screen.getByTestId(`section-${name}`));
}

test('leaderboard: period and metric change the query, cursor pages, a row opens the profile', async () => {
  const { client, run } = socialClient({ Leaderboard: leaders });
  await renderWith(<SocialScreen />, client);
  expect(await screen.findByTestId('leader-t-alice')).toHaveTextContent(/@alice/);
  expect(calls(run, 'Leaderboard')[0][0].variables).toEqual({ period: 'D30', metric: 'ROI', first: LEADERBOARD_PAGE, after: null });
  expect(screen.getByTestId('leader-value-t-alice')).toHaveTextContent('+31.20 %');

  await fireEvent.press(screen.getByTestId('leaders-more'));
  expect(calls(run, 'Leaderboard')[1][0].variables).toMatchObject({ after: 'c2' });
  expect(await screen.findByTestId('leader-t-carol')).toBeTruthy();

  await fireEvent.press(screen.getByTestId('period-D7'));
  await fireEvent.press(screen.getByTestId('metric-MAX_DRAWDOWN'));
  expect(calls(run, 'Leaderboard').at(-1)?.[0].variables).toEqual({ period: 'D7', metric: 'MAX_DRAWDOWN', first: LEADERBOARD_PAGE, after: null });
  expect(screen.getByTestId('period-D7').props.accessibilityState).toMatchObject({ selected: true });
  expect(await screen.findByTestId('leader-value-t-alice')).toHaveTextContent('6.25 %');

  await fireEvent.press(screen.getByTestId('leader-t-bob'));
  expect(mockRouter.push).toHaveBeenCalledWith('/traders/bob');
});

test('leaderboard loading, empty and error states', async () => {
  const loading = socialClient({ Leaderboard: pending() });
  const v1 = await renderWith(<SocialScreen />, loading.client);
  expect(screen.getByTestId('loading')).toBeTruthy();
  await v1.unmount();
  const empty = socialClient({ Leaderboard: data({ leaderboard: { edges: [], pageInfo: { hasNextPage: false, endCursor: null } } }) });
  const v2 = await renderWith(<SocialScreen />, empty.client);
  expect(await screen.findByText(/No trader has enough history/)).toBeTruthy();
  await v2.unmount();
  const failing = socialClient({ Leaderboard: networkError() });
  await renderWith(<SocialScreen />, failing.client);
  expect(await screen.findByTestId('error')).toBeTruthy();
});

test('following: copy P&L, lower allocation without step-up, unfollow with close positions', async () => {
  const skipped = makeSubject<unknown>();
  const { client, run } = socialClient({
    Following: data({ following: [follow('t-alice'), follow('t-bob', { copyPnl: '-3.2' })] }),
    CopySkippedLive: () => skipped.source,
    UpdateFollow: data({ updateFollow: follow('t-alice', { allocation: '500' }) }),
    UnfollowTrader: data({ unfollowTrader: { traderId: 't-bob', closingOrders: [{ id: 'o-1' }, { id: 'o-2' }] } }),
  });
  await renderWith(<SocialScreen initial="following" />, client);
  expect(await screen.findByTestId('copy-pnl-t-alice')).toHaveTextContent('Copy P&L 42.5 USDT');
  expect(screen.getByTestId('copy-pnl-t-bob')).toHaveTextContent('Copy P&L -3.2 USDT');

  await act(async () => {
    skipped.next({ data: { copySkipped: { leaderFillId: 'lf-1', traderId: 't-alice', symbol: 'BTC/USDT', side: 'buy', skipReason: 'slippage' } } });
  });
  expect(screen.getByTestId('skipped-lf-1')).toHaveTextContent(/BTC\/USDT — price moved too far/);

  await fireEvent.press(screen.getByTestId('edit-t-alice'));
  await fireEvent.changeText(screen.getByTestId('allocation-t-alice'), '500');
  await fireEvent.press(screen.getByTestId('save-allocation-t-alice'));
  expect(calls(run, 'UpdateFollow')[0][0].variables).toEqual({ input: { traderId: 't-alice', allocation: '500' }, stepUp: null });

  await fireEvent.press(screen.getByTestId('unfollow-t-bob'));
  await fireEvent(screen.getByTestId('close-positions-t-bob'), 'change', { nativeEvent: { value: true } });
  await fireEvent.press(screen.getByTestId('confirm-unfollow-t-bob'));
  expect(calls(run, 'UnfollowTrader')[0][0].variables).toEqual({ traderId: 't-bob', closePositions: true });
  expect(screen.getByText('Stopped copying (2 closing orders).')).toBeTruthy();
});

test('following: a higher allocation needs a step-up {increaseAllocation, traderId, amount}', async () => {
  const { client, run } = socialClient({
    Following: data({ following: [follow('t-alice')] }),
    CopySkippedLive: pending(),
    StepUpChallenge: challenge('Copy alice with 2,000 USDT'),
    UpdateFollow: data({ updateFollow: follow('t-alice', { allocation: '2000' }) }),
  });
  await renderWith(<SocialScreen initial="following" />, client);
  await fireEvent.press(await screen.findByTestId('edit-t-alice'));
  await fireEvent.changeText(screen.getByTestId('allocation-t-alice'), '2000');
  await fireEvent.press(screen.getByTestId('save-allocation-t-alice'));
  expect(calls(run, 'StepUpChallenge')[0][0].variables).toEqual({ action: { kind: 'increaseAllocation', traderId: 't-alice', amount: '2000' } });
  expect(screen.getByTestId('confirm-summary')).toHaveTextContent('Copy alice with 2,000 USDT');
  get.mockResolvedValueOnce({ id: 'pk-1' });
  await fireEvent.press(screen.getByTestId('confirm-passkey'));
  expect(calls(run, 'UpdateFollow')[0][0].variables).toEqual({ input: { traderId: 't-alice', allocation: '2000' }, stepUp: { credential: JSON.stringify({ id: 'pk-1' }) } });
});

test('marketplace: subscribing (paid or free: it starts a bot copy) needs a step-up bound to the listing', async () => {
  const { client, run } = socialClient({
    Marketplace: data({
      marketplace: { listings: [listing('l-1', { pricing: 'MONTHLY', monthlyPrice: '19.99' }), listing('l-2')], hasNextPage: false, endCursor: null },
      strategySubscriptions: [],
    }),
    CopyAccounts: data(accounts),
    StepUpChallenge: challenge('Subscribe to Grid l-1 for 19.99 USDT a month'),
    SubscribeToStrategy: data({ subscribeToStrategy: { id: 's-1', listingId: 'l-1', accountId: 'acc-1', allocation: '300', active: true, createdAt: '2026-12-07T03:00:00Z' } }),
  });
  await renderWith(<SocialScreen initial="marketplace" />, client);
  expect(await screen.findByTestId('listing-l-1')).toHaveTextContent(/19.99 USDT per month · 4.5★ \(8 reviews\)/);
  await fireEvent.press(screen.getByTestId('details-l-1'));
  await fireEvent.press(screen.getByTestId('subscribe-l-1'));
  expect(screen.getByText(/Enter a positive amount/)).toBeTruthy();
  expect(calls(run, 'StepUpChallenge')).toHaveLength(0);

  await fireEvent.changeText(screen.getByTestId('sub-allocation-l-1'), '300');
  await fireEvent.press(screen.getByTestId('subscribe-l-1'));
  expect(calls(run, 'StepUpChallenge')[0][0].variables).toEqual({ action: { kind: 'subscribeStrategy', strategyId: 'l-1' } });
  expect(screen.getByTestId('confirm-summary')).toHaveTextContent('Subscribe to Grid l-1 for 19.99 USDT a month');
  get.mockResolvedValueOnce({ id: 'pk-1' });
  await fireEvent.press(screen.getByTestId('confirm-passkey'));
  expect(calls(run, 'SubscribeToStrategy')[0][0].variables).toEqual({
    listingId: 'l-1',
    accountId: 'acc-1',
    allocation: '300',
    stepUp: { credential: JSON.stringify({ id: 'pk-1' }) },
  });
  expect(screen.getByTestId('listing-notice')).toHaveTextContent('Subscribed.');

  await fireEvent.press(screen.getByTestId('details-l-2'));
  await fireEvent.changeText(screen.getByTestId('sub-allocation-l-2'), '100');
  await fireEvent.press(screen.getByTestId('subscribe-l-2'));
  expect(calls(run, 'StepUpChallenge')[1][0].variables).toEqual({ action: { kind: 'subscribeStrategy', strategyId: 'l-2' } });
  get.mockResolvedValueOnce({ id: 'pk-2' });
  await fireEvent.press(screen.getByTestId('confirm-passkey'));
  expect(calls(run, 'SubscribeToStrategy')[1][0].variables).toEqual({
    listingId: 'l-2',
    accountId: 'acc-1',
    allocation: '100',
    stepUp: { credential: JSON.stringify({ id: 'pk-2' }) },
  });
});

test('marketplace: an active subscription can be cancelled (no step-up); pricing filter queries', async () => {
  const { client, run } = socialClient({
    Marketplace: data({
      marketplace: { listings: [listing('l-1')], hasNextPage: false, endCursor: null },
      strategySubscriptions: [{ __typename: 'StrategySubscription', id: 's-1', listingId: 'l-1', accountId: 'acc-1', allocation: '300', active: true, createdAt: '2026-12-07T03:00:00Z' }],
    }),
    CopyAccounts: data(accounts),
    CancelStrategySubscription: data({ cancelSubscription: { id: 's-1', listingId: 'l-1', accountId: 'acc-1', allocation: '300', active: false, createdAt: '2026-12-07T03:00:00Z' } }),
  });
  await renderWith(<SocialScreen initial="marketplace" />, client);
  expect(await screen.findByTestId('listing-l-1')).toHaveTextContent(/subscribed/);
  await fireEvent.press(screen.getByTestId('details-l-1'));
  await fireEvent.press(screen.getByTestId('cancel-sub-l-1'));
  expect(calls(run, 'CancelStrategySubscription')[0][0].variables).toEqual({ id: 's-1' });
  expect(screen.getByText('Subscription canceled.')).toBeTruthy();
  await fireEvent.press(screen.getByTestId('pricing-PERFORMANCE'));
  expect(calls(run, 'Marketplace').at(-1)?.[0].variables).toEqual({ pricing: 'PERFORMANCE', first: MARKET_PAGE, after: null });
});

test('marketplace: server codes are shown in words', async () => {
  const { client } = socialClient({
    Marketplace: data({ marketplace: { listings: [listing('l-2')], hasNextPage: false, endCursor: null }, strategySubscriptions: [] }),
    CopyAccounts: data(accounts),
    StepUpChallenge: challenge('Subscribe to strategy Grid l-2'),
    SubscribeToStrategy: gqlError('CANNOT_SUBSCRIBE_OWN'),
  });
  await renderWith(<SocialScreen initial="marketplace" />, client);
  await fireEvent.press(await screen.findByTestId('details-l-2'));
  await fireEvent.changeText(screen.getByTestId('sub-allocation-l-2'), '100');
  await fireEvent.press(screen.getByTestId('subscribe-l-2'));
  get.mockResolvedValueOnce({ id: 'pk-3' });
  await fireEvent.press(screen.getByTestId('confirm-passkey'));
  expect(screen.getByText('You cannot subscribe to your own strategy.')).toBeTruthy();
});

test('feed: pages, live posts on top, like, comment and post', async () => {
  const live = makeSubject<unknown>();
  const { client, run } = socialClient({
    Feed: (v) =>
      once({ data: { feed: v.after ? { posts: [post('p-3')], hasNextPage: false, endCursor: 'c3' } : { posts: [post('p-1'), post('p-2')], hasNextPage: true, endCursor: 'c2' } } }),
    LiveFeed: () => live.source,
    LikePost: data({ likePost: post('p-1', { likes: 2, likedByMe: true }) }),
    PostComments: data({ postComments: [{ __typename: 'PostComment', id: 'c-1', authorId: 'u-3', authorHandle: null, body: 'Nice entry', createdAt: '2026-12-07T03:01:00Z' }] }),
    CommentOnPost: data({ commentOnPost: post('p-1', { likes: 2, likedByMe: true, commentCount: 2 }) }),
    CreatePost: data({ createPost: post('p-9', { body: 'Hello followers', authorId: 'me' }) }),
  });
  await renderWith(<SocialScreen initial="feed" />, client);
  expect(await screen.findByTestId('post-p-1')).toHaveTextContent(/Post p-1/);
  expect(calls(run, 'Feed')[0][0].variables).toEqual({ first: FEED_PAGE, after: null });
  await fireEvent.press(screen.getByTestId('feed-more'));
  expect(await screen.findByTestId('post-p-3')).toBeTruthy();

  await act(async () => {
    live.next({ data: { feed: post('p-live', { body: 'Breaking: BTC up', trade: { __typename: 'SharedTrade', symbol: 'BTC/USDT', side: 'buy', price: '65000', qty: '0.1' } }) } });
  });
  const ids = screen.getAllByTestId(/^post-p-/).map((el) => el.props.testID);
  expect(ids[0]).toBe('post-p-live');
  expect(screen.getByTestId('post-p-live')).toHaveTextContent(/Bought 0.1 BTC\/USDT at 65,000/);

  await fireEvent.press(screen.getByTestId('like-p-1'));
  expect(calls(run, 'LikePost')[0][0].variables).toEqual({ postId: 'p-1', liked: true });
  expect(screen.getByTestId('like-p-1')).toHaveTextContent('Liked (2)');

  await fireEvent.press(screen.getByTestId('comments-p-1'));
  expect(await screen.findByTestId('comment-c-1')).toHaveTextContent(/Nice entry/);
  await fireEvent.changeText(screen.getByTestId('comment-input-p-1'), 'Agreed');
  await fireEvent.press(screen.getByTestId('comment-send-p-1'));
  expect(calls(run, 'CommentOnPost')[0][0].variables).toEqual({ postId: 'p-1', body: 'Agreed' });
  expect(screen.getByTestId('comments-p-1')).toHaveTextContent('Comments (2)');

  await fireEvent.changeText(screen.getByTestId('post-input'), '  Hello followers ');
  await fireEvent.press(screen.getByTestId('post-send'));
  expect(calls(run, 'CreatePost')[0][0].variables).toEqual({ input: { kind: 'text', body: 'Hello followers' } });
  expect(screen.getByTestId('post-p-9')).toHaveTextContent(/Hello followers/);
});

test('feed: a rate-limited post says so', async () => {
  const { client } = socialClient({
    Feed: data({ feed: { posts: [], hasNextPage: false, endCursor: null } }),
    LiveFeed: pending(),
    CreatePost: gqlError('RATE_LIMITED'),
  });
  await renderWith(<SocialScreen initial="feed" />, client);
  expect(await screen.findByText(/Your feed is empty/)).toBeTruthy();
  await fireEvent.changeText(screen.getByTestId('post-input'), 'hi');
  await fireEvent.press(screen.getByTestId('post-send'));
  expect(screen.getByRole('alert')).toBeTruthy();
});

test('live posts arriving while another section is open are in the feed when it opens (one subscription for the tab)', async () => {
  const live = makeSubject<unknown>();
  const { client, run } = socialClient({
    Leaderboard: leaders,
    LiveFeed: () => live.source,
    Feed: data({ feed: { posts: [post('p-1')], hasNextPage: false, endCursor: null } }),
  });
  await renderWith(<SocialScreen />, client);
  await screen.findByTestId('leader-t-alice');
  await act(async () => {
    live.next({ data: { feed: post('p-new', { body: 'Fresh idea' }) } });
  });
  await openSection('feed');
  expect(await screen.findByTestId('post-p-new')).toHaveTextContent(/Fresh idea/);
  await openSection('leaderboard');
  await openSection('feed');
  expect(calls(run, 'LiveFeed')).toHaveLength(1);
});
