import { act, fireEvent, screen } from '@testing-library/react-native';
import * as Passkeys from 'react-native-passkeys';
import { makeSubject } from 'wonka';
import AlertsScreen, { HISTORY_PAGE, SNOOZE_MINUTES } from '../src/screens/AlertsScreen';
import { alertInput, armingAction, validateAlert, type AlertFormValues } from '../src/components/alerts/AlertForm';
import { calls, data, gqlError, mockClient, networkError, pending, renderWith, type Handler } from './helpers';
import { alert, alertsData, trigger } from './alertFixtures';
import { challengeOptions } from './botFixtures';
import { expectAccessibleControls } from './a11yHelpers';

jest.mock('expo-router', () => ({
  useLocalSearchParams: () => ({}),
  useRouter: () => require('./routerMock').mockRouter,
  Stack: { Screen: () => null },
}));

const get = Passkeys.get as jest.Mock;
beforeEach(() => jest.clearAllMocks());

function setup(extra: Record<string, Handler> = {}) {
  const triggered = makeSubject<unknown>();
  const mock = mockClient({
    Alerts: data(alertsData),
    AlertTriggers: (v) =>
      data({
        alertTriggers: {
          edges: v.alertId ? [{ node: trigger('t-2', String(v.alertId), { value: '29.5', actionStatus: 'done', actionResult: 'order o-7 placed' }) }] : [{ node: trigger('t-1', 'a-1') }],
        },
      })(v),
    AlertTriggered: () => triggered.source,
    ...extra,
  });
  return { ...mock, triggered };
}

test('lists alerts with their condition, armed action, status and fires; history of all alerts', async () => {
  const { client, run } = setup();
  await renderWith(<AlertsScreen />, client);
  expect(screen.getByTestId('alert-a-1')).toHaveTextContent(/BTC\/USDT price above 70,000/);
  expect(screen.getByTestId('alert-a-2')).toHaveTextContent(/BTC\/USDT RSI \(14\) below 30/);
  expect(screen.getByTestId('alert-a-2-action')).toHaveTextContent('Armed: Buy 0.01 at market price');
  expect(screen.getByTestId('alert-a-2-status')).toHaveTextContent('Active · Once · Fired: 2');
  expect(calls(run, 'AlertTriggers')[0][0].variables).toEqual({ alertId: null, first: HISTORY_PAGE });
  expect(screen.getByTestId('trigger-t-1')).toHaveTextContent(/Alert a-1 fired at 70,012.5/);
});

test('a live alertTriggered shows a banner and joins the history', async () => {
  const { client, triggered } = setup();
  await renderWith(<AlertsScreen />, client);
  expect(screen.queryByTestId('alert-banner')).toBeNull();
  await act(async () => {
    triggered.next({ data: { alertTriggered: trigger('t-9', 'a-1', { name: 'BTC breakout', value: '70100', actionStatus: 'done', actionResult: 'order placed' }) } });
  });
  expect(screen.getByTestId('alert-banner')).toHaveTextContent(/BTC breakout fired at 70,100.*order placed/);
  expect(screen.getByTestId('trigger-t-9')).toHaveTextContent(/action done/);
  await fireEvent.press(screen.getByRole('button', { name: 'Dismiss alert notice' }));
  expect(screen.queryByTestId('alert-banner')).toBeNull();
});

