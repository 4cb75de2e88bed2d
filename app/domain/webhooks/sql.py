"""SQL shared by the fan-out and replay: ``MATCHES_SQL`` applies an endpoint's event-type
patterns (``*``, ``order.*``, exact) to change ``p.type`` of endpoint ``e``."""

from __future__ import annotations

MATCHES_SQL = """EXISTS (
    SELECT 1 FROM unnest(e.event_types) AS pat
    WHERE pat = '*' OR pat = p.type
       OR (right(pat, 2) = '.*' AND left(p.type, length(pat) - 1) = left(pat, length(pat) - 1))
)"""
