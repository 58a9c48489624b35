"""Per-bot profile visibility: only the owner can show or hide a bot on their public profile,
hidden bots never appear to anyone, and amounts appear only with showBalances."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from starlette.applications import Starlette

from api.container import Services
from api.db.bot_tables import Bot
from tests.conftest import GraphQLClient
from tests.schema.trading_helpers import paper_account

UPSERT = "mutation($i: TraderProfileInput!) { upsertTraderProfile(input: $i) { handle } }"
CREATE = "mutation($i: CreateBotInput!) { createBot(input: $i) { id showOnProfile } }"
SHOW = (
    "mutation($id: ID!, $v: Boolean!) "
    "{ setBotProfileVisibility(botId: $id, visible: $v) { id showOnProfile } }"
)
PROFILE = (
    "query($h: String!) { traderProfile(handle: $h) { bots "
    "{ id name kind venue symbol state returnPct realisedPnl } } }"
)
BOT = "query($id: ID!) { bot(id: $id) { id showOnProfile } }"


async def trader(gql: GraphQLClient, handle: str, **profile: Any) -> tuple[str, str]:
    """A user with a public profile and one grid bot: (token, bot id)."""
    token = await gql.register(f"{handle}@example.com")
    account = await paper_account(gql, token)
    await gql.data(UPSERT, {"i": {"handle": handle, **profile}}, token)
    params = {"low": "90000", "high": "110000", "levels": 5, "qty_per_level": "0.001"}
    created = await gql.data(
        CREATE,
        {"i": {"accountId": account, "kind": "grid", "symbol": "BTC/USDT", "params": params}},
        token,
    )
    assert created["createBot"]["showOnProfile"] is False  # hidden unless chosen
    bot_id: str = created["createBot"]["id"]
    return token, bot_id


async def bots_on(gql: GraphQLClient, handle: str, token: str | None = None) -> list[Any]:
    bots: list[Any] = (await gql.data(PROFILE, {"h": handle}, token))["traderProfile"]["bots"]
    return bots


async def test_hidden_bots_never_show_and_others_cannot_toggle_them(
    gql: GraphQLClient, app: Starlette
) -> None:
    alice, alice_bot = await trader(gql, "alice")
    mallory, mallory_bot = await trader(gql, "mallory")

    assert await bots_on(gql, "alice") == []
    assert await bots_on(gql, "alice", mallory) == []

    # Mallory cannot show (or hide) Alice's bot: the same answer as a bot that does not exist.
    body = await gql.raw(SHOW, {"id": alice_bot, "v": True}, mallory)
    assert body["errors"][0]["extensions"] == {"code": "NOT_FOUND", "field": "botId"}
    assert await gql.error_code(SHOW, {"id": "nope", "v": True}, mallory) == "NOT_FOUND"
    assert await gql.error_code(SHOW, {"id": alice_bot, "v": True}) == "UNAUTHENTICATED"
    assert (await gql.data(BOT, {"id": alice_bot}, alice))["bot"]["showOnProfile"] is False
    assert await bots_on(gql, "alice") == []

    # Mallory shows her own bot: it appears on her profile only.
    await gql.data(SHOW, {"id": mallory_bot, "v": True}, mallory)
    assert [b["id"] for b in await bots_on(gql, "mallory")] == [mallory_bot]
    assert await bots_on(gql, "alice") == []

    shown = await gql.data(SHOW, {"id": alice_bot, "v": True}, alice)
    assert shown["setBotProfileVisibility"] == {"id": alice_bot, "showOnProfile": True}
    for viewer in (None, mallory, alice):
        bots = await bots_on(gql, "alice", viewer)
        assert len(bots) == 1
        bot = bots[0]
        assert (bot["id"], bot["kind"], bot["venue"], bot["symbol"], bot["state"]) == (
            alice_bot,
            "grid",
            "sim",
            "BTC/USDT",
            "STOPPED",
        )
        assert bot["returnPct"] == 0.0
        assert bot["realisedPnl"] is None  # no balances without showBalances

    # Mallory cannot hide it either.
    assert await gql.error_code(SHOW, {"id": alice_bot, "v": False}, mallory) == "NOT_FOUND"
    assert len(await bots_on(gql, "alice")) == 1

    await gql.data(SHOW, {"id": alice_bot, "v": False}, alice)
    assert await bots_on(gql, "alice") == []
    assert await bots_on(gql, "alice", mallory) == []


async def test_returns_come_from_the_bot_row_and_amounts_only_with_show_balances(
    gql: GraphQLClient, app: Starlette
) -> None:
    services: Services = app.state.services
    token, bot_id = await trader(gql, "opener", showBalances=True)
    async with services.db.session() as session:  # what the bot's own fills would record
        row = await session.get(Bot, bot_id)
        assert row is not None
        row.realised_pnl = Decimal("25")
        session.add(row)
        await session.commit()
    await gql.data(SHOW, {"id": bot_id, "v": True}, token)
    (bot,) = await bots_on(gql, "opener")
    # capital: 5 levels x 0.001 BTC at the grid's mid price 100,000 = 500 USDT
    assert bot["returnPct"] == 5.0
    assert Decimal(bot["realisedPnl"]) == Decimal("25")
