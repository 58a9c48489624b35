import type { OrderSide, OrderType } from '../gql/graphql';
import { compare, decimalsOf, divide, floorToStep, isMultiple, multiply, parseDecimal, toText } from './decimal';

/** A market's trading rules (from `markets`). */
export interface MarketRules {
  venue: string;
  symbol: string;
  base: string;
  quote: string;
  priceTick: string;
  qtyStep: string;
  minQty: string;
  minNotional: string;
}

export interface TicketInput {
  side: OrderSide;
  type: OrderType;
  qty: string;
  price: string;
  /** STOP_LIMIT only: the trade price that turns the stop into a limit order. */
  triggerPrice?: string;
}

/** Whether the order type carries its own limit price (LIMIT and STOP_LIMIT). */
export function hasLimitPrice(type: OrderType): boolean {
  return type !== 'MARKET';
}

/** i18n key and values of a field's error (key under `ticket.errors`). */
export interface FieldError {
  key: string;
  values?: Record<string, string>;
}

export interface TicketErrors {
  qty?: FieldError;
  price?: FieldError;
  triggerPrice?: FieldError;
}

/**
 * A stop-limit's trigger against the market (the server checks the same, with the codes
 * STOP_TRIGGER_REQUIRED / STOP_TRIGGER_OFF_TICK / STOP_TRIGGER_INVALID): given, positive, on the
 * price tick, and beyond the last price in the order's direction (a buy stop above it, a sell
 * stop below it). Keys under `stopOrders.errors`.
 */
export function validateTrigger(input: TicketInput, rules: MarketRules, lastPrice?: string | null): FieldError | undefined {
  const text = input.triggerPrice ?? '';
  if (!text.trim()) return { key: 'stopOrders.errors.triggerRequired' };
  const trigger = parseDecimal(text);
  if (!trigger || trigger.units <= 0n) return { key: 'stopOrders.errors.triggerInvalid' };
  if (!isMultiple(trigger, parseDecimal(rules.priceTick)!)) return { key: 'stopOrders.errors.triggerTick', values: { tick: rules.priceTick } };
  const last = parseDecimal(lastPrice ?? '');
  if (last) {
    if (input.side === 'BUY' && compare(trigger, last) <= 0) return { key: 'stopOrders.errors.triggerAbove', values: { last: toText(last) } };
    if (input.side === 'SELL' && compare(trigger, last) >= 0) return { key: 'stopOrders.errors.triggerBelow', values: { last: toText(last) } };
  }
  return undefined;
}

/** Inline errors of an order ticket against the market's min qty, qty step, price tick and min notional. */
export function validateTicket(input: TicketInput, rules: MarketRules, referencePrice?: string | null): TicketErrors {
  const errors: TicketErrors = {};
  const qty = parseDecimal(input.qty);
  const step = parseDecimal(rules.qtyStep)!;
  const minQty = parseDecimal(rules.minQty)!;
  if (!input.qty.trim()) errors.qty = { key: 'ticket.errors.qtyRequired' };
  else if (!qty || qty.units <= 0n) errors.qty = { key: 'ticket.errors.qtyInvalid' };
  else if (compare(qty, minQty) < 0) errors.qty = { key: 'ticket.errors.qtyMin', values: { min: rules.minQty, base: rules.base } };
  else if (!isMultiple(qty, step)) errors.qty = { key: 'ticket.errors.qtyStep', values: { step: rules.qtyStep } };

  let price = null;
  if (hasLimitPrice(input.type)) {
    price = parseDecimal(input.price);
    const tick = parseDecimal(rules.priceTick)!;
    if (!input.price.trim()) errors.price = { key: 'ticket.errors.priceRequired' };
    else if (!price || price.units <= 0n) errors.price = { key: 'ticket.errors.priceInvalid' };
    else if (!isMultiple(price, tick)) errors.price = { key: 'ticket.errors.priceTick', values: { tick: rules.priceTick } };
  } else if (referencePrice) {
    price = parseDecimal(referencePrice);
  }
  if (input.type === 'STOP_LIMIT') {
    const trigger = validateTrigger(input, rules, referencePrice);
    if (trigger) errors.triggerPrice = trigger;
  }
  const minNotional = parseDecimal(rules.minNotional);
  if (!errors.qty && !errors.price && qty && price && minNotional && minNotional.units > 0n) {
    if (compare(multiply(qty, price), minNotional) < 0) {
      errors.qty = { key: 'ticket.errors.minNotional', values: { min: rules.minNotional, quote: rules.quote } };
    }
  }
  return errors;
}

