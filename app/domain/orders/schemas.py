"""Input models of the order domain (shared by the internal ingest API, REST and GraphQL)."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import AliasChoices, BaseModel, ConfigDict, Field, field_validator

PayMethod = Literal["douyin_pay", "alipay", "wechat_pay"]
TrafficSource = Literal["live_room", "short_video", "product_card", "search", "other"]


class StrictModel(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    @field_validator("*", mode="after")
    @classmethod
    def _no_nul(cls, value: object) -> object:
        # PostgreSQL text cannot store NUL: refuse it as input instead of failing on write.
        if isinstance(value, str) and "\x00" in value:
            raise ValueError("must not contain NUL characters")
        return value


class BuyerIn(StrictModel):
    id: str = Field(min_length=1, max_length=32)
    nickname: str = Field(min_length=1, max_length=100)


class ReceiverIn(StrictModel):
    name: str = Field(min_length=1, max_length=100)
    phone: str = Field(min_length=5, max_length=32, pattern=r"^[0-9+\- ]+$")
    address: str = Field(min_length=1, max_length=500)
    province: str = Field(min_length=1, max_length=32)
    city: str = Field(min_length=1, max_length=64)


class OrderItemIn(StrictModel):
    product_id: int = Field(ge=1)
    title: str = Field(min_length=1, max_length=200)
    sku: str | None = Field(default=None, max_length=64)
    quantity: int = Field(ge=1, le=9999)
    unit_price: int = Field(ge=0, le=100_000_000, description="Fen")


class OrderCreate(StrictModel):
    order_no: str | None = Field(default=None, pattern=r"^[0-9]{19}$")
    buyer: BuyerIn
    receiver: ReceiverIn
    items: list[OrderItemIn] = Field(min_length=1, max_length=100)
    discount_amount: int = Field(default=0, ge=0)
    shipping_fee: int = Field(default=0, ge=0, le=1_000_000)
    pay_method: PayMethod | None = None
    traffic_source: TrafficSource = "other"
    room_id: str | None = Field(default=None, max_length=32)
    video_id: str | None = Field(default=None, max_length=32)
    author_id: int | None = Field(default=None, ge=1)
    commission_rate_bps: int = Field(default=0, ge=0, le=10_000)
    buyer_note: str | None = Field(default=None, max_length=500)
    created_at: datetime | None = None


class VersionedIn(StrictModel):
    expected_version: int | None = Field(default=None, ge=1)


class OrderPay(VersionedIn):
    pay_method: PayMethod
    paid_at: datetime | None = None


class OrderClose(VersionedIn):
    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        json_schema_extra={"examples": [{"reason": "Buyer asked to cancel"}]},
    )

    reason: str = Field(min_length=1, max_length=200)


class OrderShip(VersionedIn):
    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        json_schema_extra={
            "examples": [{"carrier": "SF", "tracking_no": "SF1234567890", "items": [101]}]
        },
    )

    carrier: str = Field(min_length=1, max_length=64, pattern=r"^[^\x00-\x1f\x7f]+$")
    tracking_no: str = Field(min_length=4, max_length=64, pattern=r"^[A-Za-z0-9\-]+$")
    item_ids: list[int] | None = Field(
        default=None,
        max_length=100,
        validation_alias=AliasChoices("items", "item_ids"),
        description="Order item ids in this parcel (default: all)",
    )


class OrderSign(VersionedIn):
    signed_at: datetime | None = None


class OrderComplete(VersionedIn):
    pass


class OrderPatch(VersionedIn):
    """Merchant edits; each field has its own rule (see OrderService.update)."""

    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        json_schema_extra={
            "examples": [{"merchant_remark": "VIP, gift wrap", "expected_version": 3}]
        },
    )

    shipping_fee: int | None = Field(
        default=None, ge=0, le=1_000_000, description="Fen; only before payment"
    )
    merchant_remark: str | None = Field(
        default=None, max_length=500, description="Empty string clears it"
    )
    receiver: ReceiverIn | None = Field(default=None, description="Only before shipment")


class OrderFlag(VersionedIn):
    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        json_schema_extra={"examples": [{"reason": "Receiver address looks fake"}]},
    )

    reason: str = Field(min_length=1, max_length=200)


class PaymentReminderCreate(VersionedIn):
    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        json_schema_extra={
            "examples": [
                {"coupon_code": "SAVE5", "message": "Your cart is waiting: 5 yuan off today"}
            ]
        },
    )

    coupon_code: str | None = Field(default=None, min_length=1, max_length=64)
    message: str | None = Field(default=None, min_length=1, max_length=500)


class OrderRefund(VersionedIn):
    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        json_schema_extra={"examples": [{"reason": "Out of stock", "expected_version": 2}]},
    )

    reason: str = Field(min_length=1, max_length=200)


class BatchShipmentEntry(OrderShip):
    order_id: int = Field(ge=1, le=2**63 - 1)
