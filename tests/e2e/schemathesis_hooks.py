"""schemathesis hooks for tests/e2e/test_schemathesis.py (loaded through SCHEMATHESIS_HOOKS).

The input gate (app/api/input_guard.py) refuses C0 controls and lone surrogates in every string
of every request, one rule for the whole API rather than a pattern on each field. Schema-valid
(positive) cases carrying such text are dropped here, so positive_data_acceptance judges the
field rules the schema does state; negative cases keep them, and
tests/security/test_hostile_input.py covers the gate itself.

An Idempotency-Key used again with another body is 422 idempotency_mismatch, as documented; a
generator drawing keys from a small space reuses them, so each positive case gets a fresh key.
If-Match and body.expected_version must agree when both are given (a rule across a header and
the body): a positive case carrying both gets the ETag of its body version."""

from __future__ import annotations

import uuid
from typing import Any

import schemathesis

from app.kit.text import forbidden_text


def _carries_forbidden_text(value: Any) -> bool:
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if forbidden_text(item):
                return True
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list | tuple):
            stack.extend(item)
    return False


@schemathesis.hook
def filter_case(context: Any, case: Any) -> bool:
    meta = case.meta
    if meta is None or not meta.generation.mode.is_positive:
        return True
    parts = (case.path_parameters, case.query, case.headers, case.cookies, case.body)
    return not any(_carries_forbidden_text(part) for part in parts)


@schemathesis.hook
def map_case(context: Any, case: Any) -> Any:
    meta = case.meta
    positive = meta is not None and meta.generation.mode.is_positive
    if positive and case.headers and "Idempotency-Key" in case.headers:
        case.headers["Idempotency-Key"] = uuid.uuid4().hex
    version = case.body.get("expected_version") if isinstance(case.body, dict) else None
    tagged = case.headers and case.headers.get("If-Match") not in (None, "", "*")
    if positive and tagged and version is not None:
        case.headers["If-Match"] = f'"{int(version)}"'  # JSON may say 3.0
    return case
