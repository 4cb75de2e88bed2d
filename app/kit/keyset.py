"""Opaque keyset cursors for list endpoints.

A cursor carries the sort it was made for and the last row's sort key plus id, signed with an
HMAC of the server secret, so a client can neither forge a position nor reuse a cursor with a
different sort or list: both answer 400 ``invalid_cursor``. Positions are keys, never offsets,
so rows inserted between pages cannot shift or duplicate the rows already paged through.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
from collections.abc import Sequence
from datetime import UTC, datetime

import orjson

from app.errors import InvalidCursor

KeyValue = int | str | None

_VERSION = 1
_TAG_BYTES = 16
_MAX_TOKEN = 512
_KEY_CONTEXT = b"ordergate.keyset.cursor.v1"
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def micros(value: datetime) -> int:
    """A timestamp as integer microseconds since the epoch (exact, compact in a cursor)."""
    delta = value - _EPOCH
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds


def from_micros(value: int) -> datetime:
    seconds, us = divmod(value, 1_000_000)
    return datetime.fromtimestamp(seconds, UTC).replace(microsecond=us)


class KeysetCodec:
    def __init__(self, secret_key: str) -> None:
        # A derived key keeps these tags independent from other uses of the secret.
        self._key = hmac.new(secret_key.encode(), _KEY_CONTEXT, hashlib.sha256).digest()

    def _tag(self, body: bytes) -> bytes:
        return hmac.new(self._key, body, hashlib.sha256).digest()[:_TAG_BYTES]

    def encode(self, listing: str, sort: str, key: Sequence[KeyValue]) -> str:
        body = orjson.dumps([_VERSION, listing, sort, list(key)])
        return base64.urlsafe_b64encode(body + self._tag(body)).rstrip(b"=").decode()

    def decode(self, token: str, *, listing: str, sort: str, arity: int) -> list[KeyValue]:
        """The key the cursor points after, or 400 ``invalid_cursor``."""
        raw = _b64decode(token)
        if raw is None or len(raw) <= _TAG_BYTES:
            raise InvalidCursor("The cursor is malformed; use a next_cursor returned by the API.")
        body, tag = raw[:-_TAG_BYTES], raw[-_TAG_BYTES:]
        if not hmac.compare_digest(tag, self._tag(body)):
            raise InvalidCursor("The cursor was not issued by this server or was altered.")
        try:
            version, cursor_listing, cursor_sort, key = orjson.loads(body)
        except (orjson.JSONDecodeError, ValueError, TypeError) as exc:
            raise InvalidCursor("The cursor is malformed.") from exc
        if version != _VERSION or cursor_listing != listing:
            raise InvalidCursor("The cursor belongs to another list.")
        if cursor_sort != sort:
            raise InvalidCursor(
                f"The cursor was made for sort '{cursor_sort}'; repeat the request with that sort."
            )
        if not isinstance(key, list) or len(key) != arity:
            raise InvalidCursor("The cursor is malformed.")
        for part in key:
            if part is not None and not isinstance(part, int | str):
                raise InvalidCursor("The cursor is malformed.")
        return key


def _b64decode(token: str) -> bytes | None:
    if not token or len(token) > _MAX_TOKEN:
        return None
    try:
        return base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
    except (binascii.Error, ValueError):
        return None
