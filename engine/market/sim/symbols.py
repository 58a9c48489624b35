"""The simulated venue's listed markets: exchange rules, starting prices and market character.

Rules follow a large spot venue (tick, lot step, 5 USDT minimum notional, maker 0.08 % / taker
0.10 %). `annual_vol` and the jump figures drive the price process; the liquidity figures drive
the simulated market makers and noise takers.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from engine.exchanges.errors import BadSymbol
from engine.market.models import Market

MAKER_FEE = Decimal("0.0008")
TAKER_FEE = Decimal("0.001")


@dataclass(frozen=True, slots=True)
class SymbolSpec:
    market: Market
    start_price: Decimal
    annual_vol: float  # annualised volatility of log returns, 0.6 = 60 %
    jumps_per_day: float
    jump_scale: float  # scale of a jump's log size (Student-t), as a fraction of price
    btc_correlation: float  # correlation of its diffusion shocks with BTC's (0 for BTC)
    level_notional: float  # quote value a market maker shows on one level near the touch
    trade_notional: float  # median noise-taker trade, in quote
    trades_per_minute: float  # noise-taker trade rate
    level_gap_bps: float = 1.0  # distance between the makers' ladder levels
    half_spread_bps: float = 1.0  # minimum distance from fair price to the best quote

    @property
    def symbol(self) -> str:
        return self.market.symbol


def _spec(
    symbol: str,
    price: str,
    tick: str,
    step: str,
    *,
    vol: float,
    corr: float,
    level_notional: float,
    trade_notional: float,
    trades_per_minute: float,
    jumps_per_day: float = 2.0,
    jump_scale: float = 0.006,
) -> SymbolSpec:
    base, quote = symbol.split("/")
    return SymbolSpec(
        market=Market(
            symbol=symbol,
            base=base,
            quote=quote,
            price_tick=Decimal(tick),
            qty_step=Decimal(step),
            min_qty=Decimal(step),
            min_notional=Decimal("5"),
            maker_fee=MAKER_FEE,
            taker_fee=TAKER_FEE,
        ),
        start_price=Decimal(price),
        annual_vol=vol,
        jumps_per_day=jumps_per_day,
        jump_scale=jump_scale,
        btc_correlation=corr,
        level_notional=level_notional,
        trade_notional=trade_notional,
        trades_per_minute=trades_per_minute,
    )


DEFAULT_SYMBOLS: tuple[SymbolSpec, ...] = (
    _spec("BTC/USDT", "95000.0", "0.1", "0.00001", vol=0.50, corr=0.0, level_notional=60_000,
          trade_notional=2_500, trades_per_minute=60, jumps_per_day=1.5, jump_scale=0.004),
    _spec("ETH/USDT", "3400.00", "0.01", "0.0001", vol=0.65, corr=0.6, level_notional=40_000,
          trade_notional=1_800, trades_per_minute=45, jump_scale=0.005),
    _spec("SOL/USDT", "190.00", "0.01", "0.001", vol=0.85, corr=0.5, level_notional=15_000,
          trade_notional=900, trades_per_minute=35, jump_scale=0.007),
    _spec("BNB/USDT", "680.00", "0.01", "0.001", vol=0.50, corr=0.5, level_notional=10_000,
          trade_notional=700, trades_per_minute=20, jump_scale=0.005),
    _spec("XRP/USDT", "2.3000", "0.0001", "0.1", vol=0.80, corr=0.45, level_notional=10_000,
          trade_notional=600, trades_per_minute=30, jump_scale=0.008),
    _spec("ADA/USDT", "0.7500", "0.0001", "0.1", vol=0.80, corr=0.5, level_notional=5_000,
          trade_notional=400, trades_per_minute=18, jump_scale=0.008),
    _spec("DOGE/USDT", "0.25000", "0.00001", "1", vol=0.95, corr=0.45, level_notional=8_000,
          trade_notional=500, trades_per_minute=25, jumps_per_day=3.0, jump_scale=0.010),
    _spec("AVAX/USDT", "30.00", "0.01", "0.01", vol=0.90, corr=0.5, level_notional=4_000,
          trade_notional=350, trades_per_minute=12, jump_scale=0.008),
    _spec("LINK/USDT", "18.000", "0.001", "0.01", vol=0.85, corr=0.5, level_notional=4_000,
          trade_notional=350, trades_per_minute=12, jump_scale=0.008),
    _spec("DOT/USDT", "6.000", "0.001", "0.01", vol=0.80, corr=0.5, level_notional=3_000,
          trade_notional=300, trades_per_minute=10, jump_scale=0.008),
    _spec("LTC/USDT", "100.00", "0.01", "0.001", vol=0.70, corr=0.5, level_notional=4_000,
          trade_notional=350, trades_per_minute=10, jump_scale=0.006),
    _spec("TRX/USDT", "0.25000", "0.00001", "1", vol=0.55, corr=0.35, level_notional=3_000,
          trade_notional=300, trades_per_minute=8, jump_scale=0.006),
)  # fmt: skip


def select_symbols(symbols: Iterable[str | SymbolSpec] | None = None) -> list[SymbolSpec]:
    """Specs by name from the defaults (or given directly); all defaults when `symbols` is None."""
    if symbols is None:
        return list(DEFAULT_SYMBOLS)
    known = {spec.symbol: spec for spec in DEFAULT_SYMBOLS}
    chosen: list[SymbolSpec] = []
    for item in symbols:
        if isinstance(item, SymbolSpec):
            chosen.append(item)
        elif item in known:
            chosen.append(known[item])
        else:
            raise BadSymbol(f"unknown symbol {item!r}; listed: {', '.join(known)}")
    names = [spec.symbol for spec in chosen]
    if len(set(names)) != len(names):
        raise ValueError(f"duplicate symbols in {names}")
    if not chosen:
        raise ValueError("a venue needs at least one symbol")
    return chosen


def default_symbol_names() -> Sequence[str]:
    return [spec.symbol for spec in DEFAULT_SYMBOLS]
