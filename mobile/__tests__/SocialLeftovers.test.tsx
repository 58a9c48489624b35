/**
 * The Social tab's remaining pieces: your public profile (opt in, handle, bio, tags, public
 * accounts), publishing and reviewing strategies (with the server's refusal codes), marketplace
 * cursor pages, and report/block in the feed.
 */
import { fireEvent, screen } from '@testing-library/react-native';
import SocialScreen from '../src/screens/SocialScreen';
import { MARKET_PAGE } from '../src/components/social/MarketplaceSection';
import { parseTags, profileErrors } from '../src/components/social/ProfileSection';
import { calls, data, gqlError, mockClient, once, pending, renderWith, type Handler } from './helpers';
import { mockRouter } from './routerMock';
import { accounts, listing, post } from './socialFixtures';

jest.mock('expo-router', () => ({
  useRouter: () => require('./routerMock').mockRouter,
  Stack: { Screen: () => null },
}));

const socialClient = (handlers: Record<string, Handler>) => mockClient({ LiveFeed: pending(), CopySkippedLive: pending(), ...handlers });
afterEach(() => jest.clearAllMocks());

const profile = (over: Record<string, unknown> = {}) => ({
  __typename: 'TraderProfile',
  handle: 'alice',
  bio: 'Grid trader',
  avatarUrl: null,
  styleTags: ['grid', 'low-risk'],
  publicAccountIds: ['acc-1'],
  showBalances: false,
  ...over,
});
const twoAccounts = {
  exchangeAccounts: [...accounts.exchangeAccounts, { __typename: 'ExchangeAccount', id: 'acc-2', venue: 'binance', label: 'Main' }],
};
const sub = (listingId: string) => ({ __typename: 'StrategySubscription', id: `s-${listingId}`, listingId, accountId: 'acc-1', allocation: '300', active: true, createdAt: '2026-12-07T03:00:00Z' });

test('tags and handle are checked like the server does', () => {
  expect(parseTags(' Swing, low-risk ,, swing ')).toEqual(['swing', 'low-risk']);
  expect(profileErrors('Alice_1', ['grid'])).toEqual({});
  expect(profileErrors('al', [])).toEqual({ handle: 'social.profile.errors.handle' });
  expect(profileErrors('alice', ['a', 'b', 'c', 'd', 'e', 'f'])).toEqual({ tags: 'social.profile.errors.tags' });
  expect(profileErrors('alice', ['no spaces'])).toEqual({ tags: 'social.profile.errors.tags' });
});

test('profile: nothing is public until you opt in; then handle, bio, tags and the chosen accounts are saved', async () => {
  const { client, run } = socialClient({
    MyTraderProfile: data({ myTraderProfile: null, ...twoAccounts }),
    UpsertTraderProfile: (v) => once({ data: { upsertTraderProfile: profile({ ...(v.input as object) }) } }),
  });
  await renderWith(<SocialScreen initial="profile" />, client);
  expect(await screen.findByTestId('profile-none')).toHaveTextContent(/no public profile/);
  await fireEvent.press(screen.getByTestId('profile-opt-in'));
  await fireEvent.changeText(screen.getByTestId('profile-handle'), 'A');
  await fireEvent.press(screen.getByTestId('profile-save'));
  expect(screen.getByText('A handle is 3 to 30 characters: a–z, 0–9 and _.')).toBeTruthy();
  expect(calls(run, 'UpsertTraderProfile')).toHaveLength(0);

  await fireEvent.changeText(screen.getByTestId('profile-handle'), 'Alice_T');
  await fireEvent.changeText(screen.getByTestId('profile-bio'), ' Patient grids ');
  await fireEvent.changeText(screen.getByTestId('profile-tags'), 'Grid, low-risk');
  await fireEvent.press(screen.getByTestId('profile-account-acc-2'));
  await fireEvent.press(screen.getByTestId('profile-balances'));
  expect(screen.getByTestId('profile-account-acc-2').props.accessibilityState).toMatchObject({ checked: true });
  await fireEvent.press(screen.getByTestId('profile-save'));
  expect(calls(run, 'UpsertTraderProfile')[0][0].variables).toEqual({
    input: { handle: 'alice_t', bio: 'Patient grids', styleTags: ['grid', 'low-risk'], publicAccountIds: ['acc-2'], showBalances: true },
  });
  expect(screen.getByTestId('profile-saved')).toHaveTextContent('Profile saved: @alice_t');
  await fireEvent.press(screen.getByTestId('profile-view'));
  expect(mockRouter.push).toHaveBeenCalledWith('/traders/alice_t');
});

