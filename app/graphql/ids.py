"""Relay global ids: ``base64url("<Type>:<shop_id>:<id>")`` so a node is routed to its shop."""

from __future__ import annotations

import base64
import binascii

from app.errors import NotFound
from app.web.params import MAX_BIGINT


def to_global_id(type_name: str, shop_id: int, entity_id: int) -> str:
    raw = f"{type_name}:{shop_id}:{entity_id}".encode()
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def from_global_id(global_id: str) -> tuple[str, int, int]:
    """(type, shop_id, id); a malformed id is simply not found."""
    try:
        padded = global_id + "=" * (-len(global_id) % 4)
        type_name, shop, entity = base64.urlsafe_b64decode(padded).decode().split(":")
        shop_id, entity_id = int(shop), int(entity)
    except (binascii.Error, UnicodeDecodeError, ValueError) as exc:
        raise NotFound(f"Node {global_id!r} was not found.") from exc
    if not (1 <= shop_id <= MAX_BIGINT and 1 <= entity_id <= MAX_BIGINT):
        raise NotFound(f"Node {global_id!r} was not found.")
    return type_name, shop_id, entity_id
