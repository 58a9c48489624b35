"""ML signals for a symbol and timeframe: candles from the venue in, ONNX inference, a `Signal` out.

Signals are public market data (like candles): the same for every user. Inference is batched:
`latest_many` builds one feature row per symbol and runs each model once for all of them. The
bus carries them as `signals:{symbol}` (see `api/workers/signal_feed.py`).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from api.errors import BadUserInput
from api.services.market import MarketService
from api.services.venues import SIM
from engine.market.models import TIMEFRAMES
from engine.signals.features import MIN_BARS, CandleWindow, book_imbalance
from engine.signals.onnx_model import SignalModel, SignalRequest
from engine.signals.types import Direction, Regime, Signal

WINDOW_BARS = 120  # closed candles read per symbol (the features need MIN_BARS)
BOOK_LEVELS = 10  # levels per side summed for the book imbalance
MAX_SYMBOLS = 50


class SignalService:
    def __init__(self, market: MarketService, model: SignalModel, venue: str = SIM) -> None:
        self.market = market
        self.model = model
        self.venue = venue

    async def latest(self, symbol: str, timeframe: str) -> Signal:
        [signal] = await self.latest_many([symbol], timeframe)
        return signal

    async def latest_many(self, symbols: Sequence[str], timeframe: str) -> list[Signal]:
        """The signal of each symbol's last closed candle, in the order given."""
        if timeframe not in TIMEFRAMES:
            raise BadUserInput(
                f"unknown timeframe {timeframe!r}; use one of {', '.join(TIMEFRAMES)}",
                field="timeframe",
            )
        if not 1 <= len(symbols) <= MAX_SYMBOLS:
            raise BadUserInput(f"give 1 to {MAX_SYMBOLS} symbols", field="symbols")
        requests = [
            SignalRequest(symbol, timeframe, await self._window(symbol, timeframe))
            for symbol in symbols
        ]
        return self.model.predict_batch(requests)

    async def _window(self, symbol: str, timeframe: str) -> CandleWindow:
        # + 1: the last candle is the forming one, which the window leaves out
        candles = await self.market.candles(self.venue, symbol, timeframe, WINDOW_BARS + 1)
        book = await self.market.order_book(self.venue, symbol, BOOK_LEVELS)
        imbalance = book_imbalance(
            float(sum(q for _, q in book.bids)), float(sum(q for _, q in book.asks))
        )
        closed = [c for c in candles if c.closed]
        if len(closed) < MIN_BARS:
            raise BadUserInput(
                f"{symbol} has {len(closed)} closed {timeframe} candles; signals need {MIN_BARS}",
                field="timeframe",
            )
        return CandleWindow.from_candles(closed, book_imbalance=imbalance)


def signal_topic(symbol: str) -> str:
    return f"signals:{symbol}"


def signal_to_message(signal: Signal) -> dict[str, Any]:
    return {
        "symbol": signal.symbol,
        "timeframe": signal.timeframe,
        "timestamp": signal.timestamp.isoformat(),
        "direction": signal.direction.value,
        "probability_up": signal.probability_up,
        "regime": signal.regime.value,
        "model": signal.model,
        "version": signal.version,
        "features": [[name, value] for name, value in signal.features.items()],
    }


def signal_from_message(data: dict[str, Any]) -> Signal:
    return Signal(
        symbol=data["symbol"],
        timeframe=data["timeframe"],
        timestamp=datetime.fromisoformat(data["timestamp"]),
        direction=Direction(data["direction"]),
        probability_up=float(data["probability_up"]),
        regime=Regime(data["regime"]),
        model=data["model"],
        version=data["version"],
        features={name: float(value) for name, value in data["features"]},
    )
