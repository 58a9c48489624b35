import { useEffect, useState } from 'react';
import { Pressable, StyleSheet, Text, TextInput, View } from 'react-native';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { PlaceOrderMutation } from '../graphql/documents';
import type { OrderSide, OrderType } from '../gql/graphql';
import type { GuardedAction } from '../auth/useGuardedAction';
import { formatNumber } from '../format';
import { errorKey } from '../graphql/errors';
import { stepUpProblem } from '../graphql/stepUpErrors';
import { orderSummary } from '../trading/orderSummary';
import {
  hasLimitPrice,
  newClientOrderId,
  orderAction,
  orderInput,
  PRESETS,
  presetQty,
  STOP_ERROR_KEYS,
  validateTicket,
  type MarketRules,
  type TicketErrors,
} from '../trading/ticket';
import { useTheme } from '../theme';

export interface TicketAccount {
  id: string;
  venue: string;
}

interface Props {
  rules: MarketRules;
  account: TicketAccount | null;
  freeBase?: string;
  freeQuote?: string;
  lastPrice?: string | null;
  side: OrderSide;
  onSideChange(side: OrderSide): void;
  /** A price picked from the order book. */
  pickedPrice?: string | null;
  guarded: GuardedAction;
  /** A live trading grant covers one more order here: place it without a passkey prompt. */
  grantActive?: boolean;
  onPlaced?: () => void;
  /** The venue's name: with no account there, the ticket names it and links to onAddAccount. */
  venueName?: string;
  onAddAccount?: () => void;
}

/**
 * Order ticket: side, type (limit, market, stop-limit with its trigger price), amount with 25/50/75/100 % presets of the free balance, price; inline
 * errors against the market's rules; "Review" asks the server for the step-up challenge, whose
 * summary the confirmation sheet shows before the passkey prompt.
 */
