"""Every strategy kind by name: parse and validate JSON-like params, build the strategy.

The API stores a bot's params as JSON and hands them here; `validate_params` turns what a user
sent (strings or numbers for decimals, enum values as strings) into the params dataclass,
checks it (`Params.validate`) and returns the normalised JSON-able form (decimals as strings,
enums as their values, defaults filled), so storing its result and validating it again gives
the same dict. Every error is a `ValueError("<field>: <message>")` naming the field.

Each kind's parameter specs come from its params dataclass (names, types, defaults) plus a
one-line doc per field kept here, next to the kind's description.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import Enum
from typing import Any, Protocol

from engine.market.models import Market
from engine.strategies.base import Strategy
from engine.strategies.dca import DcaParams, DcaStrategy
from engine.strategies.grid import GridParams, GridStrategy
from engine.strategies.mean_reversion import MeanReversionParams, MeanReversionStrategy
from engine.strategies.momentum import MomentumParams, MomentumStrategy
from engine.strategies.sentiment import SentimentParams, SentimentStrategy
from engine.strategies.whale import WhaleParams, WhaleStrategy


class Params(Protocol):
    def validate(self, market: Market | None = None) -> None: ...


@dataclass(frozen=True, slots=True)
class ParamSpec:
    name: str
    type: str  # "decimal", "int", "bool", "str" or "enum"
    default: Any  # JSON-able; None when optional-without-value or required
    required: bool
    doc: str
    optional: bool = False  # may be null
    choices: tuple[str, ...] = ()  # for "enum"


@dataclass(frozen=True, slots=True)
class StrategyInfo:
    kind: str
    name: str
    description: str
    params: tuple[ParamSpec, ...]


@dataclass(frozen=True, slots=True)
class _Kind:
    name: str
    description: str
    params_type: type[Any]
    build: Callable[[Any, Market], Strategy]
    docs: Mapping[str, str]


_KINDS: dict[str, _Kind] = {}


def register(
    kind: str,
    *,
    name: str,
    description: str,
    params_type: type[Any],
    build: Callable[[Any, Market], Strategy],
    docs: Mapping[str, str],
) -> None:
    """Add a strategy kind; every field of `params_type` needs a doc line."""
    missing = [f.name for f in dataclasses.fields(params_type) if f.name not in docs]
    if missing:
        raise ValueError(f"{kind}: no doc for params {missing}")
    _KINDS[kind] = _Kind(name, description, params_type, build, docs)


def _field_type(hint: Any) -> tuple[Any, bool]:
    """(the concrete type, whether None is allowed) of an annotation like `Decimal | None`."""
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        return args[0], True
    return hint, False


def _type_name(tp: Any) -> str:
    if isinstance(tp, type) and issubclass(tp, Enum):
        return "enum"
    return {Decimal: "decimal", int: "int", bool: "bool", str: "str", float: "float"}[tp]


def _to_json(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Decimal):
        return str(value)
    return value


def _specs(kind: _Kind) -> tuple[ParamSpec, ...]:
    hints = typing.get_type_hints(kind.params_type)
    out = []
    for f in dataclasses.fields(kind.params_type):
        tp, optional = _field_type(hints[f.name])
        has_default = f.default is not dataclasses.MISSING
        out.append(
            ParamSpec(
                name=f.name,
                type=_type_name(tp),
                default=_to_json(f.default) if has_default else None,
                required=not has_default,
                doc=kind.docs[f.name],
                optional=optional,
                choices=tuple(str(m.value) for m in tp) if _type_name(tp) == "enum" else (),
            )
        )
    return tuple(out)


def _parse(name: str, tp: Any, value: Any) -> Any:
    if isinstance(tp, type) and issubclass(tp, Enum):
        try:
            return tp(value)
        except ValueError:
            choices = ", ".join(str(m.value) for m in tp)
            raise ValueError(f"{name}: must be one of {choices}, got {value!r}") from None
    if tp is bool:
        if not isinstance(value, bool):
            raise ValueError(f"{name}: must be true or false, got {value!r}")
        return value
    if tp is int:
        if isinstance(value, bool) or not isinstance(value, int | str):
            raise ValueError(f"{name}: must be an integer, got {value!r}")
        try:
            return int(value)
        except ValueError:
            raise ValueError(f"{name}: must be an integer, got {value!r}") from None
    if tp is Decimal:
        if isinstance(value, bool) or not isinstance(value, int | float | str | Decimal):
            raise ValueError(f"{name}: must be a number, got {value!r}")
        try:
            number = Decimal(str(value))  # str(): 0.1 stays 0.1, not its binary expansion
        except InvalidOperation:
            raise ValueError(f"{name}: must be a number, got {value!r}") from None
        if not number.is_finite():
            raise ValueError(f"{name}: must be a finite number, got {value!r}")
        return number
    if tp is float:
        if isinstance(value, bool) or not isinstance(value, int | float | str):
            raise ValueError(f"{name}: must be a number, got {value!r}")
        try:
            return float(value)
        except ValueError:
            raise ValueError(f"{name}: must be a number, got {value!r}") from None
    if tp is str:
        if not isinstance(value, str):
            raise ValueError(f"{name}: must be a string, got {value!r}")
        return value
    raise TypeError(f"{name}: unsupported parameter type {tp!r}")


def _kind(kind: str) -> _Kind:
    try:
        return _KINDS[kind]
    except KeyError:
        known = ", ".join(_KINDS)
        raise ValueError(f"kind: unknown strategy {kind!r}; known: {known}") from None


def parse_params(kind: str, params: Mapping[str, Any], market: Market | None = None) -> Any:
    """The validated params dataclass of `kind` for JSON-like `params`."""
    k = _kind(kind)
    fields = {f.name: f for f in dataclasses.fields(k.params_type)}
    for name in params:
        if name not in fields:
            raise ValueError(f"{name}: unknown parameter for {kind}")
    hints = typing.get_type_hints(k.params_type)
    values: dict[str, Any] = {}
    for name, f in fields.items():
        if name not in params:
            if f.default is dataclasses.MISSING:
                raise ValueError(f"{name}: required")
            continue
        tp, optional = _field_type(hints[name])
        value = params[name]
        if value is None:
            if not optional:
                raise ValueError(f"{name}: required, got null")
            values[name] = None
        else:
            values[name] = _parse(name, tp, value)
    parsed = k.params_type(**values)
    parsed.validate(market)
    return parsed


def params_to_json(params: Any) -> dict[str, Any]:
    return {f.name: _to_json(getattr(params, f.name)) for f in dataclasses.fields(params)}


def validate_params(kind: str, params: Mapping[str, Any]) -> dict[str, Any]:
    """Check `params` for `kind`; return them normalised (decimals as strings, defaults filled)."""
    return params_to_json(parse_params(kind, params))


def build_strategy(kind: str, params: Mapping[str, Any], market: Market) -> Strategy:
    """A fresh strategy of `kind`; params are checked against the market's rules too."""
    return _kind(kind).build(parse_params(kind, params, market), market)


