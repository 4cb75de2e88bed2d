"""Base classes of the API's input models (REST bodies, GraphQL arguments, ingest)."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Annotated

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


class VersionedIn(StrictModel):
    expected_version: int | None = Field(default=None, ge=1, le=2**31 - 1)  # INTEGER columns
