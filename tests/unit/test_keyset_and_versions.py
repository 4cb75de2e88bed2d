"""Keyset cursors are opaque, signed and bound to their list and sort; If-Match parsing."""

from __future__ import annotations

import base64
from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.errors import InvalidCursor, ValidationFailed
from app.kit.keyset import KeysetCodec, from_micros, micros
from app.kit.versioning import etag, expected_version, parse_if_match

codec = KeysetCodec("unit-test-secret")


@given(
    st.datetimes(timezones=st.just(UTC), min_value=datetime(1971, 1, 1)),
    st.integers(min_value=1, max_value=2**63 - 1),
)
def test_round_trip(when: datetime, row_id: int) -> None:
    token = codec.encode("orders", "-created_at", [micros(when), row_id])
    value, got_id = codec.decode(token, listing="orders", sort="-created_at", arity=2)
    assert isinstance(value, int)
    assert from_micros(value) == when
    assert got_id == row_id


def test_tampered_or_foreign_cursors_are_invalid() -> None:
    token = codec.encode("orders", "-created_at", [123, 7])
    raw = bytearray(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
    raw[3] ^= 1
    tampered = base64.urlsafe_b64encode(bytes(raw)).rstrip(b"=").decode()
    for bad in [tampered, "", "!!!", "a" * 600, token[:-2]]:
        with pytest.raises(InvalidCursor):
            codec.decode(bad, listing="orders", sort="-created_at", arity=2)
    with pytest.raises(InvalidCursor):
        codec.decode(token, listing="after_sales", sort="-created_at", arity=2)
    with pytest.raises(InvalidCursor):
        codec.decode(token, listing="orders", sort="-paid_amount", arity=2)
    with pytest.raises(InvalidCursor):
        KeysetCodec("another-secret").decode(token, listing="orders", sort="-created_at", arity=2)


def test_if_match_forms() -> None:
    assert etag(3) == '"3"'
    assert parse_if_match('"3"') == 3
    assert parse_if_match('W/"4"') == 4
    assert parse_if_match("5") == 5
    assert parse_if_match("*") is None
    assert parse_if_match(None) is None
    for bad in ['"x"', '"0"', "1 2", '"99999999999"']:
        with pytest.raises(ValidationFailed):
            parse_if_match(bad)
    assert expected_version('"2"', None) == 2
    assert expected_version(None, 6) == 6
    assert expected_version('"2"', 2) == 2
    with pytest.raises(ValidationFailed):
        expected_version('"2"', 3)