test('snooze, pause, per-alert history and delete', async () => {
  const { client, run } = setup({
    SnoozeAlert: (v) => data({ snoozeAlert: alert(String(v.id), { snoozedUntil: '2099-01-01T00:00:00+00:00' }) })(v),
    UpdateAlert: (v) => data({ updateAlert: alert(String(v.id), { status: 'PAUSED' }) })(v),
    DeleteAlert: data({ deleteAlert: true }),
  });
  await renderWith(<AlertsScreen />, client);
  await fireEvent.press(screen.getByRole('button', { name: 'Snooze Alert a-1 for 1 hour' }));
  expect(calls(run, 'SnoozeAlert')[0][0].variables).toEqual({ id: 'a-1', minutes: SNOOZE_MINUTES });
  expect(calls(run, 'StepUpChallenge')).toHaveLength(0);

  await fireEvent.press(screen.getByRole('button', { name: 'Pause Alert a-1' }));
  expect(calls(run, 'UpdateAlert')[0][0].variables).toEqual({ id: 'a-1', input: { active: false } });

  await fireEvent.press(screen.getByRole('button', { name: 'Trigger history of RSI dip buy' }));
  expect(calls(run, 'AlertTriggers').at(-1)?.[0].variables).toEqual({ alertId: 'a-2', first: HISTORY_PAGE });
  expect(screen.getByTestId('history-a-2')).toHaveTextContent(/fired at 29.5.*action done.*order o-7 placed/);

  await fireEvent.press(screen.getByRole('button', { name: 'Delete Alert a-1' }));
  expect(calls(run, 'DeleteAlert')[0][0].variables).toEqual({ id: 'a-1' });
  expect(screen.queryByTestId('alert-a-1')).toBeNull();
});

test('a notify-only alert is created without a step-up; the form checks fields first', async () => {
  const { client, run } = setup({ CreateAlert: data({ createAlert: alert('a-3') }) });
  await renderWith(<AlertsScreen />, client);
  await fireEvent.press(screen.getByRole('button', { name: 'New alert' }));
  await fireEvent.press(screen.getByRole('button', { name: 'Create alert' }));
  expect(screen.getByTestId('alert-name-error')).toHaveTextContent('Required');
  expect(screen.getByTestId('alert-threshold-error')).toHaveTextContent('Enter a number');
  expect(calls(run, 'CreateAlert')).toHaveLength(0);

  await fireEvent.changeText(screen.getByLabelText('Name'), 'ETH pump');
  await fireEvent.changeText(screen.getByLabelText('Market'), 'ETH/USDT');
  await fireEvent.press(screen.getByRole('radio', { name: '% change' }));
  expect(screen.getByLabelText('Window (seconds)')).toHaveDisplayValue('3600');
  await fireEvent.press(screen.getByRole('radio', { name: 'crosses' }));
  await fireEvent.changeText(screen.getByLabelText('Threshold'), '5');
  await fireEvent.press(screen.getByRole('button', { name: 'Create alert' }));
  expect(calls(run, 'CreateAlert')[0][0].variables).toEqual({
    input: {
      name: 'ETH pump',
      symbol: 'ETH/USDT',
      venue: 'sim',
      market: { metric: 'CHANGE_PCT', direction: 'CROSSES', threshold: '5', period: 3600 },
      mode: 'ONCE',
      cooldownSeconds: 0,
      notifyPush: true,
    },
  });
  expect(calls(run, 'StepUpChallenge')).toHaveLength(0);
  expect(screen.queryByTestId('alert-form')).toBeNull();
});

