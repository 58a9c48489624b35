"""One broadcast loop per group of identical viewer-independent subscriptions.

Strawberry runs every graphql-transport-ws subscription on its own: per subscriber a bus queue,
a pacing timer, an operation task, a result stream and a socket write. For subscriptions whose
payload type derives from `SnapshotFrame` (each frame is the whole state and is the same for
every viewer — an order book at one depth) that is N times the same work. Here subscribers of
the same (document, operation name, variables) — maxRate and depth included — join ONE group:

* one group task iterates one subscription stream: the bus topic is consumed, conflated and
  paced once, each frame executed and JSON-encoded once; the feed behind it is held once
  (reference counted as before: the group is its one holder) and released when the last
  member leaves;
* each frame's text goes to every member with the member's own operation id spliced in, in
  passes of a second group task: a member that is idle on a socket whose write buffer is
  (nearly) empty is sent to right there — the send completes without waiting, as in a bare
  broadcast loop, with no task switch per member; any other member gets the frame in its
  latest-frame slot, which its own task sends when its socket is ready: a member whose socket
  is still busy with an earlier send keeps only the newest frame (fewer, fresher frames, never a
  backlog) and holds nobody else back. A pass yields to the event loop every `PASS_SLICE`
  members, and a frame the stream makes meanwhile is what the rest of the pass sends: under
  load a frame waits for its turn in one pass, never also for the previous pass to end. (Waking
  5,000 member tasks per frame put each new frame behind a full round of them before the
  group even saw it: twice a bare loop's tail.);
* a joiner runs the subscription once on its own first (its own context, so authentication,
  limits and the resolver's input checks answer it exactly as on the per-subscriber path: bad
  input gets the same error), then drops that stream and gets the group's latest frame
  first, then the group's frames. A joiner whose first result carries errors stays on the
  per-subscriber path;
* an error in a frame goes to every member as Strawberry sends it (`next` with `errors`); a
  stream that fails or ends sends `complete` to every member, as Strawberry does.

Viewer-dependent subscriptions (their payload does not derive from `SnapshotFrame`) never come
here; they run as Strawberry runs them.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections import OrderedDict
from contextlib import suppress
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    GraphQLError,
    GraphQLObjectType,
    OperationDefinitionNode,
    OperationType,
    get_named_type,
    get_nullable_type,
    parse,
)
from strawberry.http.exceptions import WebSocketDisconnected
from strawberry.subscriptions.protocols.graphql_transport_ws.handlers import (
    BaseGraphQLTransportWSHandler,
    Operation,
    _OperationStreamClosed,
)
from strawberry.subscriptions.protocols.graphql_transport_ws.types import SubscribeMessage
from strawberry.types.execution import ExecutionResult
from strawberry.utils.aio import aclosing

from schema.shared_results import SnapshotFrame
from schema.socket_transport import sends_at_once, transport_of

log = logging.getLogger(__name__)

DECISIONS_KEPT = 512
PASS_SLICE = 256  # members sent to between two yields of a group's pass


class Encoded(dict[str, object]):
    """A graphql-transport-ws message already encoded: the view sends `text` as it is."""

    __slots__ = ("text",)

    def __init__(self, message_type: str, text: str) -> None:
        super().__init__(type=message_type)
        self.text = text


def encode_payload(result: ExecutionResult) -> str:
    """The `next` payload of a result as Strawberry's `Operation.send_next` builds it, as JSON."""
    payload: dict[str, object] = {"data": result.data}
    if result.errors:
        payload["errors"] = [error.formatted for error in result.errors]
    if result.extensions:
        payload["extensions"] = result.extensions
    return json.dumps(payload, separators=(",", ":"))


