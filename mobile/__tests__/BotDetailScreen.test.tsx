import { act, fireEvent, screen } from '@testing-library/react-native';
import * as Passkeys from 'react-native-passkeys';
import { makeSubject } from 'wonka';
import BotDetailScreen from '../src/screens/BotDetailScreen';
import { calls, data, gqlError, mockClient, pending, renderWith, type Handler } from './helpers';
import { mockRouter } from './routerMock';
import { bot, botDetail, challengeOptions } from './botFixtures';
import { expectAccessibleControls } from './a11yHelpers';

jest.mock('expo-router', () => ({
  useLocalSearchParams: () => ({ id: 'b-1' }),
  useRouter: () => require('./routerMock').mockRouter,
  Stack: { Screen: () => null },
}));

const get = Passkeys.get as jest.Mock;
beforeEach(() => jest.clearAllMocks());

function setup(state: string, extra: Record<string, Handler> = {}) {
  const updates = makeSubject<unknown>();
  const mock = mockClient({
    BotDetail: data(botDetail('b-1', { state })),
    BotUpdates: () => updates.source,
    BotProfileVisibility: data({ bot: { __typename: 'Bot', id: 'b-1', showOnProfile: false }, myTraderProfile: null }),
    ...extra,
  });
  return { ...mock, updates };
}

const challenge = (summary: string): Handler => data({ stepUpChallenge: { optionsJson: challengeOptions, summary, expiresAt: '2026-12-01T10:05:00+00:00' } });

test('shows P&L, params, risk and limits, open orders and events', async () => {
  const { client, run } = setup('RUNNING');
  await renderWith(<BotDetailScreen />, client);
  expect(calls(run, 'BotDetail')[0][0].variables).toEqual({ id: 'b-1' });
  expect(screen.getByTestId('bot-state')).toHaveTextContent('Running');
  expect(screen.getByTestId('param-levels')).toHaveTextContent('levels10');
  expect(screen.getByTestId('param-qty_per_level')).toHaveTextContent('qty_per_level0.001');
  expect(screen.getByTestId('bot-risk')).toHaveTextContent(/Max position5,000 USDT/);
  expect(screen.getByTestId('bot-risk')).toHaveTextContent(/Max orderNo limit/);
  expect(screen.getByTestId('bot-risk')).toHaveTextContent(/Daily loss limit250 USDT/);
  expect(screen.getByTestId('bot-risk')).toHaveTextContent(/Account exposure1,234.5 USDT/);
  expect(screen.getByTestId('bot-order-o-1')).toHaveTextContent(/Buy 0.001 @ 64,000.*Open/);
  expect(screen.getByTestId('bot-event-e-1')).toHaveTextContent(/Bot created/);
  expect(screen.getByTestId('bot-pnl')).toHaveTextContent(/Fees paid1.25 USDT/);
});

test('botUpdates changes the state and P&L live', async () => {
  const { client, updates } = setup('RUNNING');
  await renderWith(<BotDetailScreen />, client);
  await act(async () => {
    updates.next({ data: { botUpdates: bot('b-2', { state: 'ERROR', updatedAt: '2026-12-01T11:00:00+00:00' }) } });
    updates.next({ data: { botUpdates: bot('b-1', { state: 'PAUSED', realisedPnl: '7', unrealisedPnl: '1', updatedAt: '2026-12-01T11:00:00+00:00' }) } });
  });
  expect(screen.getByTestId('bot-state')).toHaveTextContent('Paused');
  expect(screen.getByTestId('bot-pnl')).toHaveTextContent(/Total P&L8 USDT/);
  expect(screen.getByRole('button', { name: 'Resume' })).toBeOnTheScreen();
});

test('start: the server summary shows before the passkey prompt, then startBot carries the assertion', async () => {
  const { client, run } = setup('STOPPED', {
    StepUpChallenge: challenge('Start bot b-1'),
    StartBot: data({ startBot: bot('b-1', { state: 'RUNNING', updatedAt: '2026-12-01T11:00:00+00:00' }) }),
  });
  get.mockResolvedValueOnce({ id: 'cred', type: 'public-key' });
  await renderWith(<BotDetailScreen />, client);
  await fireEvent.press(screen.getByRole('button', { name: 'Start' }));
  expect(calls(run, 'StepUpChallenge')[0][0].variables).toEqual({ action: { kind: 'startBot', botId: 'b-1', venue: 'sim' } });
  expect(screen.getByTestId('confirm-summary')).toHaveTextContent('Start bot b-1');
  expect(get).not.toHaveBeenCalled();
  expect(calls(run, 'StartBot')).toHaveLength(0);

  await fireEvent.press(screen.getByRole('button', { name: 'Confirm with passkey' }));
  expect(get).toHaveBeenCalledWith(JSON.parse(challengeOptions));
  expect(calls(run, 'StartBot')[0][0].variables).toEqual({ id: 'b-1', stepUp: { credential: JSON.stringify({ id: 'cred', type: 'public-key' }) } });
  expect(screen.getByTestId('bot-state')).toHaveTextContent('Running');
});

