"""Endpoint management, the delivery log, redelivery, replay and stats.

Services take the request's session and never commit. An endpoint is visible to a token when
it was created by the same client and every one of its shops is among the token's
``webhooks:manage`` shops; anything else is a 404, so ids never leak across tenants.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import BigInteger, cast, func, select, text, update
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.ext.asyncio import AsyncSession

from app.config import Settings
from app.domain.access.authorized import Authorized
from app.domain.audit.service import record_audit
from app.domain.sync.cursor import CursorCodec
from app.domain.sync.horizon import HORIZON_SQL
from app.domain.webhooks.fanout import notify_due
from app.domain.webhooks.patterns import is_valid_pattern, matching_types
from app.domain.webhooks.schemas import (
    ChangeType,
    DeliveryStatus,
    NoticeType,
    WebhookAttempt,
    WebhookDelivery,
    WebhookDeliveryDetail,
    WebhookEndpoint,
    WebhookEndpointWithSecret,
    WebhookReplayAccepted,
    WebhookStats,
)
from app.domain.webhooks.secret_box import SecretBox
from app.domain.webhooks.signing import generate_secret
from app.domain.webhooks.sql import receives_sql
from app.domain.webhooks.urls import check_url
from app.errors import InvalidCursor, NotFound, ValidationFailed
from app.kit.clock import rfc3339, utcnow
from app.kit.contract import Page
from app.kit.keyset import KeysetCodec
from app.models.webhooks import WebhookAttempt as AttemptRow
from app.models.webhooks import WebhookDelivery as DeliveryRow
from app.models.webhooks import WebhookEndpoint as EndpointRow

ROTATION_GRACE = timedelta(hours=24)
MAX_REPLAY = 100_000


@dataclass(frozen=True)
class EndpointInput:
    url: str
    event_types: list[str]
    shop_ids: list[int]
    description: str | None = None
    enabled: bool = True


def _invalid(field: str, msg: str) -> ValidationFailed:
    return ValidationFailed(msg, errors=[{"loc": ["body", field], "msg": msg}])


def endpoint_view(e: EndpointRow) -> WebhookEndpoint:
    rotating = e.previous_secret_expires_at
    return {
        "id": e.id,
        "url": e.url,
        "description": e.description,
        "event_types": list(e.event_types),
        "shop_ids": sorted(e.shop_ids),
        # Shops whose merchant switched the endpoint off (their data is not sent; only they
        # can switch it on again).
        "disabled_shop_ids": sorted(e.disabled_shop_ids or []),
        "enabled": e.enabled,
        "disabled_reason": e.disabled_reason,
        "failing_since": rfc3339(e.failing_since),
        "previous_secret_valid_until": rfc3339(rotating)
        if rotating and rotating > utcnow()
        else None,
        "version": e.version,
        "created_at": rfc3339(e.created_at),
        "updated_at": rfc3339(e.updated_at),
    }


def _with_secret(e: EndpointRow, secret: str) -> WebhookEndpointWithSecret:
    return {**endpoint_view(e), "secret": secret}


_EVENT_TYPES: dict[str, ChangeType | NoticeType] = {t.value: t for t in (*ChangeType, *NoticeType)}


def delivery_view(d: DeliveryRow) -> WebhookDelivery:
    status = DeliveryStatus(d.status)
    return {
        "id": d.id,
        "endpoint_id": d.endpoint_id,
        "shop_id": d.shop_id,
        # 0 is a ping, negative ids are scheduled reports: neither is a feed change.
        "change_id": d.change_id if d.change_id > 0 else None,
        "replay": d.replay_of or None,
        "event_type": _EVENT_TYPES[d.event_type],
        "webhook_id": d.webhook_id,
        "status": status,
        "attempts": d.attempts,
        "next_attempt_at": rfc3339(d.next_attempt_at) if status is DeliveryStatus.PENDING else None,
        "last_status_code": d.last_status_code,
        "last_error": d.last_error,
        "created_at": rfc3339(d.created_at),
        "delivered_at": rfc3339(d.delivered_at),
    }


def attempt_view(a: AttemptRow) -> WebhookAttempt:
    return {
        "id": a.id,
        "attempted_at": rfc3339(a.attempted_at),
        "latency_ms": a.latency_ms,
        "status_code": a.status_code,
        "response_excerpt": a.response_excerpt,
        "error": a.error,
    }


_NEWEST_ID = "-id"


class WebhookService:
    def __init__(self, session: AsyncSession, settings: Settings, auth: Authorized) -> None:
        self.session = session
        self.settings = settings
        self.auth = auth
        self.box = SecretBox(settings.secret_key or "")
        self.codec = KeysetCodec(settings.secret_key or "")

    # -- validation --------------------------------------------------------------------

    def _check_shops(self, shop_ids: Sequence[int]) -> list[int]:
        if not shop_ids:
            raise _invalid("shop_ids", "at least one shop is required")
        for shop_id in shop_ids:
            self.auth.require(shop_id)  # 404 invisible, 403 without webhooks:manage
        return sorted(set(shop_ids))

    @staticmethod
    def _check_types(event_types: Sequence[str]) -> list[str]:
        if not event_types:
            raise _invalid("event_types", "at least one event type or pattern is required")
        bad = [t for t in event_types if not is_valid_pattern(t)]
        if bad:
            raise _invalid("event_types", f"unknown event types or patterns: {', '.join(bad)}")
        return sorted(set(event_types))

    async def _audit(self, e: EndpointRow, action: str, data: dict[str, Any]) -> None:
        for shop_id in sorted(e.shop_ids):
            await record_audit(
                self.session,
                self.auth.actor,
                shop_id=shop_id,
                action=action,
                entity="webhook_endpoint",
                entity_id=e.id,
                after_version=e.version,
                data=data,
            )

    # -- endpoints ---------------------------------------------------------------------

    def _visible(self) -> Any:
        client_id = self.auth.principal.client_id
        return (
            EndpointRow.deleted_at.is_(None),
            EndpointRow.client_id.is_not_distinct_from(client_id),
            EndpointRow.shop_ids.op("<@")(cast(self.auth.shops.sorted_ids(), ARRAY(BigInteger))),
        )

    async def _row(self, endpoint_id: int, *, lock: bool = False) -> EndpointRow:
        stmt = select(EndpointRow).where(EndpointRow.id == endpoint_id, *self._visible())
        if lock:
            stmt = stmt.with_for_update()
        found = (await self.session.execute(stmt)).scalar_one_or_none()
        if found is None:
            raise NotFound(f"Webhook endpoint {endpoint_id} was not found.")
        return found

    async def get(self, endpoint_id: int) -> WebhookEndpoint:
        return endpoint_view(await self._row(endpoint_id))

    async def list_endpoints(self) -> Page[WebhookEndpoint]:
        """Every visible endpoint, oldest first, in one page (there are few per app)."""
        stmt = select(EndpointRow).where(*self._visible()).order_by(EndpointRow.id)
        rows = (await self.session.execute(stmt)).scalars()
        return {"data": [endpoint_view(e) for e in rows], "has_more": False, "next_cursor": None}

    async def create(self, data: EndpointInput) -> WebhookEndpointWithSecret:
        url = await check_url(data.url, self.settings)
        shops = self._check_shops(data.shop_ids)
        types = self._check_types(data.event_types)
        secret = generate_secret()
        endpoint = EndpointRow(
            owner_account_id=self.auth.principal.account_id,
            client_id=self.auth.principal.client_id,
            url=url,
            description=data.description,
            event_types=types,
            shop_ids=shops,
            secret_encrypted=self.box.seal(secret),
            enabled=data.enabled,
            # Changes committed after this point (see the model) reach the endpoint.
            start_xid=text(HORIZON_SQL),
        )
        self.session.add(endpoint)
        await self.session.flush()
        await self.session.refresh(endpoint)
        await self._audit(endpoint, "webhook_endpoint.created", {"url": url, "event_types": types})
        return _with_secret(endpoint, secret)

    async def update(self, endpoint_id: int, changes: dict[str, Any]) -> WebhookEndpoint:
        e = await self._row(endpoint_id, lock=True)
        values: dict[str, Any] = {}
        if "url" in changes:
            values["url"] = await check_url(changes["url"], self.settings)
        if "shop_ids" in changes:
            values["shop_ids"] = self._check_shops(changes["shop_ids"])
        if "event_types" in changes:
            values["event_types"] = self._check_types(changes["event_types"])
        if "description" in changes:
            values["description"] = changes["description"]
        if "enabled" in changes:
            values["enabled"] = bool(changes["enabled"])
            if values["enabled"]:
                values["disabled_reason"] = None
                values["failing_since"] = None
        if values:
            values["updated_at"] = func.now()
            values["version"] = EndpointRow.version + 1
            await self.session.execute(
                update(EndpointRow).where(EndpointRow.id == e.id).values(**values)
            )
            await self.session.refresh(e)
            await self._audit(e, "webhook_endpoint.updated", {"fields": sorted(changes)})
        return endpoint_view(e)

    async def delete(self, endpoint_id: int) -> None:
        e = await self._row(endpoint_id, lock=True)
        await self.session.execute(
            update(EndpointRow)
            .where(EndpointRow.id == e.id)
            .values(deleted_at=func.now(), enabled=False, updated_at=func.now())
        )
        await self.session.execute(
            update(DeliveryRow)
            .where(DeliveryRow.endpoint_id == e.id, DeliveryRow.status == "pending")
            .values(status="cancelled", last_error="endpoint deleted")
        )
        await self._audit(e, "webhook_endpoint.deleted", {})

    async def rotate_secret(self, endpoint_id: int) -> WebhookEndpointWithSecret:
        e = await self._row(endpoint_id, lock=True)
        secret = generate_secret()
        await self.session.execute(
            update(EndpointRow)
            .where(EndpointRow.id == e.id)
            .values(
                previous_secret_encrypted=e.secret_encrypted,
                previous_secret_expires_at=utcnow() + ROTATION_GRACE,
                secret_encrypted=self.box.seal(secret),
                updated_at=func.now(),
                version=EndpointRow.version + 1,
            )
        )
        await self.session.refresh(e)
        await self._audit(e, "webhook_endpoint.secret_rotated", {})
        return _with_secret(e, secret)

    async def _next_replay_number(self, endpoint_id: int) -> int:
        # Callers hold the endpoint row lock, so numbers are not handed out twice.
        current = await self.session.scalar(
            select(func.coalesce(func.max(DeliveryRow.replay_of), 0)).where(
                DeliveryRow.endpoint_id == endpoint_id
            )
        )
        return int(current or 0) + 1

    async def send_test(self, endpoint_id: int) -> WebhookDelivery:
        """Queue a ``ping`` (change 0) for the delivery workers."""
        e = await self._row(endpoint_id, lock=True)
        n = await self._next_replay_number(e.id)
        delivery = DeliveryRow(
            endpoint_id=e.id,
            # A shop whose merchant did not switch the endpoint off, if any (else it is cancelled).
            shop_id=min(set(e.shop_ids) - set(e.disabled_shop_ids or []) or e.shop_ids),
            change_id=0,
            replay_of=n,
            event_type="ping",
            webhook_id=f"msg_ping_{e.id}_{n}",
        )
        self.session.add(delivery)
        await self.session.flush()
        await self.session.refresh(delivery)
        await notify_due(self.session)
        await self._audit(e, "webhook_endpoint.tested", {"delivery_id": delivery.id})
        return delivery_view(delivery)

    # -- deliveries --------------------------------------------------------------------

    async def deliveries(
        self,
        endpoint_id: int,
        *,
        status: DeliveryStatus | None,
        cursor: str | None,
        limit: int,
    ) -> Page[WebhookDelivery]:
        """Newest first, keyset on id (the cursor is signed and bound to this endpoint)."""
        e = await self._row(endpoint_id)
        listing = f"webhook-deliveries:{e.id}"
        stmt = select(DeliveryRow).where(DeliveryRow.endpoint_id == e.id)
        if status:
            stmt = stmt.where(DeliveryRow.status == status)
        if cursor is not None:
            (last_id,) = self.codec.decode(cursor, listing=listing, sort=_NEWEST_ID, arity=1)
            if not isinstance(last_id, int):
                raise InvalidCursor("The cursor is malformed.")
            stmt = stmt.where(DeliveryRow.id < last_id)
        stmt = stmt.order_by(DeliveryRow.id.desc()).limit(limit + 1)
        rows = list((await self.session.execute(stmt)).scalars())
        more = len(rows) > limit
        rows = rows[:limit]
        return {
            "data": [delivery_view(d) for d in rows],
            "has_more": more,
            "next_cursor": self.codec.encode(listing, _NEWEST_ID, [rows[-1].id]) if more else None,
        }

    async def delivery(self, endpoint_id: int, delivery_id: int) -> WebhookDeliveryDetail:
        d = await self._delivery_of(await self._row(endpoint_id), delivery_id)
        attempts = (
            await self.session.execute(
                select(AttemptRow).where(AttemptRow.delivery_id == d.id).order_by(AttemptRow.id)
            )
        ).scalars()
        return {**delivery_view(d), "attempt_log": [attempt_view(a) for a in attempts]}

    async def _delivery_of(self, e: EndpointRow, delivery_id: int) -> DeliveryRow:
        d = (
            await self.session.execute(
                select(DeliveryRow).where(
                    DeliveryRow.id == delivery_id, DeliveryRow.endpoint_id == e.id
                )
            )
        ).scalar_one_or_none()
        if d is None:
            raise NotFound(f"Delivery {delivery_id} was not found.")
        return d

    async def redeliver(self, endpoint_id: int, delivery_id: int) -> WebhookDelivery:
        """Send the same delivery again now (same ``webhook-id``)."""
        e = await self._row(endpoint_id)
        d = await self._delivery_of(e, delivery_id)
        await self.session.execute(
            update(DeliveryRow)
            .where(DeliveryRow.id == d.id)
            .values(status="pending", next_attempt_at=func.now(), locked_until=None)
        )
        await self.session.refresh(d)
        await notify_due(self.session)
        await self._audit(e, "webhook_delivery.redelivered", {"delivery_id": d.id})
        return delivery_view(d)

    async def replay(
        self,
        endpoint_id: int,
        *,
        since_cursor: str | None,
        since_time: datetime | None,
        types: list[str] | None,
    ) -> WebhookReplayAccepted:
        """Queue every change the feed holds after the cursor (one shop) or since the time
        (all the endpoint's shops) that matches the endpoint's types (and ``types``), as new
        deliveries with new ``webhook-id`` values."""
        if (since_cursor is None) == (since_time is None):
            raise _invalid("since_cursor", "give exactly one of since_cursor or since_time")
        e = await self._row(endpoint_id, lock=True)
        wanted = matching_types(e.event_types)
        if types:
            self._check_types(types)
            wanted = [t for t in wanted if t in matching_types(types)]
        params: dict[str, Any] = {
            "endpoint_id": e.id,
            "types": wanted,
            "n": await self._next_replay_number(e.id),
            "max": MAX_REPLAY,
        }
        if since_cursor is not None:
            cursor = CursorCodec(self.settings.secret_key or "").decode_any_shop(since_cursor)
            shop_id = cursor.shop_id
            if shop_id not in e.shop_ids:
                raise _invalid("since_cursor", "the cursor belongs to a shop outside the endpoint")
            where = "c.shop_id = :shop_id AND (c.xid, c.id) > (CAST(:xid AS xid8), :id)"
            params.update(shop_id=shop_id, xid=cursor.position.xid, id=cursor.position.id)
        elif since_time is not None:
            if since_time.tzinfo is None:
                since_time = since_time.replace(tzinfo=UTC)
            where = "c.shop_id = ANY(CAST(:shops AS bigint[])) AND c.created_at >= :since"
            params.update(shops=sorted(e.shop_ids), since=since_time)
        count = (
            await self.session.execute(
                text(
                    f"""
WITH page AS (
    SELECT c.shop_id, c.id, c.type, c.entity, c.entity_id FROM change_log c
    WHERE {where} AND c.type = ANY(CAST(:types AS text[])) AND c.xid < {HORIZON_SQL}
    ORDER BY c.xid, c.id LIMIT :max
), ins AS (
    INSERT INTO webhook_deliveries
        (endpoint_id, shop_id, change_id, replay_of, event_type, webhook_id, entity, entity_id)
    SELECT e.id, p.shop_id, p.id, CAST(:n AS bigint), p.type,
           'msg_' || p.id || '_r' || CAST(:n AS bigint), p.entity, p.entity_id
    FROM page p JOIN webhook_endpoints e ON e.id = CAST(:endpoint_id AS bigint)
    WHERE {receives_sql("p.shop_id")}
    ON CONFLICT DO NOTHING
    RETURNING 1
)
SELECT count(*) FROM ins
"""
                ),
                params,
            )
        ).scalar_one()
        await notify_due(self.session)
        await self._audit(e, "webhook_endpoint.replayed", {"replay": params["n"], "count": count})
        return {"replay": params["n"], "queued": int(count)}

    async def stats(self, endpoint_id: int, *, hours: int = 24) -> WebhookStats:
        e = await self._row(endpoint_id)
        row = (
            await self.session.execute(
                text(
                    """
SELECT count(*) AS attempts,
       count(*) FILTER (WHERE a.status_code BETWEEN 200 AND 299) AS succeeded,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY a.latency_ms) AS p50,
       percentile_cont(0.99) WITHIN GROUP (ORDER BY a.latency_ms) AS p99
FROM webhook_attempts a JOIN webhook_deliveries d ON d.id = a.delivery_id
WHERE d.endpoint_id = :id AND a.attempted_at >= now() - make_interval(hours => :hours)
"""
                ),
                {"id": e.id, "hours": hours},
            )
        ).one()
        backlog = (
            await self.session.execute(
                text(
                    "SELECT count(*), min(created_at) FROM webhook_deliveries "
                    "WHERE endpoint_id = :id AND status = 'pending'"
                ),
                {"id": e.id},
            )
        ).one()
        return {
            "endpoint_id": e.id,
            "window_hours": hours,
            "attempts": int(row.attempts),
            "success_rate": (row.succeeded / row.attempts) if row.attempts else None,
            "latency_ms": {
                "p50": None if row.p50 is None else round(float(row.p50), 1),
                "p99": None if row.p99 is None else round(float(row.p99), 1),
            },
            "backlog": int(backlog[0]),
            "oldest_pending_at": rfc3339(backlog[1]),
        }
