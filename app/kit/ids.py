"""Identifiers with a meaning on the wire."""

from __future__ import annotations

import secrets
from datetime import datetime


def new_order_no(at: datetime, shop_id: int) -> str:
    """19 digits: yymmddHHMMSS, 2 digits of the shop, 5 random digits."""
    return f"{at:%y%m%d%H%M%S}{shop_id % 100:02d}{secrets.randbelow(100_000):05d}"
