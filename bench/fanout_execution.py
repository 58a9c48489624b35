"""Server CPU per subscriber per frame for an order-book subscription, in process (no sockets).

N subscriptions of one document on the real `OrderBook` type receive the same frames; each
`next` message is executed and JSON-encoded as the websocket transport would. Printed: µs per
(subscriber, frame) with Strawberry's default per-subscriber execution and with our shared
results (schema/shared_results.py), through a broadcast group (schema/broadcast.py: one execution
and encoding per frame, then each member's slot and operation task, up to the socket send), and
a bare loop that encodes each frame once and only
formats each subscriber's message — the floor. This isolates the server's work from the client
processes that share the CPU in `fanout.py`'s end-to-end run.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncGenerator
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import strawberry
from strawberry.schema.config import StrawberryConfig
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

from engine.market.models import OrderBookSnapshot
from schema.market.types import OrderBook
from schema.scalars import DecimalScalar
from schema.shared_results import SharingExecutionContext, encode_message

DOCUMENT = "subscription { orderBook { seq timestamp bids { price qty } asks { price qty } } }"


def book_frame(seq: int) -> OrderBook:
    mid = Decimal(60000) + seq
    snapshot = OrderBookSnapshot(
        symbol="BTC/USDT",
        seq=seq,
        bids=[(mid - i, Decimal("0.5") + i) for i in range(1, 21)],
        asks=[(mid + i, Decimal("0.4") + i) for i in range(1, 21)],
        timestamp=datetime.now(UTC),
    )
    return OrderBook.of("sim", snapshot)


async def per_subscriber_us(shared: bool, subscribers: int, frames: list[OrderBook]) -> float:
    inboxes: list[asyncio.Queue[OrderBook | None]] = []
    all_subscribed, delivered = asyncio.Event(), asyncio.Event()
    sent, target = 0, subscribers

    @strawberry.type
    class Query:
        ok: bool = True

    @strawberry.type
    class Subscription:
        @strawberry.subscription
        async def order_book(self) -> AsyncGenerator[OrderBook, None]:
            inbox: asyncio.Queue[OrderBook | None] = asyncio.Queue()
            inboxes.append(inbox)
            if len(inboxes) == subscribers:
                all_subscribed.set()
            while (frame := await inbox.get()) is not None:
                yield frame

    context = SharingExecutionContext if shared else StrawberryGraphQLCoreExecutionContext
    schema = strawberry.Schema(
        query=Query,
        subscription=Subscription,
        execution_context_class=context,
        config=StrawberryConfig(scalar_map={Decimal: DecimalScalar}),
    )

    async def subscriber(op_id: str) -> None:
        nonlocal sent
        stream: Any = await schema.subscribe(DOCUMENT)
        async for result in stream:
            message = {"id": op_id, "type": "next", "payload": {"data": result.data}}
            text = encode_message(message) if shared else None
            if text is None:
                text = json.dumps(message, separators=(",", ":"))
            sent += 1
            if sent == target:
                delivered.set()

    tasks = [asyncio.ensure_future(subscriber(str(i))) for i in range(subscribers)]
    await all_subscribed.wait()
    started = time.perf_counter()
    for number, frame in enumerate(frames, 1):
        target = subscribers * number
        delivered.clear()
        for inbox in inboxes:
            inbox.put_nowait(frame)
        await delivered.wait()
    elapsed = time.perf_counter() - started
    for inbox in inboxes:
        inbox.put_nowait(None)
    await asyncio.gather(*tasks)
    return elapsed / (subscribers * len(frames)) * 1e6


class _Sink:
    """Stands in for the websocket handler: takes each member's encoded message."""

    def __init__(self, view: Any) -> None:
        self.view = view
        self.sent = 0
        self.target = 0
        self.delivered = asyncio.Event()

    async def send_message(self, message: Any) -> None:
        self.view.encode_json(message)  # what the websocket adapter does before the write
        self.sent += 1
        if self.sent == self.target:
            self.delivered.set()


async def broadcast_us(subscribers: int, frames: list[OrderBook]) -> float:
    from strawberry.subscriptions.protocols.graphql_transport_ws.handlers import Operation

    from schema.broadcast import Broadcasts, Group, Member, encode_payload
    from schema.view import GraphQLView

    inbox: asyncio.Queue[OrderBook] = asyncio.Queue()

    @strawberry.type
    class Query:
        ok: bool = True

    @strawberry.type
    class Subscription:
        @strawberry.subscription
        async def order_book(self) -> AsyncGenerator[OrderBook, None]:
            while True:
                yield await inbox.get()

    schema = strawberry.Schema(
        query=Query,
        subscription=Subscription,
        execution_context_class=SharingExecutionContext,
        config=StrawberryConfig(scalar_map={Decimal: DecimalScalar}),
    )
    sink = _Sink(GraphQLView(schema))
    stream: Any = await schema.stream(DOCUMENT)
    inbox.put_nowait(frames[0])
    first = await anext(stream)
    group = Group(Broadcasts(), "bench", stream, encode_payload(first))
    sink.target = subscribers  # everybody's first frame: the group's latest
    tasks = []
    for i in range(subscribers):
        member = Member(sink, Operation(sink, str(i), DOCUMENT, None, None))  # type: ignore[arg-type]
        group.join(member)
        tasks.append(asyncio.ensure_future(member.run()))
    await sink.delivered.wait()
    started = time.perf_counter()
    for number, frame in enumerate(frames, 1):
        sink.target = subscribers * (number + 1)
        sink.delivered.clear()
        inbox.put_nowait(frame)
        await sink.delivered.wait()
    elapsed = time.perf_counter() - started
    for task in [*tasks, group.task]:
        task.cancel()
    await asyncio.gather(*tasks, group.task, return_exceptions=True)
    return elapsed / (subscribers * len(frames)) * 1e6


def bare_us(subscribers: int, frames: list[OrderBook]) -> float:
    started = time.perf_counter()
    for frame in frames:
        data = {
            "seq": str(frame.seq),
            "timestamp": frame.timestamp.isoformat(),
            "bids": [{"price": str(level.price), "qty": str(level.qty)} for level in frame.bids],
            "asks": [{"price": str(level.price), "qty": str(level.qty)} for level in frame.asks],
        }
        text = json.dumps({"orderBook": data}, separators=(",", ":"))
        for i in range(subscribers):
            f'{{"id":"{i}","type":"next","payload":{{"data":{text}}}}}'
    return (time.perf_counter() - started) / (subscribers * len(frames)) * 1e6


def report(subscribers: int, frame_count: int) -> dict[str, float]:
    frames = [book_frame(seq) for seq in range(1, frame_count + 1)]
    figures = {
        "per-subscriber execution": asyncio.run(per_subscriber_us(False, subscribers, frames)),
        "shared results (ours)": asyncio.run(per_subscriber_us(True, subscribers, frames)),
        "broadcast group (ours)": asyncio.run(broadcast_us(subscribers, frames)),
        "bare encode-once loop": bare_us(subscribers, frames),
    }
    print(f"server CPU per subscriber per frame ({subscribers} subscribers, {frame_count} frames):")
    for name, us in figures.items():
        print(f"  {name:26} {us:9.1f} µs")
    ratio = figures["per-subscriber execution"] / figures["shared results (ours)"]
    print(f"  shared results cut the per-subscriber cost {ratio:.0f}x")
    return figures
