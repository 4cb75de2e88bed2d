"""Read models of the webhook-endpoints API: endpoint, delivery, attempt, stats, replay.

Built as plain dicts by WebhookService (see app/kit/contract.py); the routes declare them.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import Field
from typing_extensions import TypedDict

from app.kit.contract import Timestamp, read_model
from app.models.feed import ChangeType
from app.models.webhooks import DeliveryStatus

__all__ = [
    "ChangeType",
    "DeliveryStatus",
    "EndpointApp",
    "NoticeType",
    "ShopWebhookEndpoint",
    "WebhookAttempt",
    "WebhookDelivery",
    "WebhookDeliveryDetail",
    "WebhookEndpoint",
    "WebhookEndpointWithSecret",
    "WebhookLatency",
    "WebhookReplayAccepted",
    "WebhookStats",
]


class NoticeType(StrEnum):
    """Events that are not feed changes: the test ping and the scheduled daily report."""

    PING = "ping"
    REPORT_DAILY = "report.daily"


_TIME = "2026-11-26T22:40:00.123Z"
EventTypePatterns = Annotated[
    list[str],
    Field(
        description="What the endpoint receives: `*` (every change), a family such as "
        "`order.*`, exact change types, and `report.daily` / `report.*` (reports are not "
        "changes, so `*` does not include them).",
        examples=[["order.*", "after_sale.created", "report.daily"]],
    ),
]


@read_model
class WebhookEndpoint(TypedDict):
    """A webhook endpoint (its signing secret is never shown again after creation/rotation)."""

    id: Annotated[int, Field(description="Endpoint id", examples=[12])]
    url: Annotated[
        str,
        Field(description="Where events are POSTed", examples=["https://erp.example/hooks/og"]),
    ]
    description: Annotated[
        str | None, Field(description="Free text for your own use", examples=["ERP sync"])
    ]
    event_types: EventTypePatterns
    shop_ids: Annotated[
        list[int],
        Field(description="Shops whose events the endpoint receives (sorted)", examples=[[7]]),
    ]
    disabled_shop_ids: Annotated[
        list[int],
        Field(
            description="Shops whose merchant switched the endpoint off: their data is not "
            "sent, and only they can switch it on again (sorted)",
            examples=[[]],
        ),
    ]
    enabled: Annotated[
        bool, Field(description="False when disabled by you or after failing for 5 days")
    ]
    disabled_reason: Annotated[
        str | None,
        Field(
            description="Why the endpoint was disabled automatically (null when enabled)",
            examples=["failing since 2026-11-21T00:00:00Z", "410 Gone"],
        ),
    ]
    failing_since: Annotated[
        Timestamp | None,
        Field(
            description="First failure of the current failing streak (RFC 3339 UTC); null "
            "when the last delivery succeeded",
            examples=[_TIME],
        ),
    ]
    previous_secret_valid_until: Annotated[
        Timestamp | None,
        Field(
            description="After a rotation: until when the previous secret still signs "
            "alongside the new one (RFC 3339 UTC); null otherwise",
            examples=["2026-11-27T22:40:00.123Z"],
        ),
    ]
    version: Annotated[int, Field(description="Bumped on every change", examples=[3])]
    created_at: Annotated[Timestamp, Field(description="RFC 3339 UTC", examples=[_TIME])]
    updated_at: Annotated[Timestamp, Field(description="RFC 3339 UTC", examples=[_TIME])]


@read_model
class WebhookEndpointWithSecret(WebhookEndpoint):
    """An endpoint just created or rotated: the only responses that carry the secret."""

    secret: Annotated[
        str,
        Field(
            description="Signing secret (Standard Webhooks); shown only in this response",
            examples=["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"],
        ),
    ]


@read_model
class WebhookDelivery(TypedDict):
    """One event sent (or to be sent) to one endpoint, with its latest outcome."""

    id: Annotated[int, Field(description="Delivery id", examples=[48213])]
    endpoint_id: Annotated[int, Field(description="The endpoint", examples=[12])]
    shop_id: Annotated[int, Field(description="The shop the event belongs to", examples=[7])]
    change_id: Annotated[
        int | None,
        Field(
            description="The feed change the event carries; null for pings and reports",
            examples=[901],
        ),
    ]
    replay: Annotated[
        int | None,
        Field(
            description="Number of the replay (or test ping) that queued it; null for the "
            "original delivery of a change",
            examples=[None, 2],
        ),
    ]
    event_type: Annotated[
        ChangeType | NoticeType,
        Field(description="The event's `type`", examples=["order.paid"]),
    ]
    webhook_id: Annotated[
        str,
        Field(
            description="The `webhook-id` header: the same on every attempt and redelivery, "
            "new for a replay (deduplicate on it)",
            examples=["msg_901"],
        ),
    ]
    status: Annotated[DeliveryStatus, Field(description="Where the delivery stands")]
    attempts: Annotated[int, Field(description="Attempts made so far", examples=[1])]
    next_attempt_at: Annotated[
        Timestamp | None,
        Field(description="When the next attempt is due while pending (RFC 3339 UTC)"),
    ]
    last_status_code: Annotated[
        int | None,
        Field(description="HTTP status of the latest attempt (null: no answer)", examples=[200]),
    ]
    last_error: Annotated[
        str | None,
        Field(
            description="Why the latest attempt failed (timeout, connection, `ssrf_refused:`…)",
            examples=[None, "timeout after 10 s"],
        ),
    ]
    created_at: Annotated[
        Timestamp, Field(description="Queued at (RFC 3339 UTC)", examples=[_TIME])
    ]
    delivered_at: Annotated[
        Timestamp | None, Field(description="First 2xx answer (RFC 3339 UTC)", examples=[_TIME])
    ]


@read_model
class WebhookAttempt(TypedDict):
    """One HTTP attempt of a delivery."""

    id: Annotated[int, Field(description="Attempt id", examples=[77012])]
    attempted_at: Annotated[Timestamp, Field(description="RFC 3339 UTC", examples=[_TIME])]
    latency_ms: Annotated[
        int | None, Field(description="Time to the answer in milliseconds", examples=[84])
    ]
    status_code: Annotated[
        int | None,
        Field(description="HTTP status answered (null: no answer)", examples=[200]),
    ]
    response_excerpt: Annotated[
        str | None,
        Field(description="The first 1 KB of the response body", examples=["ok"]),
    ]
    error: Annotated[
        str | None,
        Field(description="Transport error, when there was no answer", examples=[None]),
    ]


@read_model
class WebhookDeliveryDetail(WebhookDelivery):
    """A delivery with every attempt, oldest first."""

    attempt_log: Annotated[list[WebhookAttempt], Field(description="Attempts, oldest first")]


@read_model
class WebhookReplayAccepted(TypedDict):
    """A replay was queued: the matching changes go out as new deliveries."""

    replay: Annotated[
        int,
        Field(description="Replay number (the deliveries' `replay`)", examples=[3]),
    ]
    queued: Annotated[int, Field(description="Deliveries queued", examples=[42])]


@read_model
class WebhookLatency(TypedDict):
    """Attempt latency percentiles in milliseconds (null without attempts)."""

    p50: Annotated[float | None, Field(description="Median", examples=[84.0])]
    p99: Annotated[float | None, Field(description="99th percentile", examples=[912.5])]


@read_model
class WebhookStats(TypedDict):
    """Delivery health of an endpoint over the last ``window_hours``."""

    endpoint_id: Annotated[int, Field(description="The endpoint", examples=[12])]
    window_hours: Annotated[int, Field(description="Length of the window", examples=[24])]
    attempts: Annotated[int, Field(description="Attempts in the window", examples=[1280])]
    success_rate: Annotated[
        float | None,
        Field(description="Share of attempts answered 2xx, 0..1 (null: none)", examples=[0.998]),
    ]
    latency_ms: WebhookLatency
    backlog: Annotated[int, Field(description="Deliveries pending now", examples=[0])]
    oldest_pending_at: Annotated[
        Timestamp | None,
        Field(description="Creation time of the oldest pending delivery (RFC 3339 UTC)"),
    ]


@read_model
class EndpointApp(TypedDict):
    """The app an endpoint belongs to."""

    id: Annotated[int, Field(description="App id", examples=[3])]
    client_id: Annotated[str, Field(description="OAuth client id", examples=["ogc_7f3a…"])]
    name: Annotated[str, Field(description="App name", examples=["ERP Cloud"])]


@read_model
class ShopWebhookEndpoint(TypedDict):
    """An endpoint receiving the shop's data, as the merchant sees it (any app's; no secret,
    no other shops, the URL without its query string)."""

    id: Annotated[int, Field(description="Endpoint id", examples=[12])]
    app: Annotated[EndpointApp | None, Field(description="Null for an endpoint made by a tool")]
    created_by_account_id: Annotated[
        int | None, Field(description="The account whose grant it rides on", examples=[5])
    ]
    url: Annotated[str, Field(examples=["https://erp.example/hooks/og"])]
    description: str | None
    event_types: EventTypePatterns
    enabled: Annotated[bool, Field(description="The app's own switch")]
    disabled_reason: Annotated[
        str | None, Field(description="Why the endpoint is off (the app's or the platform's)")
    ]
    enabled_for_shop: Annotated[bool, Field(description="The merchant's switch for this shop")]
    receiving: Annotated[
        bool, Field(description="Both switches on and the creator's grant live: data flows")
    ]
    version: int
    created_at: Annotated[Timestamp, Field(description="RFC 3339, UTC")]
    updated_at: Annotated[Timestamp, Field(description="RFC 3339, UTC")]
