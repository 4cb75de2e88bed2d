"""Event-type patterns of an endpoint: ``*``, ``order.*`` or an exact type."""

from __future__ import annotations

import re
from collections.abc import Iterable

from app.models.feed import CHANGE_TYPES

PING = "ping"
_FAMILIES = frozenset(t.split(".", 1)[0] for t in CHANGE_TYPES)
# Scheduled reports are events too, but not changes: an endpoint gets them only when it names
# them ("report.daily" or "report.*"); "*" means every change.
REPORT_TYPES = ("report.daily",)
REPORT_PATTERNS = ("report.*", *REPORT_TYPES)
# Every valid pattern, spelled out: the API's request schema enumerates them as a regex.
PATTERNS: tuple[str, ...] = (
    "*",
    *sorted(f"{family}.*" for family in _FAMILIES),
    *CHANGE_TYPES,
    *REPORT_PATTERNS,
)
PATTERN_REGEX = "^(?:" + "|".join(re.escape(p) for p in PATTERNS) + ")$"


def is_valid_pattern(pattern: str) -> bool:
    return pattern in PATTERNS


def matches(patterns: Iterable[str], event_type: str) -> bool:
    for pattern in patterns:
        if pattern in ("*", event_type):
            return True
        if pattern.endswith(".*") and event_type.startswith(pattern[:-1]):
            return True
    return False


def matching_types(patterns: Iterable[str]) -> list[str]:
    """The concrete change types the patterns select (for SQL filters)."""
    wanted = list(patterns)
    return [t for t in CHANGE_TYPES if matches(wanted, t)]