test('profile: an existing profile is edited; a taken handle is said clearly', async () => {
  const { client, run } = socialClient({
    MyTraderProfile: data({ myTraderProfile: profile(), ...twoAccounts }),
    UpsertTraderProfile: gqlError('CONFLICT', 'this handle is taken', { field: 'handle' }),
  });
  await renderWith(<SocialScreen initial="profile" />, client);
  expect(await screen.findByTestId('profile-form')).toBeTruthy();
  expect(screen.getByTestId('profile-handle').props.value).toBe('alice');
  expect(screen.getByTestId('profile-tags').props.value).toBe('grid, low-risk');
  expect(screen.getByTestId('profile-account-acc-1').props.accessibilityState).toMatchObject({ checked: true });
  // Remove acc-1 from the public accounts.
  await fireEvent.press(screen.getByTestId('profile-account-acc-1'));
  await fireEvent.changeText(screen.getByTestId('profile-handle'), 'bob');
  await fireEvent.press(screen.getByTestId('profile-save'));
  expect(calls(run, 'UpsertTraderProfile')[0][0].variables).toMatchObject({ input: { handle: 'bob', publicAccountIds: [] } });
  expect(screen.getByTestId('profile-error')).toHaveTextContent('This handle is taken. Choose another one.');
});

test('publish: one of your bots as a monthly listing; the fee range refusal shows its code', async () => {
  const published = listing('l-new', { title: 'My grid', pricing: 'MONTHLY', monthlyPrice: '9.5' });
  let attempts = 0;
  const { client, run } = socialClient({
    Marketplace: data({ marketplace: { listings: [], hasNextPage: false, endCursor: null }, strategySubscriptions: [] }),
    PublishSources: data({
      bots: [{ __typename: 'Bot', id: 'b-1', name: 'BTC grid', symbol: 'BTC/USDT' }],
      botTemplates: [{ __typename: 'BotTemplate', id: 'grid-btc', name: 'Grid', symbol: 'BTC/USDT' }],
    }),
    PublishStrategy: (v) => {
      attempts += 1;
      return attempts === 1
        ? gqlError('INVALID_FEE', 'fee out of range')(v)
        : once({ data: { publishStrategy: published } });
    },
  });
  await renderWith(<SocialScreen initial="marketplace" />, client);
  await fireEvent.press(await screen.findByTestId('publish-toggle'));
  expect(await screen.findByTestId('publish-source-b-1')).toBeTruthy();
  await fireEvent.press(screen.getByTestId('publish-submit'));
  expect(screen.getByText('Enter a title.')).toBeTruthy();
  await fireEvent.changeText(screen.getByTestId('publish-title'), 'My grid');
  await fireEvent.press(screen.getByTestId('publish-pricing-MONTHLY'));
  await fireEvent.changeText(screen.getByTestId('publish-amount'), '999999');
  await fireEvent.press(screen.getByTestId('publish-submit'));
  expect(calls(run, 'PublishStrategy')[0][0].variables).toEqual({
    input: { sourceKind: 'bot', sourceId: 'b-1', title: 'My grid', description: '', pricing: 'MONTHLY', monthlyPrice: '999999', performanceFeePct: null },
  });
  expect(screen.getByTestId('publish-error')).toHaveTextContent('The fee is outside the allowed range. (INVALID_FEE)');

  await fireEvent.changeText(screen.getByTestId('publish-amount'), '9.5');
  await fireEvent.press(screen.getByTestId('publish-submit'));
  expect(screen.getByTestId('publish-done')).toHaveTextContent('Published: My grid');
  expect(screen.queryByTestId('publish-form')).toBeNull();

  // A template instead of a bot.
  await fireEvent.press(screen.getByTestId('publish-toggle'));
  await fireEvent.press(screen.getByTestId('publish-kind-template'));
  await fireEvent.changeText(screen.getByTestId('publish-title'), 'Template grid');
  await fireEvent.press(screen.getByTestId('publish-submit'));
  expect(calls(run, 'PublishStrategy')[2][0].variables).toMatchObject({ input: { sourceKind: 'template', sourceId: 'grid-btc', pricing: 'FREE', monthlyPrice: null } });
});

