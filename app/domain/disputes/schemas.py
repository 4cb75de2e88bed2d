"""Input models of disputes."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from app.domain.orders.schemas import StrictModel, VersionedIn

DisputeKind = Literal["logistics", "malicious_claim"]
DisputeStatus = Literal["open", "evidence_submitted", "under_review", "won", "lost"]
EvidenceKind = Literal["chat_log", "qc_report", "shipping_proof", "other"]


class DisputeCreate(StrictModel):
    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        json_schema_extra={
            "examples": [
                {"kind": "logistics", "description": "Carrier shows signed but buyer says lost"}
            ]
        },
    )

    kind: DisputeKind
    description: str = Field(min_length=1, max_length=2000)
    after_sale_id: int | None = Field(default=None, ge=1, le=2**63 - 1)


class DisputeSubmit(VersionedIn):
    pass


class EvidenceIn(VersionedIn):
    """The non-file fields of an evidence upload (REST: multipart ``kind``; GraphQL: args)."""

    kind: EvidenceKind


class DisputeDecision(VersionedIn):
    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        json_schema_extra={"examples": [{"outcome": "won", "note": "Carrier proof accepted"}]},
    )

    outcome: Literal["won", "lost"]
    note: str | None = Field(default=None, max_length=1000)


class DisputeListParams(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: list[DisputeKind] | None = Field(default=None, description="Repeatable")
    status: list[DisputeStatus] | None = Field(default=None, description="Repeatable")
    order_id: int | None = Field(default=None, ge=1, le=2**63 - 1)
    limit: int = Field(default=50, ge=1, le=100)
    cursor: str | None = Field(default=None, max_length=512)
