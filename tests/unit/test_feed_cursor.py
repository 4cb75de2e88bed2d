"""The cursor codec: round trip, and every way a cursor can be wrong is a 400."""

from __future__ import annotations

import base64

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.sync.cursor import Cursor, CursorCodec, FeedPosition
from app.errors import InvalidCursor

codec = CursorCodec("unit-test-secret")
u32 = st.integers(min_value=0, max_value=2**32 - 1)
u63 = st.integers(min_value=0, max_value=2**63 - 1)


@given(epoch=u32, shop=u63, xid=u63, row=u63)
def test_round_trip_is_url_safe(epoch: int, shop: int, xid: int, row: int) -> None:
    cursor = Cursor(epoch, shop, FeedPosition(xid, row))
    token = codec.encode(cursor)
    assert set(token) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
    assert codec.decode(token, shop_id=shop) == cursor


def test_another_shops_cursor_is_rejected() -> None:
    token = codec.encode(Cursor(1, 7, FeedPosition(100, 5)))
    with pytest.raises(InvalidCursor, match="another shop"):
        codec.decode(token, shop_id=8)


@given(index=st.integers(min_value=0, max_value=44), bit=st.integers(min_value=0, max_value=7))
def test_any_flipped_bit_is_rejected(index: int, bit: int) -> None:
    raw = bytearray(base64.urlsafe_b64decode(codec.encode(Cursor(1, 7, FeedPosition(9, 9)))))
    raw[index] ^= 1 << bit
    forged = base64.urlsafe_b64encode(bytes(raw)).rstrip(b"=").decode()
    with pytest.raises(InvalidCursor):
        codec.decode(forged, shop_id=7)


def test_other_secret_is_rejected() -> None:
    token = CursorCodec("another-secret").encode(Cursor(1, 7, FeedPosition(1, 1)))
    with pytest.raises(InvalidCursor, match="not issued"):
        codec.decode(token, shop_id=7)


@pytest.mark.parametrize("token", ["x", "%%%", "é" * 10, "A" * 200, "AAAA", ""])
def test_garbage_is_rejected(token: str) -> None:
    with pytest.raises(InvalidCursor):
        codec.decode(token, shop_id=7)