test('review: subscribers rate a strategy; before 7 days the refusal code is shown', async () => {
  let attempts = 0;
  const { client, run } = socialClient({
    Marketplace: data({ marketplace: { listings: [listing('l-1'), listing('l-2')], hasNextPage: false, endCursor: null }, strategySubscriptions: [sub('l-1')] }),
    CopyAccounts: data(accounts),
    ReviewStrategy: (v) => {
      attempts += 1;
      return attempts === 1
        ? gqlError('REVIEW_NOT_ALLOWED', 'only after 7 days')(v)
        : once({ data: { reviewStrategy: listing('l-1', { rating: 4, reviewCount: 9 }) } });
    },
  });
  await renderWith(<SocialScreen initial="marketplace" />, client);
  await fireEvent.press(await screen.findByTestId('details-l-2'));
  // Not subscribed: no review form.
  expect(screen.queryByTestId('review-form-l-2')).toBeNull();
  await fireEvent.press(screen.getByTestId('details-l-1'));
  await fireEvent.press(screen.getByTestId('review-rating-l-1-4'));
  await fireEvent.changeText(screen.getByTestId('review-text-l-1'), 'Steady');
  await fireEvent.press(screen.getByTestId('review-submit-l-1'));
  expect(calls(run, 'ReviewStrategy')[0][0].variables).toEqual({ listingId: 'l-1', rating: 4, text: 'Steady' });
  expect(screen.getByTestId('review-error-l-1')).toHaveTextContent(
    'You can review a strategy after 7 days of an active subscription. (REVIEW_NOT_ALLOWED)',
  );
  await fireEvent.press(screen.getByTestId('review-submit-l-1'));
  expect(screen.getByTestId('review-saved-l-1')).toHaveTextContent('Thank you, your review is saved.');
  expect(screen.queryByTestId('review-error-l-1')).toBeNull();
});

test('marketplace pages with the cursor and keeps the filter', async () => {
  const { client, run } = socialClient({
    Marketplace: (v) =>
      once({
        data: {
          marketplace: v.after
            ? { listings: [listing('l-3')], hasNextPage: false, endCursor: 'm3' }
            : { listings: [listing('l-1'), listing('l-2')], hasNextPage: true, endCursor: 'm2' },
          strategySubscriptions: [],
        },
      }),
  });
  await renderWith(<SocialScreen initial="marketplace" />, client);
  expect(await screen.findByTestId('listing-l-2')).toBeTruthy();
  expect(calls(run, 'Marketplace')[0][0].variables).toEqual({ pricing: null, first: MARKET_PAGE, after: null });
  await fireEvent.press(screen.getByTestId('market-more'));
  expect(await screen.findByTestId('listing-l-3')).toBeTruthy();
  expect(calls(run, 'Marketplace').at(-1)?.[0].variables).toEqual({ pricing: null, first: MARKET_PAGE, after: 'm2' });
  expect(screen.getByTestId('listing-l-1')).toBeTruthy();
  expect(screen.queryByTestId('market-more')).toBeNull();
});

test('feed: report hides the post; block hides every post of that author', async () => {
  const { client, run } = socialClient({
    Feed: data({ feed: { posts: [post('p-1'), post('p-2', { authorId: 'u-3' }), post('p-3', { authorId: 'u-3' })], hasNextPage: false, endCursor: null } }),
    ReportPost: data({ reportPost: true }),
    BlockUser: data({ blockUser: true }),
  });
  await renderWith(<SocialScreen initial="feed" />, client);
  expect(await screen.findByTestId('post-p-1')).toBeTruthy();
  await fireEvent.press(screen.getByTestId('report-p-1'));
  expect(screen.getByTestId('report-send-p-1').props.accessibilityState).toMatchObject({ disabled: true });
  await fireEvent.changeText(screen.getByTestId('report-reason-p-1'), 'spam');
  await fireEvent.press(screen.getByTestId('report-send-p-1'));
  expect(calls(run, 'ReportPost')[0][0].variables).toEqual({ postId: 'p-1', reason: 'spam' });
  expect(screen.queryByTestId('post-p-1')).toBeNull();

  await fireEvent.press(screen.getByTestId('block-p-2'));
  expect(screen.getByText("Block user u-3? Neither of you will see the other's posts.")).toBeTruthy();
  await fireEvent.press(screen.getByTestId('block-confirm-p-2'));
  expect(calls(run, 'BlockUser')[0][0].variables).toEqual({ userId: 'u-3', block: true });
  expect(screen.queryByTestId('post-p-2')).toBeNull();
  expect(screen.queryByTestId('post-p-3')).toBeNull();
});

test('a refused report (post not visible to you) keeps the post and says why', async () => {
  const { client } = socialClient({
    Feed: data({ feed: { posts: [post('p-1')], hasNextPage: false, endCursor: null } }),
    ReportPost: gqlError('NOT_FOUND', 'no such post'),
  });
  await renderWith(<SocialScreen initial="feed" />, client);
  await fireEvent.press(await screen.findByTestId('report-p-1'));
  await fireEvent.changeText(screen.getByTestId('report-reason-p-1'), 'spam');
  await fireEvent.press(screen.getByTestId('report-send-p-1'));
  expect(screen.getByTestId('post-p-1')).toBeTruthy();
  expect(screen.getByTestId('moderation-error-p-1')).toBeTruthy();
});
