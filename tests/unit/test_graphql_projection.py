"""Compiled list projections fall back to field-by-field execution on anything unusual in
the data, so results and errors stay exactly graphql-core's (no database needed)."""

from __future__ import annotations

import asyncio
import enum
from typing import Any

import pytest
import strawberry
from strawberry.schema.config import StrawberryConfig

from app.graphql.projection import CompiledListExecutionContext


@strawberry.enum
class Color(enum.Enum):
    RED = "red"
    BLUE = "blue"


@strawberry.type
class Tag:
    label: str


@strawberry.type
class Row:
    name: str
    count: int
    color: Color | None
    tags: list[Tag]

    @strawberry.field
    def double(self: Any) -> int:  # type: ignore[misc]
        return int(self["count"]) * 2


ROWS: dict[str, list[dict[str, Any]]] = {
    "good": [
        {"name": "a", "count": 1, "color": "red", "tags": [{"label": "x"}]},
        {"name": "b", "count": 2, "color": None, "tags": []},
    ],
    "null_in_non_null": [{"name": None, "count": 1, "color": "red", "tags": []}],
    "bad_enum": [{"name": "a", "count": 1, "color": "green", "tags": []}],
    "int_overflow": [{"name": "a", "count": 2**40, "color": None, "tags": []}],
    "missing_key": [{"name": "a", "color": None, "tags": []}],
    "bad_nested": [{"name": "a", "count": 1, "color": None, "tags": [{"label": None}]}],
    # Values graphql-core coerces rather than refuses: the same coercion either way.
    "coerced": [
        {"name": 7, "count": True, "color": "blue", "tags": [{"label": 1.5}]},
        {"name": "b", "count": 3.0, "color": "blue", "tags": []},
    ],
}


def _field_of(root: Any, name: str) -> Any:
    return root[name]


@strawberry.type
class Query:
    @strawberry.field
    def rows(self, case: str) -> list[Row]:
        return ROWS[case]  # type: ignore[return-value]


class Context:
    def __init__(self, projection: bool) -> None:
        self.projection = projection
        self.projected_rows = 0


SCHEMA = strawberry.Schema(
    query=Query,
    config=StrawberryConfig(default_resolver=_field_of),
    execution_context_class=CompiledListExecutionContext,
)
QUERY = """query($c: String!) { rows(case: $c) { __typename n: name count double color
  tags { label } ... on Row { name } } }"""


def _run(case: str, projection: bool) -> tuple[Any, list[Any], int]:
    context = Context(projection)
    result = asyncio.run(SCHEMA.execute(QUERY, {"c": case}, context_value=context))
    errors = [(e.message, e.path) for e in result.errors or []]
    return result.data, errors, context.projected_rows


@pytest.mark.parametrize("case", list(ROWS))
def test_projection_equals_reference_including_errors(case: str) -> None:
    fast = _run(case, projection=True)
    reference = _run(case, projection=False)
    assert fast[:2] == reference[:2]
    assert reference[2] == 0
    # Only clean data is projected; everything else went field by field.
    assert fast[2] == (2 if case in ("good", "coerced") else 0)
