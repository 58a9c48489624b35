from __future__ import annotations

from collections.abc import AsyncGenerator

import strawberry

from api.errors import BadUserInput
from api.services.signals import MAX_SYMBOLS, signal_from_message, signal_topic
from schema.context import Info
from schema.signals.types import Signal


@strawberry.type
class SignalSubscription:
    @strawberry.subscription(
        description="1m signals of the given symbols: first the current signal of each, then a "
        "new one per symbol whenever a 1-minute candle closes."
    )
    async def signals(self, info: Info, symbols: list[str]) -> AsyncGenerator[Signal, None]:
        services = info.context.services
        unique = list(dict.fromkeys(symbols))
        if not 1 <= len(unique) <= MAX_SYMBOLS:
            raise BadUserInput(f"give 1 to {MAX_SYMBOLS} symbols", field="symbols")
        # Subscribe before computing the current state so no update falls in between.
        async with services.bus.subscribe(*(signal_topic(s) for s in unique)) as subscription:
            latest = await services.signals.latest_many(unique, "1m")
            newest = {s.symbol: s.timestamp for s in latest}
            for signal in latest:
                yield Signal.of(signal)
            async for message in subscription:
                signal = signal_from_message(message.data)
                if signal.timestamp > newest[signal.symbol]:  # newer candles only
                    newest[signal.symbol] = signal.timestamp
                    yield Signal.of(signal)
