"""The disputes list's SQL: :func:`~app.domain.disputes.representation.dispute_public` (review
window included) as the expressions PostgreSQL renders a page with (app/kit/render.py)."""

from __future__ import annotations

from functools import cache
from typing import Any

from sqlalchemy import ColumnElement, Date, DateTime, Time, case, cast, func, literal, null, select

from app.domain.access.actions import deciding_scopes, permitted
from app.domain.disputes.representation import (
    DEFAULT_TIMEZONE,
    EARLIEST_DECISION_BUSINESS_DAYS,
    REVIEW_BUSINESS_DAYS,
)
from app.domain.disputes.schemas import Dispute as DisputeOut
from app.domain.disputes.schemas import ReviewWindow
from app.domain.disputes.states import DISPUTE_MACHINE
from app.kit.render import PageRenderer, Shape, render
from app.models import Dispute, PlatformCalendarDay, Shop

# Days searched for the earliest decision: far beyond any run of days off a calendar holds.
_SEARCHED_DAYS = 400


def _shop_zone() -> ColumnElement[Any]:
    # Correlated however deep it sits (the earliest day nests it in a subquery of its own).
    shop = select(Shop.timezone).where(Shop.id == Dispute.shop_id).correlate_except(Shop)
    return func.coalesce(func.nullif(shop.scalar_subquery(), ""), literal(DEFAULT_TIMEZONE))


def _earliest_sql() -> ColumnElement[Any]:
    """:func:`review_window`'s ``earliest``: the ``EARLIEST_DECISION_BUSINESS_DAYS``-th day
    after submission (in the shop's zone) that the platform calendar counts as a business day
    (``app.kit.business_days.is_business_day``), at the submission's local time of day.

    One divergence from Python, left as is: a local time that occurs twice (a DST fall-back
    hour) is read by PostgreSQL as the later instant, by ``zoneinfo`` as the earlier. Fall-back
    days are Sundays wherever clocks change, so it takes a worked Sunday on the platform
    calendar on that very day, for a shop in such a zone, submitted within that hour."""
    zone = _shop_zone()
    local = func.timezone(zone, Dispute.submitted_at)
    step = func.generate_series(1, _SEARCHED_DAYS).table_valued("n").render_derived("step")
    day = cast(local, Date) + step.c.n
    business = func.coalesce(PlatformCalendarDay.workday, func.extract("isodow", day) < 6)
    nth = (
        select(day)
        .select_from(step.outerjoin(PlatformCalendarDay, PlatformCalendarDay.day == day))
        .where(business)
        .order_by(step.c.n)
        .offset(EARLIEST_DECISION_BUSINESS_DAYS - 1)
        .limit(1)
        .scalar_subquery()
    )
    return func.timezone(zone, nth + cast(local, Time), type_=DateTime(timezone=True))


def _window_sql() -> ColumnElement[Any]:
    window = Shape(
        ReviewWindow,
        {
            "earliest": _earliest_sql(),
            "latest": Dispute.review_due_at,
            "business_days": literal(f"{EARLIEST_DECISION_BUSINESS_DAYS}-{REVIEW_BUSINESS_DAYS}"),
            "timezone": _shop_zone(),
        },
    )
    unsubmitted = Dispute.submitted_at.is_(None) | Dispute.review_due_at.is_(None)
    return case((unsubmitted, null()), else_=render(window))


@cache
def _renderer(deciding: frozenset[str] | None) -> PageRenderer:
    def offer(actions: list[str]) -> list[str]:
        return permitted("dispute", actions, deciding)

    shape = Shape(
        DisputeOut,
        {
            "id": Dispute.id,
            "shop_id": Dispute.shop_id,
            "order_id": Dispute.order_id,
            "after_sale_id": Dispute.after_sale_id,
            "kind": Dispute.kind,
            "status": Dispute.status,
            "description": Dispute.description,
            "allowed_actions": DISPUTE_MACHINE.allowed_actions_sql(
                Dispute.status.expression, offer=offer
            ),
            "submitted_at": Dispute.submitted_at,
            "review_due_at": Dispute.review_due_at,
            "review_window": _window_sql(),
            "decided_at": Dispute.decided_at,
            "created_at": Dispute.created_at,
            "version": Dispute.version,
            "updated_at": Dispute.updated_at,
        },
    )
    return PageRenderer(shape, Dispute.__table__)


def rendered_for(granted: frozenset[str] | None) -> PageRenderer:
    """:func:`dispute_public` (with its review window) narrowed for a caller holding
    ``granted`` on the shop, as SQL; one renderer per deciding part of the grant."""
    return _renderer(deciding_scopes("dispute", granted))


rendered_for(None)  # at import: a shape drifting from its read model fails every test
