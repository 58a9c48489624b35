"""Stop-limit orders on the simulated venue: untriggered until a trade reaches the trigger,
then a limit order; checked once per step, deterministically."""

from __future__ import annotations

import itertools
from decimal import Decimal

import pytest

from engine.exchanges.errors import InvalidOrder
from engine.market.models import Side
from engine.market.sim.exchange import SimExchange
from engine.market.sim.order_desk import WOULD_TRIGGER_NOW
from engine.market.sim.venue import SimVenue
from engine.trading.models import OrderRequest, OrderStatus, OrderType
from tests.engine.market.sim.conftest import START, market

BTC = "BTC/USDT"
_ids = itertools.count(1)


def stop(
    side: Side, qty: str, price: Decimal | str, trigger: Decimal | str, cid: str | None = None
) -> OrderRequest:
    return OrderRequest(
        client_order_id=cid or f"s{next(_ids)}",
        symbol=BTC,
        side=side,
        type=OrderType.STOP_LIMIT,
        qty=Decimal(qty),
        price=Decimal(price),
        trigger_price=Decimal(trigger),
    )


def new_venue() -> SimVenue:
    venue = SimVenue(seed=7, start=START, symbols=[BTC, "ETH/USDT"], history_days=0)
    venue.open_account("alice", {"USDT": Decimal(100_000), "BTC": Decimal(1)})
    venue.open_account("bob", {"USDT": Decimal(1_000_000), "BTC": Decimal(50)})
    return venue


@pytest.fixture
def venue() -> SimVenue:
    return new_venue()


def sweep_to(venue: SimVenue, side: Side, through: Decimal) -> None:
    """Bob takes every level up to and including `through` (a trade prints at `through`)."""
    book = venue.order_book(BTC, None)
    levels = book.asks if side is Side.BUY else book.bids
    qty = sum(
        (q for p, q in levels if (p <= through if side is Side.BUY else p >= through)),
        Decimal(0),
    )
    assert qty > 0
    venue.create_order("bob", market(BTC, side, qty))


async def test_buy_stop_waits_untriggered_then_trades_as_a_limit(venue: SimVenue) -> None:
    alice = SimExchange(venue, "alice")
    asks = venue.order_book(BTC, 10).asks
    trigger, limit_price = asks[7][0], asks[8][0] + 10
    before = venue.order_book(BTC, 20)

    placed = await alice.create_order(stop(Side.BUY, "0.01", limit_price, trigger))

    assert placed.status is OrderStatus.UNTRIGGERED
    assert placed.type is OrderType.STOP_LIMIT and placed.trigger_price == trigger
    assert venue.order_book(BTC, 20).asks == before.asks  # not in the book: it would cross
    usdt = (await alice.fetch_balance())["USDT"]
    assert usdt.used == Decimal("0.01") * limit_price * (1 + Decimal("0.001"))
    events = venue.step()  # no trade at the trigger yet
    assert (await alice.fetch_order(BTC, order_id=placed.id)).status is OrderStatus.UNTRIGGERED
    assert "alice" not in events.accounts or all(
        o.status is OrderStatus.UNTRIGGERED for o in events.accounts["alice"].orders
    )

    sweep_to(venue, Side.BUY, trigger)
    events = venue.step()

    after = await alice.fetch_order(BTC, order_id=placed.id)
    assert after.status is OrderStatus.FILLED
    assert after.avg_fill_price is not None and after.avg_fill_price <= limit_price
    assert [o.status for o in events.accounts["alice"].orders] == [OrderStatus.FILLED]
    assert [f.client_order_id for f in events.accounts["alice"].fills] == [placed.client_order_id]


async def test_sell_stop_triggers_on_a_trade_at_or_below(venue: SimVenue) -> None:
    alice = SimExchange(venue, "alice")
    bids = venue.order_book(BTC, 5).bids
    trigger = bids[1][0]
    far_below = bids[4][0] - 1000  # the limit: rests if nothing is bid that low

    placed = await alice.create_order(stop(Side.SELL, "0.02", far_below + 2000, trigger))
    assert placed.status is OrderStatus.UNTRIGGERED
    assert (await alice.fetch_balance())["BTC"].used == Decimal("0.02")

    sweep_to(venue, Side.SELL, trigger)
    venue.step()

    after = await alice.fetch_order(BTC, order_id=placed.id)
    assert after.status in {OrderStatus.FILLED, OrderStatus.PARTIALLY_FILLED, OrderStatus.OPEN}
    assert after.status is not OrderStatus.UNTRIGGERED


async def test_stop_on_the_wrong_side_of_the_last_price_is_refused(venue: SimVenue) -> None:
    alice = SimExchange(venue, "alice")
    last = venue.ticker(BTC).last
    with pytest.raises(InvalidOrder, match=WOULD_TRIGGER_NOW):
        await alice.create_order(stop(Side.BUY, "0.01", last + 100, last))
    with pytest.raises(InvalidOrder, match=WOULD_TRIGGER_NOW):
        await alice.create_order(stop(Side.SELL, "0.01", last - 100, last + 1))
    with pytest.raises(InvalidOrder, match="multiple of"):
        await alice.create_order(stop(Side.BUY, "0.01", last + 100, last + Decimal("50.05")))
    assert await alice.fetch_open_orders() == []
    assert (await alice.fetch_balance())["USDT"].used == 0


async def test_cancelled_stop_releases_funds_and_never_triggers(venue: SimVenue) -> None:
    alice = SimExchange(venue, "alice")
    trigger = venue.order_book(BTC, 5).asks[1][0]
    placed = await alice.create_order(stop(Side.BUY, "0.01", trigger + 50, trigger))

    cancelled = await alice.cancel_order(BTC, client_order_id=placed.client_order_id)
    sweep_to(venue, Side.BUY, trigger)
    venue.step()

    assert cancelled.status is OrderStatus.CANCELED
    assert (await alice.fetch_order(BTC, order_id=placed.id)).status is OrderStatus.CANCELED
    assert (await alice.fetch_balance())["USDT"].used == 0
    assert await alice.fetch_my_trades(BTC) == []


async def test_same_client_order_id_twice_is_one_stop(venue: SimVenue) -> None:
    alice = SimExchange(venue, "alice")
    trigger = venue.order_book(BTC, 5).asks[1][0]
    request = stop(Side.BUY, "0.01", trigger + 50, trigger, cid="retry-1")

    first = await alice.create_order(request)
    second = await alice.create_order(request)

    assert first.id == second.id
    assert [o.id for o in await alice.fetch_open_orders(BTC)] == [first.id]


async def test_triggering_is_deterministic() -> None:
    outcomes = []
    for _ in range(2):
        venue = new_venue()
        trigger = venue.order_book(BTC, 5).asks[0][0] + Decimal("0.1")
        venue.create_order("alice", stop(Side.BUY, "0.01", trigger + 20, trigger, cid="same"))
        for _ in range(200):
            venue.step()
        order = venue.fetch_order("alice", BTC, client_order_id="same")
        outcomes.append((order.status, order.filled_qty, order.avg_fill_price, order.updated_at))
    assert outcomes[0] == outcomes[1]
    assert outcomes[0][0] is not OrderStatus.UNTRIGGERED  # the market reached it
