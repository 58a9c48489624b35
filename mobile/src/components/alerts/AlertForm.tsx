import { useState } from 'react';
import { Text, View } from 'react-native';
import { useTranslation } from 'react-i18next';
import { useMutation, type CombinedError } from 'urql';
import { CreateAlertMutation } from '../../graphql/alerts';
import type { ActionInput, AlertDirection, AlertEventKind, AlertMetric, AlertMode, AlertsQuery, CreateAlertInput } from '../../gql/graphql';
import { errorKey } from '../../graphql/errors';
import type { GuardedAction } from '../../auth/useGuardedAction';
import { useTheme } from '../../theme';
import { Button, Field } from '../controls';
import { Chip, ChipGroup, fieldError, ui } from '../bots/ui';
import { DEFAULT_PERIOD, METRICS, usesPeriod } from './describe';

export type ActionChoice = 'NONE' | 'PLACE_ORDER' | 'HEDGE' | 'CANCEL_ALL_ORDERS' | 'START_BOT' | 'STOP_BOT' | 'KILL_SWITCH';
const ACTIONS: ActionChoice[] = ['NONE', 'PLACE_ORDER', 'HEDGE', 'CANCEL_ALL_ORDERS', 'START_BOT', 'STOP_BOT', 'KILL_SWITCH'];
/** Actions that act on their own: armed with a step-up, limited by maxFires (CANCEL_ALL_ORDERS only reduces risk). */
const ARMED: ActionChoice[] = ['PLACE_ORDER', 'HEDGE', 'START_BOT', 'STOP_BOT', 'KILL_SWITCH'];
export const isArmed = (a: ActionChoice) => ARMED.includes(a);
const DIRECTIONS: AlertDirection[] = ['ABOVE', 'BELOW', 'CROSSES'];
export const EVENT_KINDS: AlertEventKind[] = ['ORDER_FILLED', 'BOT_EVENT', 'SIGNAL', 'WHALE', 'PNL', 'DRAWDOWN'];
/** Event kinds matched on the alert's symbol (signal and whale alerts need it). */
const SYMBOL_EVENTS: AlertEventKind[] = ['ORDER_FILLED', 'SIGNAL', 'WHALE'];
/** Level events fire on a bound: atLeast or atMost is required. */
const LEVEL_EVENTS: AlertEventKind[] = ['PNL', 'DRAWDOWN'];
const DECIMAL = /^-?\d+(\.\d+)?$/;
const POSITIVE = /^\d+(\.\d+)?$/;
const INT = /^\d+$/;

export interface AlertFormValues {
  name: string;
  symbol: string;
  condition: 'MARKET' | 'EVENT';
  metric: AlertMetric;
  direction: AlertDirection;
  eventKind: AlertEventKind;
  atLeast: string;
  atMost: string;
  eventBotId: string | null;
  threshold: string;
  period: string;
  mode: AlertMode;
  cooldown: string;
  maxFires: string;
  action: ActionChoice;
  side: 'BUY' | 'SELL';
  qty: string;
  price: string;
  botId: string | null;
  accountId: string | null;
  /** HEDGE: share of the position to sell (0 < percent ≤ 100). */
  percent: string;
  /** Optional: POSTed (signed) when the alert fires. */
  webhookUrl: string;
  /** Optional: the alert expires this many hours after it is created. */
  expiresHours: string;
}

