"""Assemble the schema from its domains, with limits and error codes on."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import suppress
from decimal import Decimal
from functools import partial
from pathlib import Path
from typing import Any

import strawberry
from graphql import GraphQLError
from strawberry.extensions import (
    MaxAliasesLimiter,
    MaxTokensLimiter,
    ParserCache,
    QueryDepthLimiter,
)
from strawberry.schema.config import StrawberryConfig
from strawberry.tools import merge_types
from strawberry.types import ExecutionContext

from schema.accounts.mutations import AccountMutation
from schema.accounts.queries import AccountQuery
from schema.alerts.mutations import AlertMutation
from schema.alerts.queries import AlertQuery
from schema.alerts.subscriptions import AlertSubscription
from schema.auth.mutations import AuthMutation
from schema.auth.queries import AuthQuery
from schema.backtests.data import BacktestDataMutation, BacktestDataQuery
from schema.backtests.mutations import BacktestMutation
from schema.backtests.queries import BacktestQuery
from schema.backtests.subscriptions import BacktestSubscription
from schema.bots.mutations import BotMutation
from schema.bots.queries import BotQuery
from schema.bots.subscriptions import BotSubscription
from schema.errors import ErrorCodes
from schema.market.queries import MarketQuery
from schema.market.subscriptions import MarketSubscription
from schema.notifications.mutations import NotificationMutation
from schema.notifications.queries import NotificationQuery
from schema.portfolio.mutations import PortfolioMutation
from schema.portfolio.queries import PortfolioQuery
from schema.portfolio.subscriptions import PortfolioSubscription
from schema.scalars import DecimalScalar
from schema.shared_results import SharingExecutionContext
from schema.signals.queries import SignalQuery
from schema.signals.subscriptions import SignalSubscription
from schema.signals.upload import SignalModelMutation, SignalModelQuery
from schema.social.feed import FeedMutation, FeedQuery, FeedSubscription
from schema.social.marketplace import MarketplaceMutation, MarketplaceQuery
from schema.social.mutations import SocialMutation
from schema.social.queries import PlatformQuery, SocialQuery, TraderQuery
from schema.social.subscriptions import SocialSubscription
from schema.trading.mutations import TradingMutation
from schema.trading.queries import TradingQuery
from schema.trading.subscriptions import TradingSubscription
from schema.validation_cache import validation_cache
from schema.watchlist.mutations import WatchlistMutation
from schema.watchlist.queries import WatchlistQuery
from schema.widgets.mutations import WidgetMutation
from schema.widgets.queries import WidgetQuery
from schema.widgets.scope import WidgetScopeGate

SDL_PATH = Path(__file__).parent / "schema.graphql"

Query = merge_types(
    "Query",
    (
        MarketQuery,
        AccountQuery,
        PortfolioQuery,
        TradingQuery,
        BotQuery,
        AuthQuery,
        WidgetQuery,
        WatchlistQuery,
        AlertQuery,
        NotificationQuery,
        SignalQuery,
        SocialQuery,
        TraderQuery,
        MarketplaceQuery,
        FeedQuery,
        PlatformQuery,
        BacktestQuery,
        BacktestDataQuery,
        SignalModelQuery,
    ),
)
Mutation = merge_types(
    "Mutation",
    (
        AccountMutation,
        PortfolioMutation,
        TradingMutation,
        BotMutation,
        AuthMutation,
        WidgetMutation,
        WatchlistMutation,
        AlertMutation,
        NotificationMutation,
        SocialMutation,
        MarketplaceMutation,
        FeedMutation,
        BacktestMutation,
        BacktestDataMutation,
        SignalModelMutation,
    ),
)
Subscription = merge_types(
    "Subscription",
    (
        MarketSubscription,
        PortfolioSubscription,
        TradingSubscription,
        BotSubscription,
        AlertSubscription,
        SignalSubscription,
        FeedSubscription,
        SocialSubscription,
        BacktestSubscription,
    ),
)


class ParseCache(ParserCache):
    """Strawberry's parser cache for documents that parse. A document that does not is left to
    Strawberry's own parse step, which turns the syntax error into a normal GraphQL error (raised
    from this hook instead, it would escape the parsing phase without its code)."""

    def on_parse(self) -> Iterator[None]:
        context = self.execution_context
        if context.query:
            with suppress(GraphQLError):
                context.graphql_document = self.cached_parse_document(
                    context.query, **context.parse_options
                )
        yield


class Schema(strawberry.Schema):
    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        """Logging happens in ErrorCodes, which logs only unexpected errors (with traceback)."""


def build_schema(
    max_depth: int = 10, max_aliases: int = 15, max_tokens: int = 2000
) -> strawberry.Schema:
    extensions: list[Any] = [
        partial(QueryDepthLimiter, max_depth=max_depth),
        partial(MaxAliasesLimiter, max_alias_count=max_aliases),
        partial(MaxTokensLimiter, max_token_count=max_tokens),
        partial(ParseCache, maxsize=512),  # after MaxTokensLimiter: its limit is in the key
        validation_cache(maxsize=512),  # after the limiters: their rules are in the key's result
        WidgetScopeGate,
        ErrorCodes,
    ]
    return Schema(
        query=Query,
        mutation=Mutation,
        subscription=Subscription,
        extensions=extensions,
        config=StrawberryConfig(scalar_map={Decimal: DecimalScalar}),
        execution_context_class=SharingExecutionContext,
    )


def export_sdl() -> str:
    return build_schema().as_str() + "\n"
