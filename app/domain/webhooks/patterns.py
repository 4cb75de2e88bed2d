"""Event-type patterns of an endpoint: ``*``, ``order.*`` or an exact type."""

from __future__ import annotations

from collections.abc import Iterable

from app.models.feed import CHANGE_TYPES

PING = "ping"
_FAMILIES = frozenset(t.split(".", 1)[0] for t in CHANGE_TYPES)
# Scheduled reports are events too, but not changes: an endpoint gets them only when it names
# them ("report.daily" or "report.*"); "*" means every change.
REPORT_TYPES = ("report.daily",)
REPORT_PATTERNS = ("report.*", *REPORT_TYPES)


def is_valid_pattern(pattern: str) -> bool:
    if pattern == "*" or pattern in CHANGE_TYPES or pattern in REPORT_PATTERNS:
        return True
    family, dot, rest = pattern.partition(".")
    return bool(dot) and rest == "*" and family in _FAMILIES


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