/** An http(s) URL the server will accept for a webhook (docs/alerts.md). */
export const WEBHOOK_URL = /^https?:\/\/[^\s/?#]+[^\s]*$/i;
export const MAX_EXPIRY_HOURS = 24 * 365;

type Accounts = AlertsQuery['exchangeAccounts'];
type Bots = AlertsQuery['bots'];

/** Field → i18n key of what is wrong, before anything is sent. */
export function validateAlert(v: AlertFormValues): Record<string, string> {
  const e: Record<string, string> = {};
  if (!v.name.trim()) e.name = 'alerts.form.required';
  if (!/^[A-Z0-9]+\/[A-Z0-9]+$/.test(v.symbol.trim())) e.symbol = 'alerts.form.symbolFormat';
  if (v.condition === 'EVENT') {
    const low = v.atLeast.trim();
    const high = v.atMost.trim();
    if (low && !DECIMAL.test(low)) e.atLeast = 'alerts.form.number';
    if (high && !DECIMAL.test(high)) e.atMost = 'alerts.form.number';
    if (!e.atLeast && !e.atMost && low && high && Number(low) > Number(high)) e.atMost = 'alerts.form.boundsOrder';
    if (LEVEL_EVENTS.includes(v.eventKind) && !low && !high) e.atLeast = 'alerts.form.needBound';
  } else {
    if (!DECIMAL.test(v.threshold.trim())) e.threshold = 'alerts.form.number';
    else if (v.metric === 'PRICE' && Number(v.threshold) <= 0) e.threshold = 'alerts.form.positive';
    else if (v.metric === 'RSI' && (Number(v.threshold) <= 0 || Number(v.threshold) >= 100)) e.threshold = 'alerts.form.rsiRange';
    if (usesPeriod(v.metric) && (!INT.test(v.period.trim()) || Number(v.period) < 1)) e.period = 'alerts.form.wholeNumber';
  }
  if (v.mode === 'RECURRING' && !INT.test(v.cooldown.trim())) e.cooldown = 'alerts.form.wholeNumber';
  const trading = isArmed(v.action);
  if (trading && v.mode === 'RECURRING' && (!INT.test(v.maxFires.trim()) || Number(v.maxFires) < 1)) e.maxFires = 'alerts.form.wholeNumber';
  if (v.action === 'PLACE_ORDER') {
    if (!v.accountId) e.accountId = 'alerts.form.noAccount';
    if (!POSITIVE.test(v.qty.trim()) || Number(v.qty) <= 0) e.qty = 'alerts.form.positive';
    if (v.price.trim() && (!POSITIVE.test(v.price.trim()) || Number(v.price) <= 0)) e.price = 'alerts.form.positive';
  }
  if (v.action === 'HEDGE') {
    if (!v.accountId) e.accountId = 'alerts.form.noAccount';
    if (!POSITIVE.test(v.percent.trim()) || Number(v.percent) <= 0 || Number(v.percent) > 100) e.percent = 'alerts.form.percentRange';
  }
  if ((v.action === 'START_BOT' || v.action === 'STOP_BOT') && !v.botId) e.botId = 'alerts.form.pickBot';
  const url = v.webhookUrl.trim();
  if (url && (!WEBHOOK_URL.test(url) || url.length > 500)) e.webhookUrl = 'alerts.form.webhookFormat';
  const hours = v.expiresHours.trim();
  if (hours && (!INT.test(hours) || Number(hours) < 1 || Number(hours) > MAX_EXPIRY_HOURS)) e.expiresHours = 'alerts.form.expiryRange';
  return e;
}

/** The createAlert input of the form (`now`: when the expiry counts from). */
export function alertInput(v: AlertFormValues, now: number = Date.now()): CreateAlertInput {
  const recurring = v.mode === 'RECURRING';
  const input: CreateAlertInput = {
    name: v.name.trim(),
    symbol: v.symbol.trim(),
    venue: 'sim',
    mode: v.mode,
    cooldownSeconds: recurring ? Number(v.cooldown) : 0,
    notifyPush: true,
  };
  if (v.condition === 'EVENT') {
    const match = SYMBOL_EVENTS.includes(v.eventKind)
      ? [{ name: 'symbol', value: v.symbol.trim() }]
      : v.eventKind === 'BOT_EVENT' && v.eventBotId
        ? [{ name: 'botId', value: v.eventBotId }]
        : [];
    input.event = { kind: v.eventKind, match, atLeast: v.atLeast.trim() || null, atMost: v.atMost.trim() || null };
  } else {
    input.market = { metric: v.metric, direction: v.direction, threshold: v.threshold.trim(), period: usesPeriod(v.metric) ? Number(v.period) : 0 };
  }
  if (v.action === 'PLACE_ORDER') {
    const price = v.price.trim() || null;
    input.action = { kind: 'PLACE_ORDER', accountId: v.accountId, side: v.side, qty: v.qty.trim(), price, timeInForce: price ? 'GTC' : 'IOC' };
  } else if (v.action === 'HEDGE') {
    input.action = { kind: 'HEDGE', accountId: v.accountId, percent: v.percent.trim() };
  } else if (v.action === 'START_BOT' || v.action === 'STOP_BOT') {
    input.action = { kind: v.action, botId: v.botId };
  } else if (v.action === 'CANCEL_ALL_ORDERS') {
    input.action = { kind: 'CANCEL_ALL_ORDERS' };
  } else if (v.action === 'KILL_SWITCH') {
    input.action = { kind: 'KILL_SWITCH' };
  }
  if (v.webhookUrl.trim()) input.webhookUrl = v.webhookUrl.trim();
  if (v.expiresHours.trim()) input.expiresAt = new Date(now + Number(v.expiresHours) * 3_600_000).toISOString();
  if (input.action && input.action.kind !== 'CANCEL_ALL_ORDERS') input.maxFires = recurring ? Number(v.maxFires) : 1;
  return input;
}

/**
 * The step-up action createAlert verifies for an alert that trades or controls a bot
 * (docs/alerts.md "Arming with a step-up"); null when the alert needs none.
 */
export function armingAction(input: CreateAlertInput, accounts: Accounts): ActionInput | null {
  const a = input.action;
  if (!a || a.kind === 'CANCEL_ALL_ORDERS') return null;
  const maxOrders = input.maxFires ?? 1;
  if (a.kind === 'PLACE_ORDER') {
    return {
      kind: 'createTradingAlert',
      type: 'placeOrder',
      account: a.accountId,
      venue: accounts.find((acc) => acc.id === a.accountId)?.venue ?? null,
      symbol: input.symbol,
      side: (a.side ?? 'BUY').toLowerCase(),
      timeInForce: (a.timeInForce ?? 'GTC').toLowerCase(),
      qty: a.qty,
      price: a.price ?? null,
      maxOrders,
    };
  }
  if (a.kind === 'HEDGE') {
    return {
      kind: 'createTradingAlert',
      type: 'hedge',
      account: a.accountId,
      venue: accounts.find((acc) => acc.id === a.accountId)?.venue ?? null,
      symbol: input.symbol,
      amount: a.percent,
      maxOrders,
    };
  }
  if (a.kind === 'KILL_SWITCH') return { kind: 'createTradingAlert', type: 'killSwitch', maxOrders };
  return { kind: 'createTradingAlert', type: a.kind === 'START_BOT' ? 'startBot' : 'stopBot', botId: a.botId, maxOrders };
}

export function AlertForm({
  accounts,
  bots,
  guarded,
  onCreated,
  onCancel,
}: {
  accounts: Accounts;
  bots: Bots;
  guarded: GuardedAction;
  onCreated: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const theme = useTheme();
  const [, create] = useMutation(CreateAlertMutation);
  const [v, setV] = useState<AlertFormValues>({
    name: '',
    symbol: 'BTC/USDT',
    condition: 'MARKET',
    metric: 'PRICE',
    direction: 'ABOVE',
    eventKind: 'ORDER_FILLED',
    atLeast: '',
    atMost: '',
    eventBotId: null,
    threshold: '',
    period: '0',
    mode: 'ONCE',
    cooldown: '300',
    maxFires: '3',
    action: 'NONE',
    side: 'BUY',
    qty: '',
    price: '',
    botId: null,
    accountId: (accounts.find((a) => a.venue === 'sim') ?? accounts[0])?.id ?? null,
    percent: '50',
    webhookUrl: '',
    expiresHours: '',
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const set = <K extends keyof AlertFormValues>(key: K, value: AlertFormValues[K]) => setV((prev) => ({ ...prev, [key]: value }));

  const showServerError = (error: CombinedError) => {
    const named = fieldError(error);
    const at: Record<string, string> = { cooldownSeconds: 'cooldown', match: 'symbol', expiresAt: 'expiresHours' };
    if (named) setErrors({ [at[named.field] ?? named.field]: named.message });
    else setGeneral(t(errorKey(error) ?? 'errors.generic'));
  };

  const submit = async () => {
    setGeneral(null);
    const local = validateAlert(v);
    setErrors(Object.fromEntries(Object.entries(local).map(([k, key]) => [k, t(key)])));
    if (Object.keys(local).length > 0) return;
    const input = alertInput(v);
    const action = armingAction(input, accounts);
    if (action) {
      // Armed alerts: the server's summary, then the passkey, then createAlert with the assertion.
      void guarded.prepare(action, async (stepUp) => {
        const r = await create({ input, stepUp });
        if (r.error) {
          showServerError(r.error);
          return fieldError(r.error) ? { messageKey: 'alerts.form.fixFields' } : { error: r.error };
        }
        onCreated();
        return {};
      });
      return;
    }
    const r = await create({ input });
    if (r.error) showServerError(r.error);
    else onCreated();
  };

  const trading = isArmed(v.action);
  return (
    <View style={[ui.card, { borderColor: theme.border, backgroundColor: theme.surface }]} testID="alert-form">
      <Field label={t('alerts.form.name')} value={v.name} onChangeText={(x) => set('name', x)} error={errors.name} testID="alert-name" />
      <Field label={t('alerts.form.symbol')} value={v.symbol} onChangeText={(x) => set('symbol', x)} error={errors.symbol} autoCapitalize="none" autoCorrect={false} testID="alert-symbol" />
      <ChipGroup label={t('alerts.form.conditionType')}>
        {(['MARKET', 'EVENT'] as const).map((c) => (
          <Chip key={c} label={t(`alerts.form.conditionTypes.${c}`)} selected={v.condition === c} onPress={() => set('condition', c)} testID={`condition-${c}`} />
        ))}
      </ChipGroup>
      {v.condition === 'MARKET' ? (
        <>
          <ChipGroup label={t('alerts.form.metric')}>
            {METRICS.map((m) => (
              <Chip
                key={m}
                label={t(`alerts.metrics.${m}`)}
                selected={v.metric === m}
                onPress={() => setV((prev) => ({ ...prev, metric: m, period: String(DEFAULT_PERIOD[m]) }))}
                testID={`metric-${m}`}
              />
            ))}
          </ChipGroup>
          <ChipGroup label={t('alerts.form.direction')}>
            {DIRECTIONS.map((d) => (
              <Chip key={d} label={t(`alerts.directions.${d}`)} selected={v.direction === d} onPress={() => set('direction', d)} testID={`direction-${d}`} />
            ))}
          </ChipGroup>
          <Field label={t('alerts.form.threshold')} value={v.threshold} onChangeText={(x) => set('threshold', x)} error={errors.threshold} keyboardType="numbers-and-punctuation" testID="alert-threshold" />
          {usesPeriod(v.metric) ? (
            <Field label={t(`alerts.periods.${v.metric}`)} value={v.period} onChangeText={(x) => set('period', x)} error={errors.period} keyboardType="number-pad" testID="alert-period" />
          ) : null}
        </>
      ) : (
        <>
          <ChipGroup label={t('alerts.form.event')}>
            {EVENT_KINDS.map((k) => (
              <Chip key={k} label={t(`alerts.events.${k}`)} selected={v.eventKind === k} onPress={() => set('eventKind', k)} testID={`event-${k}`} />
            ))}
          </ChipGroup>
          {v.eventKind === 'BOT_EVENT' && bots.length > 0 ? (
            <ChipGroup label={t('alerts.form.bot')}>
              <Chip label={t('alerts.form.anyBot')} selected={v.eventBotId === null} onPress={() => set('eventBotId', null)} testID="event-bot-any" />
              {bots.map((b) => (
                <Chip key={b.id} label={b.name} selected={v.eventBotId === b.id} onPress={() => set('eventBotId', b.id)} testID={`event-bot-${b.id}`} />
              ))}
            </ChipGroup>
          ) : null}
          <Field label={t('alerts.form.atLeast')} value={v.atLeast} onChangeText={(x) => set('atLeast', x)} error={errors.atLeast} keyboardType="numbers-and-punctuation" testID="alert-atleast" />
          <Field label={t('alerts.form.atMost')} value={v.atMost} onChangeText={(x) => set('atMost', x)} error={errors.atMost} keyboardType="numbers-and-punctuation" testID="alert-atmost" />
        </>
      )}
      <ChipGroup label={t('alerts.form.mode')}>
        {(['ONCE', 'RECURRING'] as AlertMode[]).map((m) => (
          <Chip key={m} label={t(`alerts.modes.${m}`)} selected={v.mode === m} onPress={() => set('mode', m)} testID={`mode-${m}`} />
        ))}
      </ChipGroup>
      {v.mode === 'RECURRING' ? (
        <Field label={t('alerts.form.cooldown')} value={v.cooldown} onChangeText={(x) => set('cooldown', x)} error={errors.cooldown} keyboardType="number-pad" testID="alert-cooldown" />
      ) : null}
      <ChipGroup label={t('alerts.form.action')}>
        {ACTIONS.map((a) => (
          <Chip key={a} label={t(`alerts.actions.${a}`)} selected={v.action === a} onPress={() => set('action', a)} testID={`action-${a}`} />
        ))}
      </ChipGroup>
      {v.action === 'PLACE_ORDER' ? (
        <>
          <ChipGroup label={t('alerts.form.side')}>
            {(['BUY', 'SELL'] as const).map((s) => (
              <Chip key={s} label={t(`orders.side.${s}`)} selected={v.side === s} onPress={() => set('side', s)} testID={`side-${s}`} />
            ))}
          </ChipGroup>
          {accounts.length > 1 ? (
            <ChipGroup label={t('alerts.form.account')}>
              {accounts.map((a) => (
                <Chip key={a.id} label={`${a.label} (${a.venue})`} selected={v.accountId === a.id} onPress={() => set('accountId', a.id)} testID={`alert-account-${a.id}`} />
              ))}
            </ChipGroup>
          ) : null}
          <Field label={t('alerts.form.qty')} value={v.qty} onChangeText={(x) => set('qty', x)} error={errors.qty ?? errors.accountId} keyboardType="decimal-pad" testID="alert-qty" />
          <Field label={t('alerts.form.price')} value={v.price} onChangeText={(x) => set('price', x)} error={errors.price} keyboardType="decimal-pad" placeholder={t('alerts.market')} testID="alert-price" />
        </>
      ) : null}
      {v.action === 'HEDGE' ? (
        <>
          {accounts.length > 1 ? (
            <ChipGroup label={t('alerts.form.account')}>
              {accounts.map((a) => (
                <Chip key={a.id} label={`${a.label} (${a.venue})`} selected={v.accountId === a.id} onPress={() => set('accountId', a.id)} testID={`alert-hedge-account-${a.id}`} />
              ))}
            </ChipGroup>
          ) : null}
          <Field
            label={t('alerts.form.percent')}
            value={v.percent}
            onChangeText={(x) => set('percent', x)}
            error={errors.percent ?? errors.accountId}
            keyboardType="decimal-pad"
            testID="alert-percent"
          />
        </>
      ) : null}
      {v.action === 'KILL_SWITCH' ? (
        <Text style={{ color: theme.danger }} testID="alert-killswitch-note">
          {t('alerts.form.killSwitchNote')}
        </Text>
      ) : null}
      {v.action === 'START_BOT' || v.action === 'STOP_BOT' ? (
        <ChipGroup label={t('alerts.form.bot')}>
          {bots.length === 0 ? <Text style={{ color: theme.muted }}>{t('alerts.form.noBots')}</Text> : null}
          {bots.map((b) => (
            <Chip key={b.id} label={b.name} selected={v.botId === b.id} onPress={() => set('botId', b.id)} testID={`alert-bot-${b.id}`} />
          ))}
        </ChipGroup>
      ) : null}
      {errors.botId ? (
        <Text accessibilityRole="alert" style={{ color: theme.danger }} testID="alert-bot-error">
          {errors.botId}
        </Text>
      ) : null}
      {trading && v.mode === 'RECURRING' ? (
        <Field label={t('alerts.form.maxFires')} value={v.maxFires} onChangeText={(x) => set('maxFires', x)} error={errors.maxFires} keyboardType="number-pad" testID="alert-maxfires" />
      ) : null}
      <Field
        label={t('alerts.form.webhookUrl')}
        value={v.webhookUrl}
        onChangeText={(x) => set('webhookUrl', x)}
        error={errors.webhookUrl}
        keyboardType="url"
        placeholder="https://example.com/hook"
        testID="alert-webhook"
      />
      <Field
        label={t('alerts.form.expiresHours')}
        value={v.expiresHours}
        onChangeText={(x) => set('expiresHours', x)}
        error={errors.expiresHours}
        keyboardType="number-pad"
        testID="alert-expiry"
      />
      {trading ? <Text style={{ color: theme.muted }}>{t('alerts.form.armNote')}</Text> : null}
      {general ? (
        <Text accessibilityRole="alert" style={{ color: theme.danger }} testID="alert-form-error">
          {general}
        </Text>
      ) : null}
      <View style={ui.actions}>
        <Button label={trading ? t('alerts.form.arm') : t('alerts.form.create')} kind="primary" onPress={() => void submit()} testID="alert-submit" />
        <Button label={t('common.cancel')} onPress={onCancel} testID="alert-form-cancel" />
      </View>
    </View>
  );
}