export const PRESETS = [25, 50, 75, 100] as const;

/**
 * Quantity for a percentage of the free balance: a buy spends the quote currency at `price`, a sell
 * sells the base currency; rounded down to the market's qty step. Null when it cannot be computed.
 */
export function presetQty(
  pct: number,
  side: OrderSide,
  rules: MarketRules,
  freeBase: string | undefined,
  freeQuote: string | undefined,
  price: string | null | undefined,
): string | null {
  const step = parseDecimal(rules.qtyStep);
  const share = parseDecimal(String(pct / 100));
  if (!step || !share || step.units <= 0n) return null;
  let qty;
  if (side === 'SELL') {
    const free = parseDecimal(freeBase ?? '');
    if (!free) return null;
    qty = multiply(free, share);
  } else {
    const free = parseDecimal(freeQuote ?? '');
    const p = parseDecimal(price ?? '');
    if (!free || !p || p.units <= 0n) return null;
    qty = divide(multiply(free, share), p, decimalsOf(rules.qtyStep) + 2);
  }
  const floored = floorToStep(qty, step);
  return floored.units > 0n ? toText(floored) : null;
}

/** Canonical decimal text (what the server normalises to) for the order and its step-up action. */
export function normalise(value: string): string {
  const parsed = parseDecimal(value);
  return parsed ? toText(parsed) : value;
}

/** The step-up action of an order: the exact fields the server binds the assertion to. */
export function orderAction(accountId: string, venue: string, symbol: string, input: TicketInput) {
  return {
    kind: 'placeOrder',
    account: accountId,
    venue,
    symbol,
    side: input.side.toLowerCase(),
    type: input.type.toLowerCase(),
    timeInForce: 'gtc',
    qty: normalise(input.qty),
    price: hasLimitPrice(input.type) ? normalise(input.price) : null,
    // Only stop-limit orders carry it: every other action's bytes (and digest) stay as before.
    ...(input.type === 'STOP_LIMIT' ? { triggerPrice: normalise(input.triggerPrice ?? '') } : {}),
  };
}

/** PlaceOrderInput for the same order (clientOrderId makes a retry after a lost answer idempotent). */
export function orderInput(accountId: string, symbol: string, input: TicketInput, clientOrderId: string) {
  return {
    accountId,
    symbol,
    side: input.side,
    type: input.type,
    qty: normalise(input.qty),
    price: hasLimitPrice(input.type) ? normalise(input.price) : null,
    ...(input.type === 'STOP_LIMIT' ? { triggerPrice: normalise(input.triggerPrice ?? '') } : {}),
    timeInForce: 'GTC' as const,
    clientOrderId,
  };
}

/** The server's stop-limit error codes and the messages the ticket shows for them. */
export const STOP_ERROR_KEYS: Record<string, string> = {
  STOP_TRIGGER_REQUIRED: 'stopOrders.errors.triggerRequired',
  STOP_TRIGGER_OFF_TICK: 'stopOrders.errors.triggerOffTick',
  STOP_TRIGGER_INVALID: 'stopOrders.errors.triggerWrongSide',
  STOP_ORDERS_UNSUPPORTED: 'stopOrders.errors.unsupported',
};

/** A 1-36 character idempotency key of [A-Za-z0-9-_]. */
export function newClientOrderId(random: () => number = Math.random): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  let id = 'app-';
  for (let i = 0; i < 20; i++) id += alphabet[Math.floor(random() * alphabet.length)];
  return id;
}