export function OrderTicket({
  rules,
  account,
  freeBase,
  freeQuote,
  lastPrice,
  side,
  onSideChange,
  pickedPrice,
  guarded,
  grantActive,
  onPlaced,
  venueName,
  onAddAccount,
}: Props) {
  const { t, i18n } = useTranslation();
  const theme = useTheme();
  const locale = i18n.language;
  const [type, setType] = useState<OrderType>('LIMIT');
  const [qty, setQty] = useState('');
  const [price, setPrice] = useState('');
  const [triggerPrice, setTriggerPrice] = useState('');
  const [errors, setErrors] = useState<TicketErrors>({});
  const [touched, setTouched] = useState(false);
  const [, placeOrder] = useMutation(PlaceOrderMutation);
  const [grantNotice, setGrantNotice] = useState<{ text: string; error: boolean } | null>(null);

  useEffect(() => {
    if (pickedPrice) setPrice(pickedPrice);
  }, [pickedPrice]);

  const input = { side, type, qty, price, triggerPrice };
  const reference = hasLimitPrice(type) ? price || lastPrice : lastPrice;
  // Errors show once the user tried to submit, then update as they type.
  useEffect(() => {
    if (touched) setErrors(validateTicket({ side, type, qty, price, triggerPrice }, rules, lastPrice));
  }, [touched, side, type, qty, price, triggerPrice, rules, lastPrice]);

  const review = async () => {
    setTouched(true);
    setGrantNotice(null);
    const found = validateTicket(input, rules, lastPrice);
    setErrors(found);
    if (found.qty || found.price || found.triggerPrice || !account) return;
    const clientOrderId = newClientOrderId();
    const orderVariables = { input: orderInput(account.id, rules.symbol, input, clientOrderId) };
    if (grantActive) {
      // Pre-approved by a trading grant: no prompt. If the grant no longer covers it, the
      // server answers STEP_UP_* and the normal confirmation + passkey flow takes over.
      const res = await placeOrder(orderVariables);
      if (res.data) {
        setGrantNotice({ text: t('ticket.placedWithGrant', { summary: orderSummary(res.data.placeOrder, t, locale) }), error: false });
        onPlaced?.();
        return;
      }
      if (!stepUpProblem(res.error)) {
        setGrantNotice({ text: t(errorKey(res.error, STOP_ERROR_KEYS) ?? 'errors.generic'), error: true });
        return;
      }
    }
    void guarded.prepare(orderAction(account.id, account.venue, rules.symbol, input), (stepUp) =>
      placeOrder({ ...orderVariables, stepUp }),
    );
  };

  const applyPreset = (pct: number) => {
    const value = presetQty(pct, side, rules, freeBase, freeQuote, reference);
    if (value) setQty(value);
  };

  const segment = <T extends string>(value: T, current: T, label: string, onPress: () => void, color: string, testID: string) => {
    const selected = value === current;
    return (
      <Pressable
        key={value}
        accessibilityRole="radio"
        accessibilityLabel={label}
        accessibilityState={{ selected, checked: selected }}
        aria-checked={selected}
        onPress={onPress}
        style={[styles.segment, { borderColor: color, backgroundColor: selected ? color : 'transparent' }]}
        testID={testID}
      >
        <Text style={{ color: selected ? theme.onAccent : color, fontWeight: '700', fontSize: 16 }}>{label}</Text>
      </Pressable>
    );
  };

  const field = (label: string, value: string, onChange: (v: string) => void, error: TicketErrors['qty'], testID: string) => (
    <View style={styles.field}>
      <Text style={[styles.label, { color: theme.text }]}>{label}</Text>
      <TextInput
        accessibilityLabel={label}
        inputMode="decimal"
        keyboardType="decimal-pad"
        onChangeText={onChange}
        style={[styles.input, { color: theme.text, borderColor: error ? theme.danger : theme.border, backgroundColor: theme.surface }]}
        testID={testID}
        value={value}
      />
      {error ? (
        <Text accessibilityRole="alert" style={{ color: theme.danger, marginTop: 4 }} testID={`${testID}-error`}>
          {t(error.key, error.values)}
        </Text>
      ) : null}
    </View>
  );

  const available = side === 'BUY' ? { amount: freeQuote, currency: rules.quote } : { amount: freeBase, currency: rules.base };
  const notional = Number(qty) * Number(reference ?? NaN);
  const sideColor = side === 'BUY' ? theme.up : theme.down;
  const reviewLabel = side === 'BUY' ? t('ticket.reviewBuy') : t('ticket.reviewSell');

  return (
    <View style={[styles.box, { borderColor: theme.border }]} testID="order-ticket">
      <Text accessibilityRole="header" style={[styles.title, { color: theme.text }]}>
        {t('ticket.title')}
      </Text>
      <View style={styles.segments} accessibilityRole="radiogroup">
        {segment<OrderSide>('BUY', side, t('ticket.buy'), () => onSideChange('BUY'), theme.up, 'ticket-buy')}
        {segment<OrderSide>('SELL', side, t('ticket.sell'), () => onSideChange('SELL'), theme.down, 'ticket-sell')}
      </View>
      <View style={styles.segments} accessibilityRole="radiogroup">
        {segment<OrderType>('LIMIT', type, t('ticket.limit'), () => setType('LIMIT'), theme.accent, 'ticket-limit')}
        {segment<OrderType>('MARKET', type, t('ticket.market'), () => setType('MARKET'), theme.accent, 'ticket-market')}
        {segment<OrderType>('STOP_LIMIT', type, t('stopOrders.stopLimit'), () => setType('STOP_LIMIT'), theme.accent, 'ticket-stop-limit')}
      </View>
      {type === 'STOP_LIMIT' ? (
        <>
          {field(t('stopOrders.trigger', { quote: rules.quote }), triggerPrice, setTriggerPrice, errors.triggerPrice, 'ticket-trigger')}
          <Text style={{ color: theme.muted, marginTop: 4 }} testID="ticket-trigger-hint">
            {t(side === 'BUY' ? 'stopOrders.hintBuy' : 'stopOrders.hintSell')}
          </Text>
        </>
      ) : null}
      {hasLimitPrice(type) ? field(t('ticket.price', { quote: rules.quote }), price, setPrice, errors.price, 'ticket-price') : null}
      {field(t('ticket.amount', { base: rules.base }), qty, setQty, errors.qty, 'ticket-qty')}
      <View style={styles.presets}>
        {PRESETS.map((pct) => (
          <Pressable
            key={pct}
            accessibilityRole="button"
            accessibilityLabel={t('ticket.presetLabel', { pct })}
            onPress={() => applyPreset(pct)}
            style={[styles.preset, { borderColor: theme.border }]}
            testID={`preset-${pct}`}
          >
            <Text style={{ color: theme.text }}>{t('ticket.preset', { pct })}</Text>
          </Pressable>
        ))}
      </View>
      <Text style={{ color: theme.muted, marginTop: 8 }} testID="ticket-available">
        {t('ticket.available', { amount: formatNumber(available.amount, locale), currency: available.currency })}
      </Text>
      {Number.isFinite(notional) && notional > 0 ? (
        <Text style={{ color: theme.muted }} testID="ticket-total">
          {t('ticket.total', { amount: formatNumber(String(notional), locale, 2), quote: rules.quote })}
        </Text>
      ) : null}
      {!account ? (
        <Text accessibilityRole="alert" style={{ color: theme.danger, marginTop: 8 }} testID="ticket-no-account">
          {venueName ? t('marketVenues.noAccount', { venue: venueName }) : t('ticket.noAccount')}
        </Text>
      ) : null}
      {!account && onAddAccount ? (
        <Pressable
          accessibilityRole="link"
          accessibilityLabel={t('marketVenues.addAccount')}
          onPress={onAddAccount}
          style={styles.addAccount}
          testID="ticket-add-account"
        >
          <Text style={{ color: theme.accent, fontWeight: '600' }}>{t('marketVenues.addAccount')}</Text>
        </Pressable>
      ) : null}
      <Pressable
        accessibilityRole="button"
        accessibilityLabel={reviewLabel}
        accessibilityState={{ disabled: !account }}
        disabled={!account}
        onPress={() => void review()}
        style={[styles.submit, { backgroundColor: sideColor, opacity: account ? 1 : 0.5 }]}
        testID="ticket-review"
      >
        <Text style={{ color: theme.onAccent, fontWeight: '700', fontSize: 16 }}>{reviewLabel}</Text>
      </Pressable>
      {grantNotice ? (
        <Text accessibilityRole="alert" style={{ color: grantNotice.error ? theme.danger : theme.up, marginTop: 8 }} testID="ticket-grant-notice">
          {grantNotice.text}
        </Text>
      ) : null}
      {guarded.state.phase === 'done' && guarded.state.summary ? (
        <Text accessibilityRole="alert" style={{ color: theme.up, marginTop: 8 }} testID="ticket-placed">
          {t('ticket.placed', { summary: guarded.state.summary })}
        </Text>
      ) : null}
    </View>
  );
}

const styles = StyleSheet.create({
  box: { marginTop: 16, padding: 12, borderWidth: StyleSheet.hairlineWidth, borderRadius: 12 },
  title: { fontSize: 18, fontWeight: '700', marginBottom: 8 },
  segments: { flexDirection: 'row', gap: 8, marginBottom: 8 },
  segment: { flex: 1, minHeight: 44, borderWidth: 1, borderRadius: 8, alignItems: 'center', justifyContent: 'center' },
  field: { marginTop: 8 },
  label: { fontSize: 14, fontWeight: '600', marginBottom: 4 },
  input: { minHeight: 48, borderWidth: 1, borderRadius: 8, paddingHorizontal: 12, fontSize: 16 },
  presets: { flexDirection: 'row', gap: 8, marginTop: 8 },
  preset: { flex: 1, minHeight: 44, borderWidth: 1, borderRadius: 8, alignItems: 'center', justifyContent: 'center' },
  addAccount: { minHeight: 44, justifyContent: 'center', alignSelf: 'flex-start' },
  submit: { minHeight: 48, borderRadius: 8, alignItems: 'center', justifyContent: 'center', marginTop: 12 },
});
