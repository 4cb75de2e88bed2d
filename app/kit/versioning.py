"""Optimistic concurrency: the expected version from ``If-Match`` or the body field.

The ETag of a versioned entity is its version as a strong tag (``"7"``); ``If-Match`` accepts
that, the weak form ``W/"7"`` and a bare ``7``. ``*`` means "any version" (no check).
"""

from __future__ import annotations

import re

from app.errors import ValidationFailed, field_error

_TAG = re.compile(r'^(?:W/)?"?([0-9]{1,10})"?$')


def etag(version: int) -> str:
    return f'"{version}"'


def if_match_pattern() -> str:
    """What parse_if_match accepts, as a JSON Schema pattern: empty, ``*``, or 1-10 digits not
    all zero, optionally quoted and weak (``W/``)."""
    # No lookahead (not every generator supports it): one branch per count of leading zeros.
    number = "|".join(f"0{{{k}}}[1-9][0-9]{{0,{9 - k}}}" for k in range(10))
    return f'^(\\*|(W/)?"?({number})"?)?$'


def parse_if_match(value: str | None) -> int | None:
    if value is None:
        return None
    value = value.strip()
    if value in ("", "*"):
        return None
    match = _TAG.match(value)
    if match is None or int(match.group(1)) < 1:
        raise ValidationFailed(
            'If-Match must be the entity\'s ETag, e.g. "3".',
            [field_error(["header", "If-Match"], 'expected an ETag such as "3"')],
        )
    return int(match.group(1))


def expected_version(if_match: str | None, body_version: int | None) -> int | None:
    """The version a write expects; header and body may both be given only if they agree."""
    header_version = parse_if_match(if_match)
    if header_version is not None and body_version is not None and header_version != body_version:
        raise ValidationFailed(
            "If-Match and expected_version disagree.",
            [
                field_error(["header", "If-Match"], "disagrees with body.expected_version"),
                field_error(["body", "expected_version"], "disagrees with If-Match"),
            ],
        )
    return header_version if header_version is not None else body_version