class Member:
    """One subscriber of a group: sent to by the group's pass while its socket takes a write at
    once, otherwise through its latest-frame slot, which its own task sends."""

    __slots__ = (
        "ended",
        "error",
        "frame",
        "handler",
        "operation",
        "prefix",
        "sent_by_group",
        "sent_by_task",
        "slot",
        "transport",
        "waiter",
    )

    def __init__(
        self,
        handler: BroadcastTransportWSHandler,
        operation: Operation[Any, Any],
        transport: asyncio.WriteTransport | None = None,
    ) -> None:
        self.handler = handler
        self.operation = operation
        self.transport = transport  # None: no direct sends (another server, in-process tests)
        self.prefix = f'{{"id":{json.dumps(operation.id)},"type":"next","payload":'
        self.slot: str | None = None  # the newest payload not yet sent
        self.ended = False  # the group's stream is over: send `complete` after the slot
        self.error: BaseException | None = None  # a direct send failed: `run` raises it
        self.waiter: asyncio.Future[None] | None = None  # set while `run` waits for the slot
        self.frame = 0  # the number of the group's newest frame it was given
        self.sent_by_group = 0
        self.sent_by_task = 0

    def sendable_now(self) -> bool:
        """Idle (its task parked with an empty slot: no send of its own in flight, so frames
        stay in order) on a socket that takes a write without waiting."""
        return (
            self.transport is not None
            and self.waiter is not None
            and self.slot is None
            and self.error is None
            and not self.ended
            and not self.operation.completed
            and sends_at_once(self.transport)
        )

    async def send_now(self, payload: str) -> None:
        """The group's direct send; a failure goes to the member's task, which raises it."""
        try:
            await self.handler.send_message(self._next(payload))
            self.sent_by_group += 1
        except Exception as error:
            self.error = error
            self._wake()

    def _next(self, payload: str) -> Any:
        return Encoded("next", self.prefix + payload + "}")  # with this member's operation id

    def offer(self, payload: str) -> None:
        self.slot = payload  # replaces a frame still waiting: latest wins
        self._wake()

    def end(self) -> None:
        self.ended = True
        self._wake()

    def _wake(self) -> None:
        waiter = self.waiter
        if waiter is not None and not waiter.done():
            waiter.set_result(None)

    async def run(self) -> None:
        """Send the slot whenever it fills, until the group ends or the member is cancelled."""
        loop = asyncio.get_running_loop()
        while True:
            while self.slot is None and not self.ended and self.error is None:
                self.waiter = loop.create_future()
                try:
                    await self.waiter
                finally:
                    self.waiter = None
            if self.error is not None:
                raise self.error
            payload, self.slot = self.slot, None
            if payload is not None and not self.operation.completed:
                await self.handler.send_message(self._next(payload))
                self.sent_by_task += 1
            if self.ended and self.slot is None:
                return


class Group:
    """Members of one (document, operation name, variables): one task runs the stream and keeps
    the newest frame; another sends it to the members in passes."""

    def __init__(self, broadcasts: Broadcasts, key: str, stream: Any, first: str) -> None:
        self.broadcasts = broadcasts
        self.key = key
        self.members: dict[int, Member] = {}
        self.last = first  # the newest payload: a joiner's first frame
        self.frames = 1  # frames made so far; a member holds the number of the last it got
        self._newer = asyncio.Event()
        self.task = asyncio.create_task(self._run(stream), name=f"broadcast:{key[:60]}")

    def join(self, member: Member) -> None:
        self.members[id(member)] = member
        member.frame = self.frames
        member.offer(self.last)

    def leave(self, member: Member) -> None:
        if self.members.pop(id(member), None) is not None and not self.members:
            self.broadcasts.stop(self)

    async def _run(self, stream: Any) -> None:
        sender = asyncio.create_task(self._send_passes(), name=f"broadcast-send:{self.key[:60]}")
        try:
            async with aclosing(stream):
                async for result in stream:
                    if not isinstance(result, ExecutionResult):  # incremental delivery: never
                        raise TypeError(f"unexpected subscription result {type(result)!r}")
                    self.last = encode_payload(result)
                    self.frames += 1
                    self._newer.set()
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception(
                "broadcast subscription failed; completing its %d subscribers", len(self.members)
            )
        finally:
            sender.cancel()
            self.broadcasts.forget(self)
        await self._pass()  # the frames the sender had not reached, then `complete`
        for member in list(self.members.values()):
            member.end()

    async def _send_passes(self) -> None:
        while True:
            await self._newer.wait()
            self._newer.clear()
            await self._pass()

    async def _pass(self) -> None:
        """The newest frame to every member that lacks it: sent at once where the socket takes
        it, slotted where not. Between slices the stream task may make a newer frame: the
        members after that point get it, not the one this pass began with (under load a frame
        waits for its turn in one pass, never for the end of the previous pass too)."""
        for count, member in enumerate(list(self.members.values()), 1):
            if member.frame != self.frames:
                member.frame = self.frames
                if member.sendable_now():
                    await member.send_now(self.last)  # completes without waiting
                else:
                    member.offer(self.last)
            if count % PASS_SLICE == 0:
                await asyncio.sleep(0)  # the stream and other connections' work run


