import { fireEvent, screen } from '@testing-library/react-native';
import * as Passkeys from 'react-native-passkeys';
import TraderScreen from '../src/screens/TraderScreen';
import { validateFollow } from '../src/components/social/FollowForm';
import { calls, data, gqlError, mockClient, pending, renderWith, type Handler } from './helpers';
import { challengeOptions } from './tradeFixtures';
import { accounts, follow, metrics } from './socialFixtures';

jest.mock('expo-router', () => ({
  useRouter: () => require('./routerMock').mockRouter,
  useLocalSearchParams: () => ({ handle: 'alice' }),
  Stack: { Screen: () => null },
}));

const get = Passkeys.get as jest.Mock;
// gifted-charts animates with timers: keep them fake so nothing runs after a test.
beforeEach(() => jest.useFakeTimers());
afterEach(() => {
  jest.clearAllMocks();
  jest.useRealTimers();
});

const profile = {
  traderProfile: {
    __typename: 'PublicTraderProfile',
    traderId: 't-alice',
    handle: 'alice',
    bio: 'Swing trader, BTC and ETH.',
    styleTags: ['swing', 'btc'],
    verifiedSince: '2026-09-01',
    verifiedAccounts: [{ __typename: 'VerifiedAccount', venue: 'binance', label: 'Main' }],
    equityCurve: [
      { __typename: 'EquityPoint', day: '2026-12-01', returnPct: 0 },
      { __typename: 'EquityPoint', day: '2026-12-02', returnPct: 1.5 },
      { __typename: 'EquityPoint', day: '2026-12-03', returnPct: 4.25 },
    ],
    metrics: [metrics('D7', { roiPct: 2 }), metrics('D30')],
    avatarUrl: '/avatars/alice?v=abc123',
    bots: [{ __typename: 'ProfileBot', id: 'b-1', name: 'BTC grid', kind: 'grid', symbol: 'BTC/USDT', state: 'RUNNING', returnPct: 5.25, realisedPnl: null }],
  },
};

function setup(extra: Record<string, Handler> = {}) {
  return mockClient({
    TraderProfile: data(profile),
    Following: data({ following: [] }),
    CopyAccounts: data(accounts),
    StepUpChallenge: data({ stepUpChallenge: { optionsJson: challengeOptions, summary: 'Copy alice with 1,500 USDT from Paper', expiresAt: '2026-12-07T04:00:00Z' } }),
    FollowTrader: data({ followTrader: follow('t-alice', { allocation: '1500' }) }),
    ...extra,
  });
}

test('profile: verified period and accounts, equity curve, metrics per period', async () => {
  const { client, run } = setup();
  await renderWith(<TraderScreen />, client);
  expect(calls(run, 'TraderProfile')[0][0].variables).toEqual({ handle: 'alice' });
  expect(await screen.findByTestId('verified')).toHaveTextContent('Verified since Sep 1, 2026 on Main (binance)');
  expect(screen.getByLabelText('Equity curve over 3 days, return +4.25 %')).toBeTruthy();
  expect(screen.getByTestId('metrics-D7')).toHaveTextContent(/7 days.*Return\+2.00 %/);
  expect(screen.getByTestId('metrics-D30')).toHaveTextContent(/Max drawdown6.25 %/);
  expect(screen.getByTestId('trader-avatar').props.source).toEqual({ uri: 'http://127.0.0.1:8000/avatars/alice?v=abc123' });
  expect(screen.getByLabelText('Avatar of @alice')).toBeTruthy();
  expect(screen.getByTestId('profile-bot-b-1')).toHaveTextContent(/BTC grid.*Grid · BTC\/USDT · Running.*\+5.25 %/);
});

