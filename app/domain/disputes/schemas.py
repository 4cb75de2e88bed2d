"""Disputes: input models and the read models the API returns."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field
from typing_extensions import TypedDict

from app.kit.contract import Timestamp, read_model
from app.kit.inputs import StrictModel, VersionedIn
from app.models.after_sales import DisputeKind, DisputeStatus, EvidenceKind

__all__ = ["DisputeKind", "DisputeStatus", "EvidenceKind"]


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


@read_model
class ReviewWindow(TypedDict):
    """When the platform decides a submitted dispute: between ``earliest`` and ``latest``."""

    earliest: Annotated[
        Timestamp, Field(description="Earliest decision: 3 business days after submission.")
    ]
    latest: Annotated[
        Timestamp,
        Field(description="Decision due by (= review_due_at): 5 business days after submission."),
    ]
    business_days: Annotated[
        str, Field(description="The window in business days.", examples=["3-5"])
    ]
    timezone: Annotated[
        str,
        Field(
            description="The shop's timezone the business days are counted in.",
            examples=["Asia/Shanghai"],
        ),
    ]


@read_model
class Dispute(TypedDict):
    """A logistics dispute or a malicious-claim appeal on an order, reviewed by the platform."""

    id: Annotated[int, Field(description="Dispute id (unique within the shop).")]
    shop_id: int
    order_id: int
    after_sale_id: Annotated[int | None, Field(description="The after-sale it contests, if any.")]
    kind: DisputeKind
    status: DisputeStatus
    description: Annotated[
        str,
        Field(
            description="The merchant's account of the case.",
            examples=["Carrier shows signed but buyer says lost"],
        ),
    ]
    allowed_actions: Annotated[
        list[str],
        Field(
            description="What can happen next: add_evidence, submit (merchant); win, lose "
            "(the platform's decision).",
            examples=[["add_evidence"]],
        ),
    ]
    submitted_at: Annotated[Timestamp | None, Field(description="Submitted for review, or null.")]
    review_due_at: Annotated[
        Timestamp | None, Field(description="The platform decides by then (once submitted).")
    ]
    review_window: Annotated[
        ReviewWindow | None, Field(description="The decision window once submitted, else null.")
    ]
    decided_at: Annotated[Timestamp | None, Field(description="When the platform decided.")]
    created_at: Timestamp
    version: Annotated[int, Field(description="Bumped by every change (ETag / If-Match).")]
    updated_at: Timestamp


@read_model
class Evidence(TypedDict):
    """Metadata of one evidence file (download the bytes from its own URL)."""

    id: int
    dispute_id: int
    kind: EvidenceKind
    filename: Annotated[str, Field(description="As uploaded.", examples=["chat.png"])]
    content_type: Annotated[
        str,
        Field(
            description="Detected from the bytes, not the upload's claim.", examples=["image/png"]
        ),
    ]
    size_bytes: Annotated[int, Field(description="Size in bytes (at most 10 MiB).")]
    sha256: Annotated[
        str,
        Field(
            description="Hex SHA-256 of the bytes (also the download's Digest header).",
            examples=["9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"],
        ),
    ]
    created_at: Timestamp


@read_model
class EvidenceUploaded(Evidence):
    """The stored evidence and the dispute after it (its status and version moved)."""

    dispute: Dispute
