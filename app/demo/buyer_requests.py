"""Demo buyers' requests, added after the bulk load: address-change requests on unshipped
orders (pending, approved and rejected by the merchant) and complaints on shipped ones (open
and answered), each with its timeline events and its change-log row.

Set-based SQL over the loaded orders, deterministic for the loaded rows. Every step happens
after the order's last timeline event (the timeline stays in order) and no later than the
anchor where it can. Pending requests are settled by the worker's ``address_changes`` job
like any other."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import datetime

import asyncpg  # type: ignore[import-untyped]

from app.demo.sql import lit, pick
from app.domain.address_changes.states import ADDRESS_CHANGE_MACHINE
from app.domain.complaints.states import COMPLAINT_MACHINE
from app.models.buyer_requests import ComplaintKind

# One in ADDRESS_EVERY unshipped orders asks; one in COMPLAINT_EVERY shipped ones complains.
ADDRESS_EVERY = 9
COMPLAINT_EVERY = 15
_DESCRIPTIONS = {
    ComplaintKind.QUALITY: "衣服开线了，质量太差",
    ComplaintKind.NOT_AS_DESCRIBED: "颜色和直播间展示的不一样",
    ComplaintKind.LOGISTICS: "快递三天没有更新物流",
    ComplaintKind.SERVICE: "客服一直不回复消息",
    ComplaintKind.OTHER: "赠品没有收到",
}
_KINDS = [str(k) for k in _DESCRIPTIONS]
_DRAW = f"o.id / {COMPLAINT_EVERY} % {len(_KINDS)} + 1"
_FMT = '\'YYYY-MM-DD"T"HH24:MI:SS"Z"\''
_OWNER = "'account:' || s.owner_account_id"
# The order's last timeline event (its requests come after it).
_LAST = (
    "(SELECT max(e.created_at) FROM order_events e "
    "WHERE e.shop_id = o.shop_id AND e.order_id = o.id)"
)


def _ts(column: str) -> str:
    return f"to_char({column} AT TIME ZONE 'UTC', {_FMT})"


def _actions(allowed: dict[str, list[str]], status: str) -> str:
    """SQL for the ``allowed_actions`` JSON array of each state."""
    cases = []
    for state, actions in allowed.items():
        array = "[" + ",".join(f'"{a}"' for a in actions) + "]"
        cases.append(f"WHEN {lit(state)} THEN {lit(array)}::jsonb")
    return f"(CASE {status} {' '.join(cases)} END)"


_ACR_ACTIONS = _actions(
    {str(s): ADDRESS_CHANGE_MACHINE.allowed_actions(s) for s in ADDRESS_CHANGE_MACHINE.states},
    "r.status",
)
_COMPLAINT_ACTIONS = _actions(
    {str(s): COMPLAINT_MACHINE.allowed_actions(s) for s in COMPLAINT_MACHINE.states}, "c.status"
)

_ADDRESS_CHANGES = f"""
INSERT INTO address_change_requests (shop_id, order_id, status, receiver_name, receiver_phone,
    receiver_address, province, city, reject_reason, decided_by, auto_approve_at, created_at,
    decided_at, version, updated_at)
SELECT p.shop_id, p.id, p.fate, p.receiver_name, p.receiver_phone,
       CASE WHEN p.fate = 'approved' THEN p.receiver_address
            ELSE p.province || p.city || {pick(["花园小区", "幸福里", "阳光城", "学府路"], "p.id")}
                 || (p.id % 30 + 1) || '栋' || (p.id % 6 + 1) || '01' END,
       p.province, p.city,
       CASE WHEN p.fate = 'rejected' THEN '已打包，暂时无法修改地址' END,
       CASE WHEN p.fate <> 'pending' THEN 'merchant' END,
       p.asked_at + $3::float8 * interval '1 hour',
       p.asked_at,
       CASE WHEN p.fate <> 'pending' THEN p.asked_at + interval '30 minutes' END,
       CASE WHEN p.fate <> 'pending' THEN 2 ELSE 1 END,
       p.asked_at + CASE WHEN p.fate <> 'pending' THEN interval '30 minutes' ELSE '0' END
FROM (
    SELECT o.*, (ARRAY['pending', 'approved', 'rejected'])[o.id / {ADDRESS_EVERY} % 3 + 1] AS fate,
           greatest({_LAST}, least({_LAST} + interval '20 minutes',
                                        $2::timestamptz - interval '1 hour')) AS asked_at
    FROM orders o
    WHERE o.shop_id = ANY($1) AND o.status IN ('pending_payment', 'paid')
      AND o.id % {ADDRESS_EVERY} = 0
) p
ORDER BY p.shop_id, p.id
"""

_COMPLAINTS = f"""
INSERT INTO complaints (shop_id, order_id, kind, status, description, response, responded_at,
    created_at, version, updated_at)
SELECT p.shop_id, p.id, p.kind, p.fate, p.description,
       CASE WHEN p.fate = 'responded' THEN '非常抱歉，已为您补发，请留意物流' END,
       CASE WHEN p.fate = 'responded' THEN p.opened_at + interval '3 hours' END,
       p.opened_at,
       CASE WHEN p.fate = 'responded' THEN 2 ELSE 1 END,
       p.opened_at + CASE WHEN p.fate = 'responded' THEN interval '3 hours' ELSE '0' END
