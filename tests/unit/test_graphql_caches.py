"""Parsing and validation are cached per document across requests (the depth/alias limiter
rules are built once; rebuilt per request they changed the validation cache key every time)."""

from __future__ import annotations

import asyncio
from typing import Any

from strawberry.extensions.parser_cache import DEFAULT_MAXSIZE
from strawberry.extensions.validation_cache import _get_validate_cache

from app.graphql.schema import MAX_ALIASES, build_schema


class Context:
    max_cost = 1000
    cost: Any = None


def test_second_request_of_a_document_is_not_validated_again() -> None:
    schema = build_schema()
    cache = _get_validate_cache(DEFAULT_MAXSIZE)
    query = "query Cached { __typename }"

    async def run() -> None:
        for _ in range(3):
            result = await schema.execute(query, context_value=Context())
            assert result.errors is None, result.errors

    before = cache.cache_info()
    asyncio.run(run())
    after = cache.cache_info()
    assert after.misses - before.misses <= 1
    assert after.hits - before.hits >= 2


def test_alias_limit_still_applies_with_shared_rules() -> None:
    schema = build_schema()
    many = "{ " + " ".join(f"a{i}: __typename" for i in range(MAX_ALIASES + 5)) + " }"
    result = asyncio.run(schema.execute(many, context_value=Context()))
    assert result.errors and "aliases" in result.errors[0].message.lower()