test('stop is guarded too; pause is not', async () => {
  const { client, run } = setup('RUNNING', {
    StepUpChallenge: challenge('Stop bot b-1'),
    StopBot: data({ stopBot: bot('b-1', { state: 'STOPPED', updatedAt: '2026-12-01T11:00:00+00:00' }) }),
    PauseBot: data({ pauseBot: bot('b-1', { state: 'PAUSED', updatedAt: '2026-12-01T11:00:00+00:00' }) }),
  });
  get.mockResolvedValueOnce({ id: 'cred' });
  await renderWith(<BotDetailScreen />, client);
  await fireEvent.press(screen.getByRole('button', { name: 'Pause' }));
  expect(calls(run, 'PauseBot')[0][0].variables).toEqual({ id: 'b-1' });
  expect(calls(run, 'StepUpChallenge')).toHaveLength(0);
  expect(screen.getByTestId('bot-state')).toHaveTextContent('Paused');

  await fireEvent.press(screen.getByRole('button', { name: 'Stop' }));
  expect(calls(run, 'StepUpChallenge')[0][0].variables).toEqual({ action: { kind: 'stopBot', botId: 'b-1', venue: 'sim' } });
  await fireEvent.press(screen.getByRole('button', { name: 'Confirm with passkey' }));
  expect(calls(run, 'StopBot')[0][0].variables).toMatchObject({ id: 'b-1', stepUp: { credential: '{"id":"cred"}' } });
  expect(screen.getByTestId('bot-state')).toHaveTextContent('Stopped');
});

test('a failed step-up says what to do next; an unreconciled account is named', async () => {
  const { client } = setup('STOPPED', {
    StepUpChallenge: challenge('Start bot b-1'),
    StartBot: gqlError('ACCOUNT_NOT_RECONCILED', 'orders in doubt'),
  });
  get.mockResolvedValueOnce({ id: 'cred' });
  await renderWith(<BotDetailScreen />, client);
  await fireEvent.press(screen.getByRole('button', { name: 'Start' }));
  await fireEvent.press(screen.getByRole('button', { name: 'Confirm with passkey' }));
  expect(screen.getByTestId('confirm-message')).toHaveTextContent("The account's orders are being checked. Try again in a moment.");
});

test('STEP_UP_REQUIRED with enroll offers to add a passkey', async () => {
  const { client } = setup('STOPPED', { StepUpChallenge: gqlError('STEP_UP_REQUIRED', 'add a passkey', { enroll: true }) });
  await renderWith(<BotDetailScreen />, client);
  await fireEvent.press(screen.getByRole('button', { name: 'Start' }));
  await fireEvent.press(screen.getByTestId('confirm-enroll'));
  expect(mockRouter.push).toHaveBeenCalledWith('/settings');
});

test('delete asks first, then deletes and goes back to the list', async () => {
  const { client, run } = setup('STOPPED', { DeleteBot: data({ deleteBot: true }) });
  await renderWith(<BotDetailScreen />, client);
  await fireEvent.press(screen.getByRole('button', { name: 'Delete' }));
  expect(calls(run, 'DeleteBot')).toHaveLength(0);
  expect(screen.getByTestId('bot-delete-confirm')).toHaveTextContent(/Delete Grid b-1 and its history\?/);
  await fireEvent.press(screen.getByRole('button', { name: 'Yes, delete' }));
  expect(calls(run, 'DeleteBot')[0][0].variables).toEqual({ id: 'b-1' });
  expect(mockRouter.replace).toHaveBeenCalledWith('/bots');
});

test("another user's bot (NOT_FOUND) shows an error, not a bot", async () => {
  const { client } = setup('STOPPED', { BotDetail: gqlError('NOT_FOUND'), BotUpdates: pending() });
  await renderWith(<BotDetailScreen />, client);
  expect(screen.getByTestId('error')).toHaveTextContent(/Not found\./);
  expect(screen.queryByTestId('bot-detail')).toBeNull();
});

test('bot detail controls are labelled and ≥ 44 pt', async () => {
  const { client } = setup('RUNNING');
  await renderWith(<BotDetailScreen />, client);
  expectAccessibleControls();
});

