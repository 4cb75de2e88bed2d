from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.close_reason import CloseReason





T = TypeVar("T", bound="FunnelUnpaid")



@_attrs_define
class FunnelUnpaid:
    """ What became of the orders created in the range and never paid.

        Attributes:
            close_reasons (list[CloseReason]): Most frequent first.
            closed_unpaid (int): Closed without payment.
            paid_after_reminder (int): Paid after a reminder (counted among paid orders).
            pending_over_24h (int): Waiting for more than 24 h.
            pending_payment (int): Still waiting for payment.
            reminded_unpaid (int): Unpaid despite a payment reminder.
            total (int):
     """

    close_reasons: list[CloseReason]
    closed_unpaid: int
    paid_after_reminder: int
    pending_over_24h: int
    pending_payment: int
    reminded_unpaid: int
    total: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.close_reason import CloseReason # noqa: PLC0415
        close_reasons = []
        for close_reasons_item_data in self.close_reasons:
            close_reasons_item = close_reasons_item_data.to_dict()
            close_reasons.append(close_reasons_item)



        closed_unpaid = self.closed_unpaid

        paid_after_reminder = self.paid_after_reminder

        pending_over_24h = self.pending_over_24h

        pending_payment = self.pending_payment

        reminded_unpaid = self.reminded_unpaid

        total = self.total


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "close_reasons": close_reasons,
            "closed_unpaid": closed_unpaid,
            "paid_after_reminder": paid_after_reminder,
            "pending_over_24h": pending_over_24h,
            "pending_payment": pending_payment,
            "reminded_unpaid": reminded_unpaid,
            "total": total,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.close_reason import CloseReason # noqa: PLC0415
        d = dict(src_dict)
        close_reasons = []
        _close_reasons = d.pop("close_reasons")
        for close_reasons_item_data in (_close_reasons):
            close_reasons_item = CloseReason.from_dict(close_reasons_item_data)



            close_reasons.append(close_reasons_item)


        closed_unpaid = d.pop("closed_unpaid")

        paid_after_reminder = d.pop("paid_after_reminder")

        pending_over_24h = d.pop("pending_over_24h")

        pending_payment = d.pop("pending_payment")

        reminded_unpaid = d.pop("reminded_unpaid")

        total = d.pop("total")

        funnel_unpaid = cls(
            close_reasons=close_reasons,
            closed_unpaid=closed_unpaid,
            paid_after_reminder=paid_after_reminder,
            pending_over_24h=pending_over_24h,
            pending_payment=pending_payment,
            reminded_unpaid=reminded_unpaid,
            total=total,
        )


        funnel_unpaid.additional_properties = d
        return funnel_unpaid

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
