"""Read models: the typed shape of everything the API returns, written once.

A read model is a ``TypedDict`` decorated with :func:`read_model`. The domain builds it as a
plain dict (mypy checks every key statically, nothing is paid per row at run time), REST
declares it as ``response_model`` so the OpenAPI document (and the SDKs generated from it)
carries it, and the test suite validates every response body against it with extra keys
forbidden, so a field the API returns but the contract does not describe fails a test.

The published schema leaves ``additionalProperties`` open: clients must ignore fields added
later (adding a field is not a breaking change), while our own tests forbid undocumented ones.
"""

from __future__ import annotations

from typing import Annotated, Any, Generic, TypeVar

from pydantic import ConfigDict, Field, with_config
from typing_extensions import TypedDict

T = TypeVar("T")


def _open_for_clients(schema: dict[str, Any]) -> None:
    schema.pop("additionalProperties", None)


READ_MODEL_CONFIG = ConfigDict(extra="forbid", json_schema_extra=_open_for_clients)

read_model = with_config(READ_MODEL_CONFIG)
"""Class decorator for a read model ``TypedDict`` (strict in tests, open in the contract)."""


HasMore = Annotated[bool, Field(description="True when another page follows (pass `next_cursor`).")]
NextCursor = Annotated[
    str | None,
    Field(
        description="Opaque cursor of the next page; null on the last page.",
        examples=["eyJ2IjoxLCJrIjpbMTcwMDAwMDAwMDAwMCwxMjNdfQ.c2ln"],
    ),
]


@read_model
class Page(TypedDict, Generic[T]):
    """One page of a list, newest or best first; follow ``next_cursor`` while ``has_more``.

    A page with more members (the change feed's) declares the three keys itself with
    ``HasMore``/``NextCursor``: a TypedDict subclass of ``Page[X]`` loses ``X`` in its schema."""

    data: list[T]
    has_more: HasMore
    next_cursor: NextCursor


@read_model
class Listing(TypedDict, Generic[T]):
    """A short list returned whole (no paging)."""

    data: list[T]


Timestamp = Annotated[
    str,
    Field(
        description="RFC 3339 instant in UTC.",
        examples=["2026-11-26T08:00:00Z"],
        json_schema_extra={"format": "date-time"},
    ),
]
"""An instant as the API writes it (``app.kit.clock.rfc3339``): RFC 3339, UTC, ``Z``."""