class Broadcasts:
    """The groups of one GraphQL view, by key."""

    def __init__(self) -> None:
        self.groups: dict[str, Group] = {}
        self._decisions: OrderedDict[tuple[str, str | None], bool] = OrderedDict()

    def broadcastable(self, schema: Any, query: str, operation_name: str | None) -> bool:
        """Whether the document subscribes to one field whose payload is a `SnapshotFrame`."""
        key = (query, operation_name)
        decision = self._decisions.get(key)
        if decision is None:
            decision = _snapshot_subscription(schema, query, operation_name)
            self._decisions[key] = decision
            if len(self._decisions) > DECISIONS_KEPT:
                self._decisions.popitem(last=False)
        return decision

    def stop(self, group: Group) -> None:
        """The last member left: stop the stream (which releases its bus topic and feed)."""
        self.forget(group)
        group.task.cancel()

    def forget(self, group: Group) -> None:
        if self.groups.get(group.key) is group:
            del self.groups[group.key]

    async def drain(self) -> None:
        """Wait for every group task to finish (tests, shutdown)."""
        for group in list(self.groups.values()):
            with suppress(asyncio.CancelledError):
                await group.task


def _snapshot_subscription(schema: Any, query: str, operation_name: str | None) -> bool:
    try:
        document: DocumentNode = parse(query)
    except GraphQLError:
        return False  # the per-subscriber path reports it
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if operation_name is not None:
        operations = [
            o for o in operations if o.name is not None and o.name.value == operation_name
        ]
    if len(operations) != 1 or operations[0].operation is not OperationType.SUBSCRIPTION:
        return False
    operation = operations[0]
    selections = operation.selection_set.selections
    if len(selections) != 1 or not isinstance(selections[0], FieldNode) or selections[0].directives:
        return False
    subscription_type = schema._schema.subscription_type
    field = subscription_type.fields.get(selections[0].name.value) if subscription_type else None
    if field is None:
        return False
    payload_type = get_nullable_type(field.type)
    if not isinstance(payload_type, GraphQLObjectType):
        return False  # lists, unions, interfaces: not one snapshot
    definition = get_named_type(payload_type).extensions.get("strawberry-definition")
    origin = getattr(definition, "origin", None)
    return isinstance(origin, type) and issubclass(origin, SnapshotFrame)


def group_key(message: SubscribeMessage) -> str:
    payload = message["payload"]
    variables = json.dumps(payload.get("variables") or {}, sort_keys=True, default=str)
    return f"{payload.get('operationName') or ''}\x00{variables}\x00{payload['query']}"