test('follow: validates the form, then step-up {followTrader, traderId, amount} and followTrader with the assertion', async () => {
  const { client, run } = setup();
  await renderWith(<TraderScreen />, client);
  await fireEvent.press(await screen.findByTestId('follow-open'));
  await fireEvent.press(screen.getByTestId('follow-submit'));
  expect(screen.getByText(/Enter a positive amount/)).toBeTruthy();
  expect(calls(run, 'StepUpChallenge')).toHaveLength(0);

  await fireEvent.changeText(screen.getByTestId('follow-allocation'), '1500');
  await fireEvent.changeText(screen.getByTestId('follow-ratio'), '0.5');
  await fireEvent.changeText(screen.getByTestId('follow-stoploss'), '20');
  await fireEvent(screen.getByTestId('follow-copy-open'), 'change', { nativeEvent: { value: true } });
  await fireEvent.press(screen.getByTestId('follow-submit'));
  expect(calls(run, 'StepUpChallenge')[0][0].variables).toEqual({ action: { kind: 'followTrader', traderId: 't-alice', amount: '1500' } });
  expect(screen.getByTestId('confirm-summary')).toHaveTextContent('Copy alice with 1,500 USDT from Paper');
  expect(calls(run, 'FollowTrader')).toHaveLength(0);

  get.mockResolvedValueOnce({ id: 'pk-1' });
  await fireEvent.press(screen.getByTestId('confirm-passkey'));
  expect(calls(run, 'FollowTrader')[0][0].variables).toEqual({
    input: {
      traderId: 't-alice',
      accountId: 'acc-1',
      allocation: '1500',
      sizing: 'PROPORTIONAL',
      ratio: '0.5',
      fixedAmount: null,
      maxPerTrade: null,
      slippageGuardPct: '1',
      copyOpenPositions: true,
      stopLossPct: '20',
    },
    stepUp: { credential: JSON.stringify({ id: 'pk-1' }) },
  });
  expect(await screen.findByTestId('followed')).toHaveTextContent('You now copy this trader.');
});

test('follow: a server refusal (above free balance) is said in words, not sent twice', async () => {
  const { client, run } = setup({ FollowTrader: gqlError('ALLOCATION_ABOVE_FREE_BALANCE') });
  await renderWith(<TraderScreen />, client);
  await fireEvent.press(await screen.findByTestId('follow-open'));
  await fireEvent.changeText(screen.getByTestId('follow-allocation'), '999999');
  await fireEvent.press(screen.getByTestId('follow-submit'));
  get.mockResolvedValueOnce({ id: 'pk-1' });
  await fireEvent.press(screen.getByTestId('confirm-passkey'));
  expect(screen.getByTestId('confirm-message')).toHaveTextContent('The allocation is above your free balance.');
  expect(calls(run, 'FollowTrader')).toHaveLength(1);
});

test('already copying: shows the allocation instead of the form', async () => {
  const { client } = setup({ Following: data({ following: [follow('t-alice')] }) });
  await renderWith(<TraderScreen />, client);
  expect(await screen.findByTestId('already-following')).toHaveTextContent('You copy this trader with 1,000 USDT.');
  expect(screen.queryByTestId('follow-open')).toBeNull();
});

test('loading and not-found states', async () => {
  const loading = setup({ TraderProfile: pending() });
  const view = await renderWith(<TraderScreen />, loading.client);
  expect(screen.getByTestId('loading')).toBeTruthy();
  await view.unmount();
  const missing = setup({ TraderProfile: gqlError('NOT_FOUND') });
  await renderWith(<TraderScreen />, missing.client);
  expect(await screen.findByText('This trader has no public profile.')).toBeTruthy();
});

test('follow form rules: ratio ≤ 10, fixed sizing needs an amount, percentages ≤ 100', () => {
  const base = { accountId: 'a', allocation: '100', sizing: 'PROPORTIONAL' as const, ratio: '1', fixedAmount: '', maxPerTrade: '', slippageGuardPct: '1', stopLossPct: '', copyOpenPositions: false };
  expect(validateFollow(base)).toEqual({});
  expect(validateFollow({ ...base, ratio: '11' })).toEqual({ ratio: 'social.follow.badRatio' });
  expect(validateFollow({ ...base, sizing: 'FIXED' })).toEqual({ fixedAmount: 'social.follow.badAmount' });
  expect(validateFollow({ ...base, slippageGuardPct: '150', stopLossPct: '-1' })).toEqual({ slippageGuardPct: 'social.follow.badPct', stopLossPct: 'social.follow.badPct' });
  expect(validateFollow({ ...base, accountId: null, allocation: '0' })).toEqual({ accountId: 'social.follow.pickAccount', allocation: 'social.follow.badAmount' });
});