def describe(kind: str) -> StrategyInfo:
    k = _kind(kind)
    return StrategyInfo(kind, k.name, k.description, _specs(k))


def strategy_kinds() -> tuple[str, ...]:
    return tuple(_KINDS)


register(
    "grid",
    name="Grid",
    description="Resting buys below and sells above the price in a range; each fill "
    "re-quotes one level away.",
    params_type=GridParams,
    build=GridStrategy,
    docs={
        "low": "Lowest grid price.",
        "high": "Highest grid price (above low).",
        "levels": "Number of price levels, both ends included (at least 2).",
        "qty_per_level": "Base quantity of each grid order.",
        "spacing": "arithmetic: constant price step; geometric: constant price ratio.",
        "stop_loss": "Price at or below which the grid stops and sells everything.",
        "take_profit": "Price at or above which the grid stops and sells everything.",
        "regime_spacing": "ML: widen (high volatility) or narrow (low) the spacing with the "
        "regime signal; applied when the grid re-centres.",
        "trailing_up": "When the price rises above the top level, move the whole grid up one "
        "step (cancel the lowest buy, buy at the old top).",
        "trailing_down": "When the price falls below the lowest level, move the whole grid down "
        "one step (the top sell moves to the old lowest level; realises the loss).",
        "trail_up_limit": "With trailing_up: no level ever at or above this price.",
        "trail_down_limit": "With trailing_down: no level ever at or below this price.",
    },
)
register(
    "dca",
    name="Smart DCA",
    description="A base buy, a ladder of safety buys below it and one take-profit on the "
    "average entry.",
    params_type=DcaParams,
    build=DcaStrategy,
    docs={
        "base_qty": "Base quantity of the opening market buy.",
        "safety_qty": "Base quantity of the first safety order.",
        "price_deviation_pct": "Distance of the first safety order below the entry, in %.",
        "max_safety_orders": "How many safety orders rest below the entry (0 or more).",
        "take_profit_pct": "Take-profit distance above the average entry, in %.",
        "step_scale": "Each next safety step is this many times the previous.",
        "volume_scale": "Each next safety order is this many times the previous.",
        "trailing_pct": "Trail the take-profit by this % below the peak instead of a limit.",
        "restart": "Start a new cycle after a take-profit.",
        "ml_timing_threshold": "ML: a safety buy waits until the price is at its level and "
        "the latest probability_up is at least this (0..1); null = off.",
    },
)
register(
    "momentum",
    name="Momentum",
    description="Follows a trend from an EMA cross or a channel breakout, with an ATR stop.",
    params_type=MomentumParams,
    build=MomentumStrategy,
    docs={
        "quote_amount": "Quote currency spent on each entry.",
        "entry": "ema_cross: fast EMA crosses above slow; breakout: close above the channel.",
        "fast_period": "Candles of the fast EMA.",
        "slow_period": "Candles of the slow EMA (above fast_period).",
        "breakout_period": "Candles of the breakout channel (highest high / lowest low).",
        "atr_period": "Candles of the ATR that sizes the stop.",
        "atr_stop_mult": "Stop distance below the entry, in ATRs.",
        "trailing": "Trail the stop below the highest close since entry.",
        "ml_confirm_threshold": "ML: enter only when the latest probability_up is at least "
        "this (0..1); null = off.",
    },
)
register(
    "mean_reversion",
    name="Mean reversion",
    description="Buys a close back inside the lower Bollinger band after a stretch below it "
    "(RSI-filtered) and sells at the mean.",
    params_type=MeanReversionParams,
    build=MeanReversionStrategy,
    docs={
        "quote_amount": "Quote currency spent on each entry.",
        "period": "Candles of the rolling mean and standard deviation.",
        "entry_z": "Band width: entries need a close below mean - entry_z standard deviations.",
        "exit_z": "Exit when the z-score reaches this (0 = the mean).",
        "reentry": "Buy when the close comes back inside the band, not on the first close "
        "below it.",
        "rsi_period": "Candles of the RSI filter.",
        "rsi_max": "Enter only if the RSI fell to this or lower while below the band; null "
        "= no filter.",
        "stop_pct": "Exit when the close is this % below the entry price; null = no stop.",
        "max_bars": "Exit after this many candles in the position; null = no time stop.",
    },
)
register(
    "sentiment",
    name="News sentiment",
    description="Buys a positive news-sentiment shock in the base asset and sells as it "
    "fades, on bad news, a stop or after a holding time.",
    params_type=SentimentParams,
    build=SentimentStrategy,
    docs={
        "quote_amount": "Quote currency spent on each entry.",
        "entry_level": "Buy when the decayed sentiment level crosses up to this.",
        "exit_level": "Sell when the level decays to this or lower.",
        "half_life_s": "Seconds for a headline's weight in the level to halve.",
        "min_abs_score": "Headlines scoring closer to 0 than this are ignored.",
        "stop_pct": "Exit this % below the entry price; null = no stop.",
        "max_hold_s": "Exit after holding this many seconds.",
    },
)
register(
    "whale",
    name="Whale tracker",
    description="Follows or fades large trades, new order-book walls and large on-chain transfers.",
    params_type=WhaleParams,
    build=WhaleStrategy,
    docs={
        "quote_amount": "Quote currency spent on each entry.",
        "mode": "follow: buy on whale buying, sell on whale selling; fade: the reverse.",
        "min_notional": "A whale trade or resting order is worth at least this (quote).",
        "window": "Trades in the rolling size distribution.",
        "mad_k": "A whale trade is above median + mad_k * MAD of that distribution.",
        "book_levels": "Book levels per side scanned for walls.",
        "book_k": "A wall is this many times the snapshot's median level size.",
        "transfer_min": "On-chain transfers of at least this (base units) count; null = "
        "ignore transfers.",
        "cooldown_s": "Seconds after an entry before the next one.",
        "hold_s": "Exit after holding this many seconds.",
        "stop_pct": "Exit this % below the entry price; null = no stop.",
        "take_profit_pct": "Exit this % above the entry price; null = none.",
    },
)

STRATEGY_KINDS: tuple[str, ...] = strategy_kinds()
