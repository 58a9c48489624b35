"""Which public trades a websocket watch has not handed out yet.

ccxt.pro resolves a `watch_trades` only on a message that arrives while the watch is waiting: a
trade that comes in between two calls is appended to the client's cache (`client.trades[symbol]`,
arrival order) and handed out only with the *next* trade, which on a quiet market can be minutes
later. The adapter therefore looks at the cache's tail first and returns what it has not returned
yet, and waits only when there is nothing.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Mapping, Sequence
from typing import Any

TradeRow = Mapping[str, Any]


def trade_key(row: TradeRow) -> object:
    """The venue's trade id; rows without one are told apart by what they say."""
    trade_id = row.get("id")
    if trade_id is not None:
        return trade_id
    return (row.get("timestamp"), row.get("price"), row.get("amount"), row.get("side"))


class FreshTrades:
    """The keys of the last `keep` trades returned for one symbol (keep it above the cache's
    length, so a trade still cached is never taken for new again)."""

    def __init__(self, keep: int) -> None:
        self._keep = keep
        self._returned: OrderedDict[object, None] = OrderedDict()

    def unseen_tail(self, cached: Sequence[TradeRow]) -> list[TradeRow]:
        """The trades at the end of `cached` (oldest first) after the last one returned."""
        tail: list[TradeRow] = []
        for row in reversed(cached):
            if trade_key(row) in self._returned:
                break
            tail.append(row)
        tail.reverse()
        return tail

    def take(self, rows: Sequence[TradeRow]) -> list[TradeRow]:
        """The rows not returned before, in order, now marked returned."""
        fresh = []
        for row in rows:
            key = trade_key(row)
            if key not in self._returned:
                self._returned[key] = None
                fresh.append(row)
        while len(self._returned) > self._keep:
            self._returned.popitem(last=False)
        return fresh
