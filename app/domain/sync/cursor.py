"""The feed cursor: an opaque, URL-safe, signed position in one shop's change feed.

Layout (version 1): ``version u8 | epoch u32 | shop_id u64 | xid u64 | id u64`` followed by
the first 16 bytes of an HMAC-SHA256 over those bytes, base64url without padding. The HMAC
makes a tampered cursor, or one minted for another shop, a 400 rather than a silent jump.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import struct
from dataclasses import dataclass

from app.errors import InvalidCursor

CURSOR_VERSION = 1
_LAYOUT = struct.Struct(">BIQQQ")
_TAG_BYTES = 16
_KEY_CONTEXT = b"ordergate.feed.cursor.v1"


@dataclass(frozen=True, order=True)
class FeedPosition:
    """A point in (xid, id) order: everything at or before it has been delivered."""

    xid: int
    id: int


START = FeedPosition(0, 0)


@dataclass(frozen=True)
class Cursor:
    epoch: int
    shop_id: int
    position: FeedPosition


class CursorCodec:
    def __init__(self, secret_key: str) -> None:
        # A derived key keeps cursor tags independent from other uses of the secret.
        self._key = hmac.new(secret_key.encode(), _KEY_CONTEXT, hashlib.sha256).digest()

    def _tag(self, body: bytes) -> bytes:
        return hmac.new(self._key, body, hashlib.sha256).digest()[:_TAG_BYTES]

    def encode(self, cursor: Cursor) -> str:
        body = _LAYOUT.pack(
            CURSOR_VERSION, cursor.epoch, cursor.shop_id, cursor.position.xid, cursor.position.id
        )
        return base64.urlsafe_b64encode(body + self._tag(body)).rstrip(b"=").decode()

    def decode(self, token: str, *, shop_id: int) -> Cursor:
        """The cursor, or 400 ``invalid_cursor`` if it is malformed, forged or another shop's."""
        cursor = self.decode_any_shop(token)
        if cursor.shop_id != shop_id:
            raise InvalidCursor("The cursor belongs to another shop.")
        return cursor

    def decode_any_shop(self, token: str) -> Cursor:
        """The cursor, whichever shop it names (the caller checks that shop is allowed), or 400
        ``invalid_cursor`` if it is malformed or forged."""
        raw = _b64decode(token)
        if raw is None or len(raw) != _LAYOUT.size + _TAG_BYTES:
            raise InvalidCursor("The cursor is malformed; use a next_cursor returned by the API.")
        body, tag = raw[: _LAYOUT.size], raw[_LAYOUT.size :]
        if not hmac.compare_digest(tag, self._tag(body)):
            raise InvalidCursor("The cursor was not issued by this server or was altered.")
        version, epoch, cursor_shop, xid, row_id = _LAYOUT.unpack(body)
        if version != CURSOR_VERSION:
            raise InvalidCursor(f"Cursor version {version} is not supported.")
        return Cursor(epoch, cursor_shop, FeedPosition(xid, row_id))


def _b64decode(token: str) -> bytes | None:
    if not token or len(token) > 128:
        return None
    try:
        return base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
    except (binascii.Error, ValueError):
        return None
