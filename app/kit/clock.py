"""Time helpers: UTC everywhere in the API, RFC 3339 on the wire."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import overload

_FROZEN: ContextVar[datetime | None] = ContextVar("frozen_utcnow", default=None)


def utcnow() -> datetime:
    return _FROZEN.get() or datetime.now(UTC)


@contextmanager
def frozen(at: datetime) -> Iterator[None]:
    """Inside, :func:`utcnow` answers ``at``: writes replayed at chosen instants (the demo's
    service-driven scenarios) are deterministic."""
    token = _FROZEN.set(at)
    try:
        yield
    finally:
        _FROZEN.reset(token)


@overload
def rfc3339(value: datetime) -> str: ...
@overload
def rfc3339(value: datetime | None) -> str | None: ...


def rfc3339(value: datetime | None) -> str | None:
    if value is None:
        return None
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z")
