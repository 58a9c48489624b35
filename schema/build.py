"""Assemble the schema from its domains, with limits and error codes on."""

from __future__ import annotations

from decimal import Decimal
from functools import partial
from pathlib import Path
from typing import Any

import strawberry
from graphql import GraphQLError
from strawberry.extensions import MaxAliasesLimiter, MaxTokensLimiter, QueryDepthLimiter
from strawberry.schema.config import StrawberryConfig
from strawberry.tools import merge_types
from strawberry.types import ExecutionContext

from schema.accounts.mutations import AccountMutation
from schema.accounts.queries import AccountQuery
from schema.auth.mutations import AuthMutation
from schema.auth.queries import AuthQuery
from schema.errors import ErrorCodes
from schema.market.queries import MarketQuery
from schema.market.subscriptions import MarketSubscription
from schema.portfolio.queries import PortfolioQuery
from schema.scalars import DecimalScalar
from schema.trading.mutations import TradingMutation
from schema.trading.queries import TradingQuery
from schema.trading.subscriptions import TradingSubscription

SDL_PATH = Path(__file__).parent / "schema.graphql"

Query = merge_types("Query", (MarketQuery, AccountQuery, PortfolioQuery, TradingQuery, AuthQuery))
Mutation = merge_types("Mutation", (AccountMutation, TradingMutation, AuthMutation))
Subscription = merge_types("Subscription", (MarketSubscription, TradingSubscription))


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
        ErrorCodes,
    ]
    return Schema(
        query=Query,
        mutation=Mutation,
        subscription=Subscription,
        extensions=extensions,
        config=StrawberryConfig(scalar_map={Decimal: DecimalScalar}),
    )


def export_sdl() -> str:
    return build_schema().as_str() + "\n"
