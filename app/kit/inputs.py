"""Base classes of the API's input models (REST bodies, GraphQL arguments, ingest)."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator

_DATE_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}[Tt ]")


def rfc3339_only(value: object) -> object:
    """A date-time input as the contract's ``format: date-time`` says: pydantic alone reads a
    number ("0", 1.5) as a Unix timestamp."""
    if not isinstance(value, datetime) and not (isinstance(value, str) and _DATE_TIME.match(value)):
        raise ValueError("must be an RFC 3339 date-time")
    return value


DateTimeIn = Annotated[datetime, BeforeValidator(rfc3339_only)]


class StrictModel(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    @field_validator("*", mode="after")
    @classmethod
    def _no_nul(cls, value: object) -> object:
        # PostgreSQL text cannot store NUL: refuse it as input instead of failing on write.
        if isinstance(value, str) and "\x00" in value:
            raise ValueError("must not contain NUL characters")
        return value


def _not_a_boolean(value: object) -> object:
    # Lax ints take JSON true as 1; a whole float (3.0) stays an integer, as JSON Schema says.
    if isinstance(value, bool):
        raise ValueError("must be an integer, not a boolean")
    return value


class VersionedIn(StrictModel):
    expected_version: (
        Annotated[int, Field(ge=1, le=2**31 - 1), BeforeValidator(_not_a_boolean)] | None
    ) = None  # INTEGER columns


def never_null(schema: dict[str, Any]) -> None:
    """``json_schema_extra`` of an optional body field that may be left out but not sent as
    null (the model refuses null there): the published schema drops its null branch, so a
    client (or a fuzzer) reading ``anyOf [T, null]`` does not send a null that is refused."""
    kinds = schema.get("anyOf")
    if not isinstance(kinds, list):
        return
    rest = [kind for kind in kinds if kind != {"type": "null"}]
    if len(rest) == 1:
        del schema["anyOf"]
        schema.update(rest[0])
    else:
        schema["anyOf"] = rest
    if schema.get("default", 0) is None:
        del schema["default"]


def deprecated_never_null(schema: dict[str, Any]) -> None:
    """:func:`never_null`, and marked deprecated."""
    never_null(schema)
    schema["deprecated"] = True
