/**
 * "Show on my public profile" on the bot detail screen, and the shown bots on a trader's profile.
 */
import { fireEvent, screen } from '@testing-library/react-native';
import { makeSubject } from 'wonka';
import BotDetailScreen from '../src/screens/BotDetailScreen';
import { ProfileBots, formatReturn } from '../src/components/social/ProfileBots';
import { calls, data, gqlError, mockClient, once, renderWith, type Handler } from './helpers';
import { botDetail } from './botFixtures';

jest.mock('expo-router', () => ({
  useLocalSearchParams: () => ({ id: 'b-1' }),
  useRouter: () => require('./routerMock').mockRouter,
  Stack: { Screen: () => null },
}));
afterEach(() => jest.clearAllMocks());

const visibility = (shown: boolean, handle: string | null = 'alice') =>
  data({ bot: { __typename: 'Bot', id: 'b-1', showOnProfile: shown }, myTraderProfile: handle ? { __typename: 'TraderProfile', handle } : null });

function setup(handlers: Record<string, Handler>) {
  const updates = makeSubject<unknown>();
  return mockClient({ BotDetail: data(botDetail('b-1', { state: 'RUNNING' })), BotUpdates: () => updates.source, ...handlers });
}

test('the switch shows the bot on the public profile through setBotProfileVisibility', async () => {
  const { client, run } = setup({
    BotProfileVisibility: visibility(false),
    SetBotProfileVisibility: (v) => once({ data: { setBotProfileVisibility: { __typename: 'Bot', id: 'b-1', showOnProfile: v.visible } } }),
  });
  await renderWith(<BotDetailScreen />, client);
  const toggle = await screen.findByTestId('bot-profile-switch');
  expect(calls(run, 'BotProfileVisibility')[0][0].variables).toEqual({ id: 'b-1' });
  expect(toggle.props.value).toBe(false);
  expect(screen.getByLabelText('Show on my public profile')).toBeTruthy();
  expect(screen.getByTestId('bot-profile-note')).toHaveTextContent('Others see its strategy, market, state and % return on your profile.');
  await fireEvent(toggle, 'valueChange', true);
  expect(calls(run, 'SetBotProfileVisibility')[0][0].variables).toEqual({ botId: 'b-1', visible: true });
  expect(screen.getByTestId('bot-profile-switch').props.value).toBe(true);
});

test('without a public profile the switch is disabled and says why', async () => {
  const { client, run } = setup({ BotProfileVisibility: visibility(false, null) });
  await renderWith(<BotDetailScreen />, client);
  const toggle = await screen.findByTestId('bot-profile-switch');
  expect(toggle.props.disabled).toBe(true);
  expect(screen.getByTestId('bot-profile-note')).toHaveTextContent('Create a public trader profile (Social › Profile) to show this bot there.');
  expect(calls(run, 'SetBotProfileVisibility')).toHaveLength(0);
});

test('a refusal is shown and the switch stays as it was', async () => {
  const { client } = setup({ BotProfileVisibility: visibility(true), SetBotProfileVisibility: gqlError('NOT_FOUND', 'no such bot', { field: 'botId' }) });
  await renderWith(<BotDetailScreen />, client);
  const toggle = await screen.findByTestId('bot-profile-switch');
  expect(toggle.props.value).toBe(true);
  await fireEvent(toggle, 'valueChange', false);
  expect(screen.getByTestId('bot-profile-error')).toHaveTextContent(/not found|no longer exists/i);
  expect(screen.getByTestId('bot-profile-switch').props.value).toBe(true);
});

test('the trader profile lists the shown bots with kind, market, state and return', async () => {
  const bots = [
    { __typename: 'ProfileBot' as const, id: 'b-1', name: 'BTC grid', kind: 'grid', symbol: 'BTC/USDT', state: 'RUNNING' as never, returnPct: 5.25, realisedPnl: null },
    { __typename: 'ProfileBot' as const, id: 'b-2', name: 'ETH dca', kind: 'dca', symbol: 'ETH/USDT', state: 'STOPPED' as never, returnPct: null, realisedPnl: '-12.5' },
  ];
  await renderWith(<ProfileBots bots={bots} />, mockClient({}).client);
  expect(screen.getByTestId('profile-bot-b-1')).toHaveTextContent(/BTC grid.*Grid · BTC\/USDT · Running.*Realised return\+5.25 %/);
  expect(screen.getByLabelText('BTC grid: Grid on BTC/USDT, Running, return +5.25 %')).toBeTruthy();
  expect(screen.getByTestId('profile-bot-b-2')).toHaveTextContent(/Smart DCA · ETH\/USDT · Stopped.*Realised return—.*Realised P&L-12.5 USDT/);
  expect(screen.getByTestId('profile-bot-b-1')).not.toHaveTextContent(/Realised P&L/);
});

test('no shown bots: an empty state', async () => {
  await renderWith(<ProfileBots bots={[]} />, mockClient({}).client);
  expect(screen.getByText('This trader shows no bots.')).toBeTruthy();
  expect(formatReturn(0, 'en')).toBe('0.00 %');
  expect(formatReturn(-1.5, 'en')).toBe('-1.50 %');
});
