"""Time helpers: UTC everywhere in the API, RFC 3339 on the wire."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import overload


def utcnow() -> datetime:
    return datetime.now(UTC)


@overload
def rfc3339(value: datetime) -> str: ...
@overload
def rfc3339(value: datetime | None) -> str | None: ...


def rfc3339(value: datetime | None) -> str | None:
    if value is None:
        return None
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z")
