"""Validate each distinct query text once per schema (apps send the same few documents).

Strawberry's own ValidationCache keys on the parsed document object and the rule classes,
which are new on every request here (no parser cache; the depth/alias limiters build their
rule per request), so it never hits. The rules are fixed per schema and purely static, so the
query text is a sound key."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterator

from graphql import GraphQLError, validate
from strawberry.extensions import SchemaExtension


def validation_cache(maxsize: int = 512) -> Callable[[], SchemaExtension]:
    """An extension factory whose instances share one LRU of validation results."""
    results: OrderedDict[str, list[GraphQLError]] = OrderedDict()

    class CachedValidation(SchemaExtension):
        def on_validate(self) -> Iterator[None]:
            context = self.execution_context
            query = context.query
            if query is not None and context.graphql_document is not None:
                errors = results.get(query)
                if errors is None:
                    errors = validate(
                        context.schema._schema,
                        context.graphql_document,
                        context.validation_rules,
                    )
                    results[query] = errors
                    if len(results) > maxsize:
                        results.popitem(last=False)
                else:
                    results.move_to_end(query)
                context.pre_execution_errors = list(errors)
            yield

    return CachedValidation
