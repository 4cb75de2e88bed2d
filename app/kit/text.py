"""Which text the app takes in at all: PostgreSQL text cannot hold NUL, UTF-8 (asyncpg,
orjson) cannot carry a lone surrogate, and other C0 controls have no place in any field.
Tab, line feed and carriage return stay allowed (multi-line remarks)."""

from __future__ import annotations

import re

_FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")


def forbidden_text(value: str) -> bool:
    """True when ``value`` holds a character no text field of the API may carry."""
    return _FORBIDDEN.search(value) is not None