FROM (
    SELECT o.*, (ARRAY{_KINDS!r})[{_DRAW}] AS kind,
           (ARRAY{list(_DESCRIPTIONS.values())!r})[{_DRAW}] AS description,
           CASE WHEN o.id / {COMPLAINT_EVERY} % 2 = 0 THEN 'responded' ELSE 'open' END AS fate,
           greatest({_LAST}, least({_LAST} + interval '2 hours',
                                        $2::timestamptz - interval '4 hours')) AS opened_at
    FROM orders o
    WHERE o.shop_id = ANY($1) AND o.status IN ('shipped', 'completed')
      AND o.id % {COMPLAINT_EVERY} = 0
) p
ORDER BY p.shop_id, p.id
"""

_RECEIVER = (
    "jsonb_build_object('name', r.receiver_name, 'phone', r.receiver_phone, "
    "'address', r.receiver_address, 'province', r.province, 'city', r.city, 'masked', false)"
)
_ADDRESS_CHANGE_JSON = (
    "jsonb_build_object('id', r.id, 'shop_id', r.shop_id, 'order_id', r.order_id, "
    f"'status', r.status, 'receiver', {_RECEIVER}, 'reject_reason', r.reject_reason, "
    f"'decided_by', r.decided_by, 'auto_approve_at', {_ts('r.auto_approve_at')}, "
    f"'allowed_actions', {_ACR_ACTIONS}, 'created_at', {_ts('r.created_at')}, "
    f"'decided_at', {_ts('r.decided_at')}, 'version', r.version, "
    f"'updated_at', {_ts('r.updated_at')})"
)
_COMPLAINT_JSON = (
    "jsonb_build_object('id', c.id, 'shop_id', c.shop_id, 'order_id', c.order_id, "
    "'kind', c.kind, 'status', c.status, 'description', c.description, "
    f"'response', c.response, 'allowed_actions', {_COMPLAINT_ACTIONS}, "
    f"'created_at', {_ts('c.created_at')}, 'responded_at', {_ts('c.responded_at')}, "
    f"'version', c.version, 'updated_at', {_ts('c.updated_at')})"
)

_TRAIL = f"""
INSERT INTO order_events (shop_id, order_id, kind, actor_type, actor_id, data, created_at)
SELECT * FROM (
    SELECT r.shop_id, r.order_id, 'address_change.requested', 'internal', 'internal',
           jsonb_build_object('address_change_id', r.id), r.created_at
    FROM address_change_requests r WHERE r.shop_id = ANY($1)
    UNION ALL
    SELECT r.shop_id, r.order_id, 'address_change.' || r.status, 'account', {_OWNER},
           jsonb_strip_nulls(jsonb_build_object('address_change_id', r.id,
               'decided_by', r.decided_by, 'reason', r.reject_reason)), r.decided_at
    FROM address_change_requests r JOIN shops s ON s.id = r.shop_id
    WHERE r.shop_id = ANY($1) AND r.status <> 'pending'
    UNION ALL
    SELECT c.shop_id, c.order_id, 'complaint.opened', 'internal', 'internal',
           jsonb_build_object('complaint_id', c.id, 'kind', c.kind), c.created_at
    FROM complaints c WHERE c.shop_id = ANY($1)
    UNION ALL
    SELECT c.shop_id, c.order_id, 'complaint.responded', 'account', {_OWNER},
           jsonb_build_object('complaint_id', c.id), c.responded_at
    FROM complaints c JOIN shops s ON s.id = c.shop_id
    WHERE c.shop_id = ANY($1) AND c.status = 'responded'
) e ORDER BY 1, 2, 7, 3;

INSERT INTO change_log (shop_id, entity, entity_id, entity_version, type, data)
SELECT r.shop_id, 'address_change', r.id, r.version,
       'address_change.' || CASE r.status WHEN 'pending' THEN 'requested' ELSE r.status END,
       {_ADDRESS_CHANGE_JSON}
FROM address_change_requests r WHERE r.shop_id = ANY($1) ORDER BY r.shop_id, r.id;

INSERT INTO change_log (shop_id, entity, entity_id, entity_version, type, data)
SELECT c.shop_id, 'complaint', c.id, c.version,
       'complaint.' || CASE c.status WHEN 'open' THEN 'opened' ELSE c.status END,
       {_COMPLAINT_JSON}
FROM complaints c WHERE c.shop_id = ANY($1) ORDER BY c.shop_id, c.id;
"""


async def insert_buyer_requests(
    conn: asyncpg.Connection, shop_ids: Sequence[int], anchor: datetime, auto_approve_hours: float
) -> Counter[str]:
    """Add the demo requests of ``shop_ids`` (one transaction); returns rows per table."""
    shops = list(shop_ids)
    async with conn.transaction():
        added = await conn.execute(_ADDRESS_CHANGES, shops, anchor, auto_approve_hours)
        complained = await conn.execute(_COMPLAINTS, shops, anchor)
        for statement in _TRAIL.split(";\n\n"):
            await conn.execute(statement, shops)
    return Counter(
        address_change_requests=int(added.rsplit(" ", 1)[-1]),
        complaints=int(complained.rsplit(" ", 1)[-1]),
    )