test('an alert that places an order is armed with a step-up: summary, passkey, createAlert with the assertion', async () => {
  const summary = 'Create an alert that trades or controls a bot';
  const { client, run } = setup({
    StepUpChallenge: data({ stepUpChallenge: { optionsJson: challengeOptions, summary, expiresAt: '2026-12-01T10:05:00+00:00' } }),
    CreateAlert: data({ createAlert: alert('a-4', { armedWithStepUp: true }) }),
  });
  get.mockResolvedValueOnce({ id: 'cred' });
  await renderWith(<AlertsScreen />, client);
  await fireEvent.press(screen.getByRole('button', { name: 'New alert' }));
  await fireEvent.changeText(screen.getByLabelText('Name'), 'Buy the dip');
  await fireEvent.press(screen.getByRole('radio', { name: 'below' }));
  await fireEvent.changeText(screen.getByLabelText('Threshold'), '60000');
  await fireEvent.press(screen.getByRole('radio', { name: 'Place an order' }));
  await fireEvent.changeText(screen.getByLabelText('Quantity'), '0.01');
  await fireEvent.changeText(screen.getByLabelText('Limit price (empty: market)'), '59900');
  await fireEvent.press(screen.getByRole('button', { name: 'Review and arm' }));

  expect(calls(run, 'StepUpChallenge')[0][0].variables).toEqual({
    action: {
      kind: 'createTradingAlert',
      type: 'placeOrder',
      account: 'acc-1',
      venue: 'sim',
      symbol: 'BTC/USDT',
      side: 'buy',
      timeInForce: 'gtc',
      qty: '0.01',
      price: '59900',
      maxOrders: 1,
    },
  });
  expect(screen.getByTestId('confirm-summary')).toHaveTextContent(summary);
  expect(get).not.toHaveBeenCalled();
  expect(calls(run, 'CreateAlert')).toHaveLength(0);

  await fireEvent.press(screen.getByRole('button', { name: 'Confirm with passkey' }));
  expect(calls(run, 'CreateAlert')[0][0].variables).toMatchObject({
    input: {
      name: 'Buy the dip',
      market: { metric: 'PRICE', direction: 'BELOW', threshold: '60000', period: 0 },
      action: { kind: 'PLACE_ORDER', accountId: 'acc-1', side: 'BUY', qty: '0.01', price: '59900', timeInForce: 'GTC' },
      maxFires: 1,
    },
    stepUp: { credential: '{"id":"cred"}' },
  });
  expect(screen.queryByTestId('alert-form')).toBeNull();
});

test('a server error naming a field shows at that field', async () => {
  const { client } = setup({ CreateAlert: gqlError('BAD_USER_INPUT', 'threshold: RSI is 0 to 100', { field: 'threshold' }) });
  await renderWith(<AlertsScreen />, client);
  await fireEvent.press(screen.getByRole('button', { name: 'New alert' }));
  await fireEvent.changeText(screen.getByLabelText('Name'), 'x');
  await fireEvent.changeText(screen.getByLabelText('Threshold'), '1');
  await fireEvent.press(screen.getByRole('button', { name: 'Create alert' }));
  expect(screen.getByTestId('alert-threshold-error')).toHaveTextContent('threshold: RSI is 0 to 100');
  expectAccessibleControls();
});

test('an event alert (P&L) needs a bound and is sent as an event condition', async () => {
  const { client, run } = setup({ CreateAlert: data({ createAlert: alert('a-5', { market: null, event: { __typename: 'AlertEventCondition', kind: 'PNL' } }) }) });
  await renderWith(<AlertsScreen />, client);
  await fireEvent.press(screen.getByRole('button', { name: 'New alert' }));
  await fireEvent.changeText(screen.getByLabelText('Name'), 'Loss guard');
  await fireEvent.press(screen.getByRole('radio', { name: 'Event' }));
  await fireEvent.press(screen.getByRole('radio', { name: 'profit and loss' }));
  await fireEvent.press(screen.getByRole('button', { name: 'Create alert' }));
  expect(screen.getByTestId('alert-atleast-error')).toHaveTextContent('Give at least or at most');
  expect(calls(run, 'CreateAlert')).toHaveLength(0);

  await fireEvent.changeText(screen.getByLabelText('At most (optional)'), '-100');
  await fireEvent.press(screen.getByRole('button', { name: 'Create alert' }));
  const [[create]] = calls(run, 'CreateAlert');
  expect(create.variables.input).toMatchObject({ name: 'Loss guard', event: { kind: 'PNL', match: [], atLeast: null, atMost: '-100' } });
  expect(create.variables.input.market).toBeUndefined();
});

test('signal and whale alerts match the symbol; bot events the chosen bot', () => {
  expect(alertInput({ ...base, action: 'NONE', condition: 'EVENT', eventKind: 'SIGNAL' }).event).toEqual({
    kind: 'SIGNAL',
    match: [{ name: 'symbol', value: 'BTC/USDT' }],
    atLeast: null,
    atMost: null,
  });
  expect(alertInput({ ...base, action: 'NONE', condition: 'EVENT', eventKind: 'BOT_EVENT', eventBotId: 'b-1' }).event?.match).toEqual([{ name: 'botId', value: 'b-1' }]);
  expect(validateAlert({ ...base, action: 'NONE', condition: 'EVENT', eventKind: 'DRAWDOWN', atLeast: '10', atMost: '5' })).toEqual({ atMost: 'alerts.form.boundsOrder' });
});

