"""Query.marketVenues: the sim venue first and always; live venues of CO_LIVE_MARKET_VENUES
with CCXT's exchange names; public (no sign-in), and listing them calls no venue."""

from __future__ import annotations

import pytest

from api.services.market_venues import market_venues
from api.settings import Settings
from tests.conftest import GraphQLClient
from tests.support.standins.binance import BinanceStandin, settings_override

VENUES = "{ marketVenues { id displayName simulated live } }"
SIM = {"id": "sim", "displayName": "Simulated", "simulated": True, "live": False}


async def test_without_live_venues_only_the_sim_venue_is_listed(gql: GraphQLClient) -> None:
    data = await gql.data(VENUES)
    assert data["marketVenues"] == [SIM]
    listed = await gql.data('{ markets(venue: "sim") { symbol } }')
    assert len(listed["markets"]) >= 10


def test_names_come_from_ccxt_and_sim_stays_first() -> None:
    venues = market_venues(["okx", "sim", "binance", "okx", "not-an-exchange"])
    assert [(v.id, v.display_name, v.simulated, v.live) for v in venues] == [
        ("sim", "Simulated", True, False),
        ("binance", "Binance", False, True),
        ("not-an-exchange", "not-an-exchange", False, True),  # no CCXT name: the id
        ("okx", "OKX", False, True),
    ]


class TestWithLiveVenues:
    @pytest.fixture
    def settings(self, settings: Settings, standin: BinanceStandin) -> Settings:
        override = settings_override(standin.base_url)
        return settings.model_copy(
            update={
                "exchange_overrides": {"binance": override},
                "live_market_venues": ["okx", "binance"],
            }
        )

    async def test_live_venues_follow_sim_with_ccxt_names(
        self, gql: GraphQLClient, standin: BinanceStandin
    ) -> None:
        data = await gql.data(VENUES)  # no token: public data
        assert data["marketVenues"] == [
            SIM,
            {"id": "binance", "displayName": "Binance", "simulated": False, "live": True},
            {"id": "okx", "displayName": "OKX", "simulated": False, "live": True},
        ]
        assert standin.requests == []  # listing venues asks no exchange anything

    async def test_a_listed_live_venue_serves_its_markets(
        self, gql: GraphQLClient, standin: BinanceStandin
    ) -> None:
        listed = await gql.data(VENUES)
        live = next(v["id"] for v in listed["marketVenues"] if v["id"] == "binance")
        data = await gql.data(
            "query($v: String!) { markets(venue: $v) { venue symbol } }", {"v": live}
        )
        assert {"venue": "binance", "symbol": "BTC/USDT"} in data["markets"]
        assert ("GET", "/api/v3/exchangeInfo") in standin.requests
