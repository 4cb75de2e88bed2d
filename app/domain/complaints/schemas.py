"""Complaints: inputs and the read model."""

from __future__ import annotations

from typing import Annotated

from pydantic import ConfigDict, Field
from typing_extensions import TypedDict

from app.domain.paging import NewestFirstParams, Repeatable
from app.kit.contract import Timestamp, read_model
from app.kit.inputs import StrictModel, VersionedIn
from app.models.buyer_requests import ComplaintKind, ComplaintStatus

__all__ = ["ComplaintKind", "ComplaintStatus"]


class ComplaintCreate(StrictModel):
    kind: ComplaintKind
    description: str = Field(min_length=1, max_length=2000, pattern=r"\S")


class ComplaintRespond(VersionedIn):
    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        json_schema_extra={
            "examples": [{"message": "Sorry — a replacement ships today.", "expected_version": 1}]
        },
    )

    message: str = Field(min_length=1, max_length=2000, pattern=r"\S")


class ComplaintListParams(NewestFirstParams):
    status: Repeatable[ComplaintStatus] = None
    kind: Repeatable[ComplaintKind] = None


@read_model
class Complaint(TypedDict):
    """A buyer's complaint (投诉) about an order, and the merchant's response."""

    id: Annotated[int, Field(description="Complaint id (unique within the shop).")]
    shop_id: int
    order_id: Annotated[int, Field(description="The order complained about.")]
    kind: ComplaintKind
    status: ComplaintStatus
    description: Annotated[
        str, Field(description="The buyer's words.", examples=["The collar arrived torn"])
    ]
    response: Annotated[str | None, Field(description="The merchant's answer; null while open.")]
    allowed_actions: Annotated[
        list[str], Field(description="respond while open.", examples=[["respond"]])
    ]
    created_at: Timestamp
    responded_at: Annotated[Timestamp | None, Field(description="Null while open.")]
    version: Annotated[int, Field(description="Bumped by every change (ETag / If-Match).")]
    updated_at: Timestamp