test('empty states', async () => {
  const { client } = setup({ Alerts: data({ ...alertsData, alerts: [] }), AlertTriggers: data({ alertTriggers: { edges: [] } }), AlertTriggered: pending() });
  await renderWith(<AlertsScreen />, client);
  expect(screen.getByTestId('alerts-empty')).toHaveTextContent('No alerts yet.');
  expect(screen.getByTestId('triggers-empty')).toHaveTextContent('Nothing fired yet.');
});

test('error state with retry', async () => {
  const { client } = setup({ Alerts: networkError(), AlertTriggered: pending() });
  await renderWith(<AlertsScreen />, client);
  expect(screen.getByTestId('error')).toHaveTextContent(/Cannot reach the server/);
});

const base: AlertFormValues = {
  name: 'a',
  symbol: 'BTC/USDT',
  condition: 'MARKET',
  metric: 'PRICE',
  direction: 'ABOVE',
  eventKind: 'ORDER_FILLED',
  atLeast: '',
  atMost: '',
  eventBotId: null,
  threshold: '1',
  period: '0',
  mode: 'RECURRING',
  cooldown: '60',
  maxFires: '3',
  action: 'START_BOT',
  side: 'BUY',
  qty: '',
  price: '',
  botId: 'b-1',
  accountId: 'acc-1',
  percent: '50',
  webhookUrl: '',
  expiresHours: '',
};

test('bot actions are armed with botId and maxOrders = maxFires; cancelling orders needs no step-up', () => {
  const input = alertInput(base);
  expect(input.action).toEqual({ kind: 'START_BOT', botId: 'b-1' });
  expect(input.maxFires).toBe(3);
  expect(input.cooldownSeconds).toBe(60);
  expect(armingAction(input, alertsData.exchangeAccounts)).toEqual({ kind: 'createTradingAlert', type: 'startBot', botId: 'b-1', maxOrders: 3 });
  expect(armingAction(alertInput({ ...base, action: 'CANCEL_ALL_ORDERS' }), alertsData.exchangeAccounts)).toBeNull();
  expect(armingAction(alertInput({ ...base, action: 'NONE' }), alertsData.exchangeAccounts)).toBeNull();
  expect(validateAlert({ ...base, botId: null, maxFires: '' })).toEqual({ botId: 'alerts.form.pickBot', maxFires: 'alerts.form.wholeNumber' });
  expect(validateAlert({ ...base, metric: 'RSI', threshold: '120', period: '14', action: 'NONE' })).toEqual({ threshold: 'alerts.form.rsiRange' });
});

const armSummary = 'Create an alert that trades or controls a bot';

