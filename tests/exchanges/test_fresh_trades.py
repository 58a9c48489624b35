"""FreshTrades: what of ccxt.pro's trade cache the adapter has not returned yet."""

from __future__ import annotations

from engine.exchanges.fresh_trades import FreshTrades


def row(trade_id: str | None, price: str = "1", ts: int = 0) -> dict[str, object]:
    return {"id": trade_id, "price": price, "amount": "1", "side": "buy", "timestamp": ts}


def test_only_the_cache_tail_after_the_last_returned_trade_is_unseen() -> None:
    fresh = FreshTrades(keep=10)
    cache = [row("1"), row("2")]
    assert fresh.take(fresh.unseen_tail(cache)) == cache  # nothing returned yet: all of it
    cache += [row("3"), row("4")]
    assert [r["id"] for r in fresh.take(fresh.unseen_tail(cache))] == ["3", "4"]
    assert fresh.unseen_tail(cache) == []


def test_take_never_returns_a_trade_twice_and_tells_id_less_rows_apart_by_content() -> None:
    fresh = FreshTrades(keep=10)
    assert len(fresh.take([row("1"), row(None, "5", 7), row(None, "6", 7)])) == 3
    assert fresh.take([row("1"), row(None, "5", 7), row("2")]) == [row("2")]


def test_it_forgets_the_oldest_beyond_keep() -> None:
    fresh = FreshTrades(keep=2)
    fresh.take([row("1"), row("2"), row("3")])
    assert fresh.take([row("1"), row("3")]) == [row("1")]  # "1" was forgotten, "3" was not
