"""The daily metrics rollup, the named cursors of change-log followers, report events."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Date,
    Identity,
    Index,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import XID8, Base, created_at_column


class MetricsDaily(Base):
    """Additive figures of one (shop, local day, dimension value); recomputed whole from the
    source tables whenever a change touches that day (see app/domain/metrics/rollup.py)."""

    __tablename__ = "metrics_daily"
    __table_args__ = (
        # NULLS NOT DISTINCT: the total row and the "no author"/"no pay method" rows have a
        # NULL dim_value and must still be unique.
        Index(
            "ux_metrics_daily_shop_kind_day_value",
            "shop_id",
            "dim_kind",
            "day",
            "dim_value",
            unique=True,
            postgresql_nulls_not_distinct=True,
        ),
    )

    # shop_id in the key: the table is distributed by shop on Citus (docs/scaling.md).
    shop_id: Mapped[int] = mapped_column(primary_key=True)
    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    day: Mapped[date] = mapped_column(Date)
    dim_kind: Mapped[str] = mapped_column(String(20))
    dim_value: Mapped[str | None] = mapped_column(Text)
    orders: Mapped[int] = mapped_column(server_default="0")  # created that day
    converted_orders: Mapped[int] = mapped_column(server_default="0")  # created that day, paid
    paid_orders: Mapped[int] = mapped_column(server_default="0")  # paid that day
    gmv: Mapped[int] = mapped_column(BigInteger, server_default="0")  # paid that day, fen
    commission: Mapped[int] = mapped_column(BigInteger, server_default="0")
    # Every ship->sign duration (hours) of the day, sorted ascending: exact avg and
    # percentiles. Packed as big-endian float8s (float8send, 8 bytes each), not float8[]: a
    # bytea is sent as it is stored and unpacked in one call, where an array's binary output
    # costs PostgreSQL a function call per element (most of a month's read).
    s2s_hours: Mapped[bytes] = mapped_column(LargeBinary, server_default=text("''::bytea"))
    # Of the orders paid that day: how many have a return/refund after-sale, a complaint (ever).
    returned_orders: Mapped[int] = mapped_column(server_default="0")
    complained_orders: Mapped[int] = mapped_column(server_default="0")
    # Of the orders paid that day: refunded fen and how many had any refund.
    refunded_amount: Mapped[int] = mapped_column(BigInteger, server_default="0")
    refunded_orders: Mapped[int] = mapped_column(server_default="0")
    flagged: Mapped[int] = mapped_column(server_default="0")  # created that day, now flagged
    # Created that day and still waiting for payment (now; definitions.PENDING_PAYMENT_SQL):
    # the summary's unpaid_over_24h, less those created in its last 24 h.
    pending_payment: Mapped[int] = mapped_column(server_default="0")


class ChangeLogCursor(Base):
    """How far a named follower of the change log has processed, in (xid, id) order."""

    __tablename__ = "change_log_cursors"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    last_xid: Mapped[int] = mapped_column(XID8(), server_default=text("'0'::xid8"))
    last_change_id: Mapped[int] = mapped_column(server_default="0")
    updated_at: Mapped[datetime] = created_at_column()


class ReportEvent(Base):
    """A scheduled report sent as a webhook event (``report.daily``): its body, once per
    (shop, kind, day); deliveries point at it with ``change_id = -id``."""

    __tablename__ = "report_events"
    __table_args__ = (UniqueConstraint("shop_id", "kind", "day"),)

    shop_id: Mapped[int] = mapped_column(primary_key=True)
    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))
    day: Mapped[date] = mapped_column(Date)
    data: Mapped[dict[str, Any]]
    created_at: Mapped[datetime] = created_at_column()
