"""Base classes of the API's input models (REST bodies, GraphQL arguments, ingest)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, field_validator


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
    expected_version: int | None = Field(default=None, ge=1)
