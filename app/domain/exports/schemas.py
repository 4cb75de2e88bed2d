"""Export input and read models. Job ranges are whole days in the shop timezone, both ends
inclusive; the filters are the order list's own model
(``app.domain.orders.filters.OrderFilter``)."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Annotated, Any

from pydantic import Field, field_validator
from typing_extensions import TypedDict

from app.domain.orders.filters import MAX_ID, OrderFilter
from app.kit.contract import Timestamp, read_model
from app.kit.inputs import StrictModel
from app.models.platform import ExportFormat, ExportStatus

__all__ = [
    "Export",
    "ExportCreate",
    "ExportFormat",
    "ExportProgress",
    "ExportStatus",
    "Granularity",
    "Locale",
    "MultiShopExportCreate",
    "OrdersCsvParams",
]


class Granularity(StrEnum):
    """One line per order, or one line per order item."""

    ORDER = "order"
    ITEM = "item"


class Locale(StrEnum):
    """Column headers: `en` the field names, `zh` Chinese labels."""

    EN = "en"
    ZH = "zh"


class ExportCreate(StrictModel):
    format: ExportFormat = ExportFormat.CSV
    fields: list[str] = Field(default_factory=list, max_length=100)
    filters: OrderFilter = Field(default_factory=OrderFilter)
    created_from: date = Field(description="First day (shop timezone, inclusive)")
    created_to: date = Field(description="Last day (shop timezone, inclusive); ≤ 90 days")
    granularity: Granularity = Granularity.ORDER
    locale: Locale = Locale.EN
    bom: bool = Field(default=False, description="CSV only: start with a UTF-8 BOM for Excel")


class MultiShopExportCreate(ExportCreate):
    shop_ids: list[Annotated[int, Field(ge=1, le=MAX_ID)]] | None = Field(
        default=None,
        min_length=1,
        max_length=100,
        description="Shops to export (each granted with the `exports` scope); default: every "
        "shop the token grants with it",
    )


class OrdersCsvParams(OrderFilter):
    """Query of the synchronous ``orders.csv``: the order-list filters plus file options."""

    fields: list[str] = Field(
        default_factory=list,
        max_length=100,
        description="Columns: repeat the parameter or separate names with commas",
    )

    @field_validator("fields", mode="before")
    @classmethod
    def _comma_separated(cls, value: Any) -> Any:
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list):
            return value
        parts = [p for v in items for p in (v.split(",") if isinstance(v, str) else [v])]
        return [p.strip() if isinstance(p, str) else p for p in parts if p != ""]

    granularity: Granularity = Granularity.ORDER
    locale: Locale = Locale.EN
    bom: bool = False

    def order_filter(self) -> OrderFilter:
        return OrderFilter.model_validate(
            self.model_dump(include=set(OrderFilter.model_fields), exclude_none=True)
        )


Instant = Annotated[
    Timestamp | None,
    Field(description="RFC 3339, UTC; null until it happens.", examples=["2026-12-07T08:15:00Z"]),
]


@read_model
class ExportProgress(TypedDict):
    """Rows written so far, of how many."""

    rows: Annotated[int, Field(description="Rows written so far.", examples=[12000])]
    total: Annotated[
        int | None,
        Field(description="Rows the file will hold; null until counted.", examples=[48213]),
    ]


@read_model
class Export(TypedDict):
    """An export job: what it exports, how far it is, and its file once it succeeded."""

    id: Annotated[int, Field(description="Export job id.", examples=[31])]
    shop_id: Annotated[
        int,
        Field(description="The shop the job belongs to (the first of `shop_ids`).", examples=[1]),
    ]
    shop_ids: Annotated[
        list[int],
        Field(
            description="Every shop whose orders it exports (one unless created over "
            "`POST /v1/exports`; then the file leads with a `shop_id` column).",
            examples=[[1]],
        ),
    ]
    status: Annotated[ExportStatus, Field(description="Where the job is.")]
    format: Annotated[ExportFormat, Field(description="File format.")]
    fields: Annotated[
        list[str],
        Field(
            description="Columns, in order (the required ones first).",
            examples=[["order_no", "created_at", "paid_amount", "status"]],
        ),
    ]
    filters: Annotated[
        dict[str, Any],
        Field(
            description="The order-list filters as given (unset ones left out).",
            examples=[{"status": ["paid"]}],
        ),
    ]
    created_from: Annotated[
        str, Field(description="First day (YYYY-MM-DD, shop timezone).", examples=["2026-11-01"])
    ]
    created_to: Annotated[
        str,
        Field(
            description="Last day (YYYY-MM-DD, shop timezone, inclusive).", examples=["2026-11-30"]
        ),
    ]
    granularity: Annotated[Granularity, Field(description="One line per order or per item.")]
    locale: Annotated[Locale, Field(description="Header language.")]
    bom: Annotated[bool, Field(description="CSV starts with a UTF-8 BOM.")]
    pii_masked: Annotated[
        bool,
        Field(description="Receiver fields are masked (the requester could not read PII)."),
    ]
    progress: ExportProgress
    size_bytes: Annotated[
        int | None, Field(description="File size once written.", examples=[5242880])
    ]
    sha256: Annotated[
        str | None,
        Field(
            description="Hex SHA-256 of the file once written.",
            examples=["9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"],
        ),
    ]
    attempts: Annotated[int, Field(description="Runs started (retries after a crash).")]
    error: Annotated[str | None, Field(description="Why the job failed; null otherwise.")]
    created_at: Annotated[
        Timestamp, Field(description="RFC 3339, UTC.", examples=["2026-12-07T08:15:00Z"])
    ]
    started_at: Instant
    finished_at: Instant
    expires_at: Instant
    file_url: Annotated[
        str | None,
        Field(
            description="Download path while the job is `succeeded`; null otherwise.",
            examples=["/v1/shops/1/exports/31/file"],
        ),
    ]
