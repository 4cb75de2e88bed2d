"""Prometheus gauges for the change feed (exposed on /metrics)."""

from __future__ import annotations

from prometheus_client import Counter, Gauge

HORIZON_LAG_MS = Gauge(
    "ordergate_feed_horizon_lag_ms",
    "Age in ms of the oldest running transaction holding the change-feed horizon",
    multiprocess_mode="livemax",
)
PARKED_REQUESTS = Gauge(
    "ordergate_feed_parked_requests",
    "Long-poll requests waiting for changes in this process",
    multiprocess_mode="livesum",
)
LISTENER_CONNECTED = Gauge(
    "ordergate_feed_listener_connected",
    "1 while the LISTEN connection of this process is up",
    multiprocess_mode="livesum",
)
NOTIFICATIONS = Counter(
    "ordergate_feed_notifications_total", "Change notifications received by this process"
)
LONG_POLLS_ADMITTED = Counter(
    "ordergate_feed_long_polls_admitted_total",
    "Long-polls served below the web framework (app/api/v1/changes_parked.py)",
)
