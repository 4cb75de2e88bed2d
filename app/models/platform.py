"""Export jobs, idempotency records and the audit log."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    CheckConstraint,
    Date,
    ForeignKey,
    Identity,
    Index,
    Integer,
    String,
    Text,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, created_at_column


class ExportStatus(StrEnum):
    """Life of an export job: queued → running → succeeded | failed | cancelled; a
    succeeded job's file expires after ORDERGATE_EXPORT_TTL_DAYS."""

    QUEUED = "queued"
    RUNNING = "running"
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    EXPIRED = "expired"
    CANCELLED = "cancelled"


class ExportFormat(StrEnum):
    """File format of an export job."""

    CSV = "csv"
    XLSX = "xlsx"


def _one_of(column: str, values: type[StrEnum]) -> str:
    return f"{column} IN (" + ", ".join(f"'{v}'" for v in values) + ")"


class ExportJob(Base):
    __tablename__ = "export_jobs"
    __table_args__ = (
        CheckConstraint(_one_of("status", ExportStatus), name="status_valid"),
        CheckConstraint(_one_of("format", ExportFormat), name="format_valid"),
        Index("ix_export_jobs_shop_created", "shop_id", "created_at"),
        Index("ix_export_jobs_queued", "created_at", postgresql_where=text("status = 'queued'")),
    )

    shop_id: Mapped[int] = mapped_column(ForeignKey("shops.id"), primary_key=True)
    id: Mapped[int] = mapped_column(Identity(), primary_key=True)
    status: Mapped[str] = mapped_column(String(20), server_default="queued")
    format: Mapped[str] = mapped_column(String(10))
    params: Mapped[dict[str, Any]]
    requested_by: Mapped[dict[str, Any]]
    rows_done: Mapped[int] = mapped_column(server_default="0")
    rows_total: Mapped[int | None]
    size_bytes: Mapped[int | None]
    sha256: Mapped[str | None] = mapped_column(String(64))
    storage_key: Mapped[str | None] = mapped_column(Text)
    error: Mapped[str | None] = mapped_column(Text)
    attempts: Mapped[int] = mapped_column(Integer, server_default="0")
    locked_until: Mapped[datetime | None]
    created_at: Mapped[datetime] = created_at_column()
    started_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]
    expires_at: Mapped[datetime | None]


class IdempotencyKey(Base):
    """A write's stored response, keyed by who sent it and their Idempotency-Key."""

    __tablename__ = "idempotency_keys"
    __table_args__ = (Index("ix_idempotency_keys_expires", "expires_at"),)

    # The shop the write belongs to (0: none), first in the key: on Citus the record lives in
    # the shop's shard group, so a keyed write stays a single-node transaction (docs/scaling.md).
    shop_id: Mapped[int] = mapped_column(primary_key=True, server_default="0")
    principal_key: Mapped[str] = mapped_column(String(128), primary_key=True)
    key: Mapped[str] = mapped_column(String(255), primary_key=True)
    request_hash: Mapped[str] = mapped_column(String(64))
    response_status: Mapped[int | None] = mapped_column(Integer)
    response_body: Mapped[dict[str, Any] | None]
    response_headers: Mapped[dict[str, Any] | None]
    created_at: Mapped[datetime] = created_at_column()
    expires_at: Mapped[datetime]


class AuditLog(Base):
    __tablename__ = "audit_log"
    __table_args__ = (
        Index("ix_audit_log_shop_created", "shop_id", text("created_at DESC"), text("id DESC")),
    )

    shop_id: Mapped[int] = mapped_column(primary_key=True)
    id: Mapped[int] = mapped_column(Identity(), primary_key=True)
    actor_type: Mapped[str] = mapped_column(String(20))
    actor_account_id: Mapped[int | None]
    actor_client_id: Mapped[int | None]
    actor_token_id: Mapped[int | None]
    action: Mapped[str] = mapped_column(String(64))
    entity: Mapped[str] = mapped_column(String(32))
    entity_id: Mapped[int | None]
    before_version: Mapped[int | None] = mapped_column(Integer)
    after_version: Mapped[int | None] = mapped_column(Integer)
    request_id: Mapped[str | None] = mapped_column(String(64))
    ip: Mapped[str | None] = mapped_column(String(64))
    data: Mapped[dict[str, Any]] = mapped_column(server_default=text("'{}'::jsonb"))
    created_at: Mapped[datetime] = created_at_column()


class PlatformCalendarDay(Base):
    """An exception to the platform's Mon–Fri working week: a weekday off (``workday`` false)
    or a weekend day worked (true). Dispute review windows count business days by it, since the
    platform's reviewers keep this calendar, not the shop's."""

    __tablename__ = "platform_calendar"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    workday: Mapped[bool]
    note: Mapped[str] = mapped_column(Text, server_default="")