class BroadcastTransportWSHandler(BaseGraphQLTransportWSHandler[Any, Any]):
    """graphql-transport-ws with snapshot subscriptions served by broadcast groups."""

    @property
    def broadcasts(self) -> Broadcasts:
        broadcasts: Broadcasts = getattr(self.view, "broadcasts")  # noqa: B009 (set by the view)
        return broadcasts

    @property
    def socket_transport(self) -> asyncio.WriteTransport | None:
        """The connection's transport where the server exposes it (schema/socket_transport.py)."""
        return transport_of(getattr(getattr(self.context, "request", None), "scope", None))

    async def handle_subscribe(self, message: SubscribeMessage) -> None:
        payload = message.get("payload") or {}
        query = payload.get("query") if isinstance(payload, dict) else None
        if (
            not isinstance(query, str)
            or not self.connection_acknowledged
            or message["id"] in self.operations
            or (
                self.max_subscriptions_per_connection is not None
                and len(self.operations) >= self.max_subscriptions_per_connection
            )
            or not self.broadcasts.broadcastable(self.schema, query, payload.get("operationName"))
        ):
            await super().handle_subscribe(message)  # its checks and answers, or Strawberry's path
            return
        operation: Operation[Any, Any] = Operation(
            self, message["id"], query, payload.get("variables"), payload.get("operationName")
        )
        operation.task = asyncio.create_task(self.run_broadcast(operation, group_key(message)))
        operation.task.add_done_callback(self._task_done)
        self.operations[message["id"]] = operation

    async def run_broadcast(self, operation: Operation[Any, Any], key: str) -> None:
        """The operation task of a broadcast subscriber: its own checks, then its member loop."""
        try:
            group = await self._join(operation, key)
            if group is None:
                return  # answered on the per-subscriber path
            member = Member(self, operation, self.socket_transport)
            group.join(member)
            try:
                await member.run()
            finally:
                group.leave(member)
            await operation.send_operation_message({"id": operation.id, "type": "complete"})
        except (_OperationStreamClosed, WebSocketDisconnected):
            return  # the socket is gone: the handler's shutdown forgets the operation
        except Exception as error:
            await self.handle_task_exception(error)
            with suppress(Exception):
                await operation.send_operation_message({"id": operation.id, "type": "complete"})
            self.operations.pop(operation.id, None)
            raise

    async def _join(self, operation: Operation[Any, Any], key: str) -> Group | None:
        """Run the subscription for this subscriber up to its first result, then find its group.

        Its first result answers bad input, limits and authorization exactly as the
        per-subscriber path would (and then the subscriber stays on that path); a clean first
        result either starts the group (this stream becomes the group's) or is dropped for the
        group's latest frame."""
        while True:
            stream = await self.schema.stream(
                operation.query,
                variable_values=operation.variables,
                context_value=self.context,
                root_value=self.root_value,
                operation_name=operation.operation_name,
            )
            handed_over = False
            try:
                first = await anext(aiter(stream), None)
                if first is None or not isinstance(first, ExecutionResult) or first.errors:
                    await self._per_subscriber(operation, first, stream)
                    return None
                group = self.broadcasts.groups.get(key)
                if group is None:  # this subscriber's stream becomes the group's
                    group = Group(self.broadcasts, key, stream, encode_payload(first))
                    self.broadcasts.groups[key] = group
                    handed_over = True
            finally:
                if not handed_over:
                    await stream.aclose()  # releases its bus subscription and feed hold
            if self.broadcasts.groups.get(key) is group:
                return group
            # The group stopped while this stream closed (its last member left): start anew.

    async def _per_subscriber(
        self, operation: Operation[Any, Any], first: object, stream: Any
    ) -> None:
        """Strawberry's own handling of a stream whose first result was `first`."""
        if first is not None:
            await self._send_result_stream(operation, _prepend(first, stream))
        await operation.send_operation_message({"id": operation.id, "type": "complete"})


async def _prepend(first: object, stream: Any) -> Any:
    yield first
    async for item in stream:
        yield item
