from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast






T = TypeVar("T", bound="PeriodHealth")



@_attrs_define
class PeriodHealth:
    """ Refunds, risk flags and stale unpaid orders of a period.

        Attributes:
            flagged (int): Orders flagged for risk.
            refund_rate (float | None): refunded_orders / orders paid in range.
            refunded_amount (int): Refunded, in fen.
            refunded_orders (int): Orders with a refund.
            unpaid_over_24h (int): Orders still pending payment 24 h after creation.
     """

    flagged: int
    refund_rate: float | None
    refunded_amount: int
    refunded_orders: int
    unpaid_over_24h: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        flagged = self.flagged

        refund_rate: float | None
        refund_rate = self.refund_rate

        refunded_amount = self.refunded_amount

        refunded_orders = self.refunded_orders

        unpaid_over_24h = self.unpaid_over_24h


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "flagged": flagged,
            "refund_rate": refund_rate,
            "refunded_amount": refunded_amount,
            "refunded_orders": refunded_orders,
            "unpaid_over_24h": unpaid_over_24h,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        flagged = d.pop("flagged")

        def _parse_refund_rate(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        refund_rate = _parse_refund_rate(d.pop("refund_rate"))


        refunded_amount = d.pop("refunded_amount")

        refunded_orders = d.pop("refunded_orders")

        unpaid_over_24h = d.pop("unpaid_over_24h")

        period_health = cls(
            flagged=flagged,
            refund_rate=refund_rate,
            refunded_amount=refunded_amount,
            refunded_orders=refunded_orders,
            unpaid_over_24h=unpaid_over_24h,
        )


        period_health.additional_properties = d
        return period_health

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
