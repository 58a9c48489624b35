"""Refuses whole operations from a widget token unless they only read `widgetSnapshot`.

`Context.require_user` already refuses widget tokens field by field; this gate also covers
fields that need no user (public queries, login, register ...), so a widget token is good for
exactly one thing whatever fields are added later.
"""

from __future__ import annotations

from collections.abc import Iterator

from graphql import (
    ExecutionResult,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
)
from graphql.utilities import get_operation_ast
from strawberry.extensions import SchemaExtension

from api.errors import Forbidden

WIDGET_FIELDS = frozenset({"widgetSnapshot", "__typename"})


def _root_fields(
    selection_set: SelectionSetNode, fragments: dict[str, SelectionSetNode], seen: set[str]
) -> Iterator[str]:
    for selection in selection_set.selections:
        if isinstance(selection, FieldNode):
            yield selection.name.value
        elif isinstance(selection, InlineFragmentNode):
            yield from _root_fields(selection.selection_set, fragments, seen)
        elif isinstance(selection, FragmentSpreadNode):
            name = selection.name.value
            if name not in seen and name in fragments:
                seen.add(name)
                yield from _root_fields(fragments[name], fragments, seen)


class WidgetScopeGate(SchemaExtension):
    def on_execute(self) -> Iterator[None]:
        context = self.execution_context.context
        principal = getattr(context, "principal", None)
        if principal is not None and principal.scope != "full" and not self._allowed():
            refusal = Forbidden("a widget token can only read widget snapshots")
            self.execution_context.result = ExecutionResult(
                data=None, errors=[GraphQLError(refusal.message, original_error=refusal)]
            )
        yield

    def _allowed(self) -> bool:
        document = self.execution_context.graphql_document
        if document is None:
            return False
        operation = get_operation_ast(document, self.execution_context.operation_name)
        if not isinstance(operation, OperationDefinitionNode):
            return False
        if operation.operation.value != "query":
            return False
        fragments = {
            d.name.value: d.selection_set
            for d in document.definitions
            if isinstance(d, FragmentDefinitionNode)
        }
        return all(
            name in WIDGET_FIELDS
            for name in _root_fields(operation.selection_set, fragments, set())
        )