test('a hedge alert is armed with the share to sell bound into the step-up', async () => {
  const { client, run } = setup({
    StepUpChallenge: data({ stepUpChallenge: { optionsJson: challengeOptions, summary: armSummary, expiresAt: '2026-12-01T10:05:00+00:00' } }),
    CreateAlert: data({ createAlert: alert('a-5', { armedWithStepUp: true, action: { __typename: 'AlertAction', kind: 'HEDGE', side: null, qty: null, price: null, percent: '25', botId: null } }) }),
  });
  get.mockResolvedValueOnce({ id: 'cred' });
  await renderWith(<AlertsScreen />, client);
  await fireEvent.press(screen.getByRole('button', { name: 'New alert' }));
  await fireEvent.changeText(screen.getByLabelText('Name'), 'Hedge on drop');
  await fireEvent.press(screen.getByRole('radio', { name: 'below' }));
  await fireEvent.changeText(screen.getByLabelText('Threshold'), '60000');
  await fireEvent.press(screen.getByRole('radio', { name: 'Hedge the position' }));
  await fireEvent.changeText(screen.getByLabelText('Share of the position to sell (%)'), '150');
  await fireEvent.press(screen.getByRole('button', { name: 'Review and arm' }));
  expect(screen.getByTestId('alert-percent-error')).toHaveTextContent('From 0.01 to 100 %');
  expect(calls(run, 'StepUpChallenge')).toHaveLength(0);

  await fireEvent.changeText(screen.getByLabelText('Share of the position to sell (%)'), '25');
  await fireEvent.press(screen.getByRole('button', { name: 'Review and arm' }));
  expect(calls(run, 'StepUpChallenge')[0][0].variables).toEqual({
    action: { kind: 'createTradingAlert', type: 'hedge', account: 'acc-1', venue: 'sim', symbol: 'BTC/USDT', amount: '25', maxOrders: 1 },
  });
  await fireEvent.press(screen.getByRole('button', { name: 'Confirm with passkey' }));
  expect(calls(run, 'CreateAlert')[0][0].variables).toMatchObject({
    input: { name: 'Hedge on drop', action: { kind: 'HEDGE', accountId: 'acc-1', percent: '25' }, maxFires: 1 },
    stepUp: { credential: '{"id":"cred"}' },
  });
  expect(screen.queryByTestId('alert-form')).toBeNull();
});

test('a kill-switch alert is armed too; webhook and expiry are checked and sent', async () => {
  const { client, run } = setup({
    StepUpChallenge: data({ stepUpChallenge: { optionsJson: challengeOptions, summary: armSummary, expiresAt: '2026-12-01T10:05:00+00:00' } }),
    CreateAlert: data({ createAlert: alert('a-6', { armedWithStepUp: true }) }),
  });
  get.mockResolvedValueOnce({ id: 'cred' });
  await renderWith(<AlertsScreen />, client);
  await fireEvent.press(screen.getByRole('button', { name: 'New alert' }));
  await fireEvent.changeText(screen.getByLabelText('Name'), 'Crash stop');
  await fireEvent.press(screen.getByRole('radio', { name: 'below' }));
  await fireEvent.changeText(screen.getByLabelText('Threshold'), '50000');
  await fireEvent.press(screen.getByRole('radio', { name: 'Kill switch' }));
  expect(screen.getByTestId('alert-killswitch-note')).toHaveTextContent(/every bot stops/);
  await fireEvent.changeText(screen.getByLabelText('Webhook URL (optional)'), 'ftp://x');
  await fireEvent.changeText(screen.getByLabelText('Expires after (hours, optional)'), '0');
  await fireEvent.press(screen.getByRole('button', { name: 'Review and arm' }));
  expect(screen.getByTestId('alert-webhook-error')).toHaveTextContent('Use an http(s) URL');
  expect(screen.getByTestId('alert-expiry-error')).toHaveTextContent('From 1 to 8,760 hours');

  await fireEvent.changeText(screen.getByLabelText('Webhook URL (optional)'), 'https://hooks.example.com/co');
  await fireEvent.changeText(screen.getByLabelText('Expires after (hours, optional)'), '48');
  const before = Date.now();
  await fireEvent.press(screen.getByRole('button', { name: 'Review and arm' }));
  expect(calls(run, 'StepUpChallenge')[0][0].variables).toEqual({ action: { kind: 'createTradingAlert', type: 'killSwitch', maxOrders: 1 } });
  await fireEvent.press(screen.getByRole('button', { name: 'Confirm with passkey' }));
  const input = calls(run, 'CreateAlert')[0][0].variables.input;
  expect(input).toMatchObject({ action: { kind: 'KILL_SWITCH' }, webhookUrl: 'https://hooks.example.com/co', maxFires: 1 });
  const expires = Date.parse(input.expiresAt);
  expect(expires - before).toBeGreaterThanOrEqual(48 * 3_600_000 - 1000);
  expect(expires - Date.now()).toBeLessThanOrEqual(48 * 3_600_000);
});

