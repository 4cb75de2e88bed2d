"""Public representation of an after-sale."""

from __future__ import annotations

from functools import cache
from typing import Any

from sqlalchemy import ColumnElement, case, func, literal_column, null
from sqlalchemy.types import JSON

from app.domain.access.actions import deciding_scopes, permitted
from app.domain.after_sales.exchange_offers import offer_public
from app.domain.after_sales.schemas import AfterSale as AfterSaleOut
from app.domain.after_sales.states import AFTER_SALE_MACHINE
from app.kit.clock import rfc3339
from app.kit.render import PageRenderer, Shape
from app.models import AfterSale


def after_sale_public(a: AfterSale) -> AfterSaleOut:
    return {
        "id": a.id,
        "shop_id": a.shop_id,
        "order_id": a.order_id,
        "type": a.type,
        "status": a.status,
        "reason": a.reason,
        "amount": a.amount,
        "reject_reason": a.reject_reason,
        "exchange_offer": offer_public(a.exchange_offer),
        "allowed_actions": AFTER_SALE_MACHINE.allowed_actions(a.status, a.type),
        "created_at": rfc3339(a.created_at),
        "resolved_at": rfc3339(a.resolved_at),
        "version": a.version,
        "updated_at": rfc3339(a.updated_at),
    }


# :func:`offer_public` in SQL: the stored offer's public keys (its timestamps are stored as
# RFC 3339 text already), without the internal ``resume_status``.
_OFFER = AfterSale.__table__.c.exchange_offer
_OFFER_PARTS: list[ColumnElement[Any]] = []
for _key in ("status", "from_type", "offered_at", "answered_at"):
    _OFFER_PARTS += [literal_column(f"'{_key}'"), _OFFER.op("->")(literal_column(f"'{_key}'"))]
_OFFER_SQL = case(
    (_OFFER.is_(None), null()), else_=func.json_build_object(*_OFFER_PARTS, type_=JSON)
)


@cache
def _renderer(deciding: frozenset[str] | None) -> PageRenderer:
    def offer(actions: list[str]) -> list[str]:
        return permitted("after_sale", actions, deciding)

    shape = Shape(
        AfterSaleOut,
        {
            "id": AfterSale.id,
            "shop_id": AfterSale.shop_id,
            "order_id": AfterSale.order_id,
            "type": AfterSale.type,
            "status": AfterSale.status,
            "reason": AfterSale.reason,
            "amount": AfterSale.amount,
            "reject_reason": AfterSale.reject_reason,
            "exchange_offer": _OFFER_SQL,
            "allowed_actions": AFTER_SALE_MACHINE.allowed_actions_sql(
                AfterSale.status.expression, AfterSale.type.expression, offer
            ),
            "created_at": AfterSale.created_at,
            "resolved_at": AfterSale.resolved_at,
            "version": AfterSale.version,
            "updated_at": AfterSale.updated_at,
        },
    )
    return PageRenderer(shape, AfterSale.__table__)


def rendered_for(granted: frozenset[str] | None) -> PageRenderer:
    """:func:`after_sale_public` narrowed for a caller holding ``granted`` on the shop (what
    ``for_caller`` does in Python), as SQL for pages PostgreSQL renders (app/kit/render.py).
    One renderer per deciding part of the grant, compiled on first use."""
    return _renderer(deciding_scopes("after_sale", granted))


rendered_for(None)  # at import: a shape drifting from its read model fails every test