const updated = (over: Record<string, unknown> = {}) =>
  data({ updateBot: { ...botDetail('b-1').bot, ...over } });

test('edit a stopped bot: name, limits (empty = no limit) and only the changed params are sent', async () => {
  const { client, run } = setup('STOPPED', { UpdateBot: updated({ name: 'My grid' }) });
  await renderWith(<BotDetailScreen />, client);
  await fireEvent.press(screen.getByRole('button', { name: 'Edit' }));
  expect(screen.getByLabelText('Name')).toHaveDisplayValue('Grid b-1');
  expect(screen.getByLabelText('Max position')).toHaveDisplayValue('5000');
  expect(screen.getByLabelText('levels')).toHaveDisplayValue('10');

  await fireEvent.changeText(screen.getByLabelText('Name'), '  My grid ');
  await fireEvent.changeText(screen.getByLabelText('Max position'), '');
  await fireEvent.changeText(screen.getByLabelText('Max order'), '250.5');
  await fireEvent.changeText(screen.getByLabelText('levels'), '12');
  await fireEvent.changeText(screen.getByLabelText('low'), '61000');
  const before = calls(run, 'BotDetail').length;
  await act(async () => {
    fireEvent.press(screen.getByRole('button', { name: 'Save changes' }));
  });
  expect(calls(run, 'UpdateBot')[0][0].variables).toEqual({
    id: 'b-1',
    input: {
      name: 'My grid',
      limits: { maxPositionNotional: null, maxOrderNotional: '250.5', maxOpenOrders: 20, dailyLossLimit: '250' },
      params: { low: '61000', levels: 12 },
    },
  });
  // Saved: the form closes and the detail is read again.
  expect(screen.queryByTestId('bot-edit')).toBeNull();
  expect(calls(run, 'BotDetail').length).toBeGreaterThan(before);
});

test('edit is checked locally; a running bot keeps its params locked; CONFLICT and field errors are shown', async () => {
  const { client, run } = setup('RUNNING', {
    UpdateBot: gqlError('BAD_USER_INPUT', 'must be positive', { field: 'limits.dailyLossLimit' }),
  });
  await renderWith(<BotDetailScreen />, client);
  await fireEvent.press(screen.getByRole('button', { name: 'Edit' }));
  expect(screen.getByText('Stop the bot to change its parameters.')).toBeOnTheScreen();
  expect(screen.queryByLabelText('levels')).toBeNull();

  await fireEvent.changeText(screen.getByLabelText('Name'), '');
  await fireEvent.changeText(screen.getByLabelText('Max open orders'), '2.5');
  await fireEvent.press(screen.getByRole('button', { name: 'Save changes' }));
  expect(screen.getByTestId('edit-name-error')).toHaveTextContent('The name must be 1 to 80 characters');
  expect(screen.getByTestId('edit-limit-maxOpenOrders-error')).toHaveTextContent('Enter a whole number');
  expect(calls(run, 'UpdateBot')).toHaveLength(0);

  await fireEvent.changeText(screen.getByLabelText('Name'), 'Grid b-1');
  await fireEvent.changeText(screen.getByLabelText('Max open orders'), '3');
  await act(async () => {
    fireEvent.press(screen.getByRole('button', { name: 'Save changes' }));
  });
  // A running bot: no params in the request (name unchanged is not sent either).
  expect(calls(run, 'UpdateBot')[0][0].variables.input).toEqual({
    limits: { maxPositionNotional: '5000', maxOrderNotional: null, maxOpenOrders: 3, dailyLossLimit: '250' },
  });
  expect(screen.getByTestId('edit-limit-dailyLossLimit-error')).toHaveTextContent('must be positive');
  expect(screen.getByTestId('bot-edit')).toBeOnTheScreen();
  expectAccessibleControls();
});

test('edit: the server says CONFLICT when params change after the bot started elsewhere', async () => {
  const { client } = setup('STOPPED', { UpdateBot: gqlError('CONFLICT', 'stop the bot before changing its parameters', { field: 'params' }) });
  await renderWith(<BotDetailScreen />, client);
  await fireEvent.press(screen.getByRole('button', { name: 'Edit' }));
  await fireEvent.changeText(screen.getByLabelText('levels'), '8');
  await act(async () => {
    fireEvent.press(screen.getByRole('button', { name: 'Save changes' }));
  });
  expect(screen.getByTestId('bot-edit-error')).toHaveTextContent('Stop the bot before changing its parameters.');
  await fireEvent.press(screen.getByRole('button', { name: 'Cancel' }));
  expect(screen.queryByTestId('bot-edit')).toBeNull();
});