test('edit an alert: threshold, direction, webhook (cleared when emptied) and expiry; the action stays', async () => {
  const listed = alert('a-1', { mode: 'RECURRING', cooldownSeconds: 300, webhookUrl: 'https://old.example.com/h', expiresAt: '2026-12-31T00:00:00+00:00' });
  const { client, run } = setup({
    Alerts: data({ ...alertsData, alerts: [listed] }),
    UpdateAlert: (v) => data({ updateAlert: { ...listed, market: { ...listed.market, threshold: String((v.input as { threshold?: string }).threshold ?? '70000') }, webhookUrl: null } })(v),
  });
  await renderWith(<AlertsScreen />, client);
  expect(screen.getByTestId('alert-a-1-extras')).toHaveTextContent(/expires .*webhook to https:\/\/old.example.com\/h/);
  await fireEvent.press(screen.getByRole('button', { name: 'Edit Alert a-1' }));
  expect(screen.getByLabelText('Threshold')).toHaveDisplayValue('70000');

  await fireEvent.changeText(screen.getByLabelText('Threshold'), 'abc');
  await fireEvent.press(screen.getByRole('button', { name: 'Save changes' }));
  expect(screen.getByTestId('alert-a-1-edit-threshold-error')).toHaveTextContent('Enter a number');
  expect(calls(run, 'UpdateAlert')).toHaveLength(0);

  await fireEvent.changeText(screen.getByLabelText('Threshold'), '72500');
  await fireEvent.press(screen.getByRole('radio', { name: 'crosses' }));
  await fireEvent.changeText(screen.getByLabelText('Pause between fires (seconds)'), '600');
  await fireEvent.changeText(screen.getByLabelText('Webhook URL (optional)'), '');
  await fireEvent.press(screen.getByRole('radio', { name: 'No expiry' }));
  await act(async () => {
    fireEvent.press(screen.getByRole('button', { name: 'Save changes' }));
  });
  expect(calls(run, 'UpdateAlert')[0][0].variables).toEqual({
    id: 'a-1',
    input: { threshold: '72500', direction: 'CROSSES', cooldownSeconds: 600, clearWebhook: true, clearExpiry: true },
  });
  // The answer shows at once: new threshold, no webhook.
  expect(screen.queryByTestId('alert-a-1-edit')).toBeNull();
  expect(screen.getByTestId('alert-a-1')).toHaveTextContent(/BTC\/USDT price above 72,500/);
  expect(screen.getByTestId('alert-a-1-extras')).not.toHaveTextContent(/webhook/);
});

test('edit: a server field error shows at its field; an armed alert says its action cannot change', async () => {
  const { client, run } = setup({ UpdateAlert: gqlError('BAD_USER_INPUT', 'webhookUrl must be an http(s) URL', { field: 'webhookUrl' }) });
  await renderWith(<AlertsScreen />, client);
  await fireEvent.press(screen.getByRole('button', { name: 'Edit RSI dip buy' }));
  expect(screen.getByText(/delete and create it again to change that/)).toBeOnTheScreen();
  await fireEvent.changeText(screen.getByLabelText('Webhook URL (optional)'), 'https://localhost/x');
  await fireEvent.changeText(screen.getByLabelText('Expires after (hours, optional)'), '2');
  await act(async () => {
    fireEvent.press(screen.getByRole('button', { name: 'Save changes' }));
  });
  const input = calls(run, 'UpdateAlert')[0][0].variables.input;
  expect(input.webhookUrl).toBe('https://localhost/x');
  expect(typeof input.expiresAt).toBe('string');
  expect(screen.getByTestId('alert-a-2-edit-webhook-error')).toHaveTextContent('webhookUrl must be an http(s) URL');
  expectAccessibleControls();
  await fireEvent.press(screen.getByRole('button', { name: 'Cancel' }));
  expect(screen.queryByTestId('alert-a-2-edit')).toBeNull();
});
