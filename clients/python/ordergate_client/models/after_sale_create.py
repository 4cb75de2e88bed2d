from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.after_sale_type import AfterSaleType
from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="AfterSaleCreate")



@_attrs_define
class AfterSaleCreate:
    """ 
        Attributes:
            reason (str):
            type_ (AfterSaleType): What the buyer asks for: money back only, return for money, or return for another.
            amount (int | None | Unset): Fen; default the refundable rest
     """

    reason: str
    type_: AfterSaleType
    amount: int | None | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        reason = self.reason

        type_ = self.type_.value

        amount: int | None | Unset
        if isinstance(self.amount, Unset):
            amount = UNSET
        else:
            amount = self.amount


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "reason": reason,
            "type": type_,
        })
        if amount is not UNSET:
            field_dict["amount"] = amount

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        reason = d.pop("reason")

        type_ = AfterSaleType(d.pop("type"))




        def _parse_amount(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        amount = _parse_amount(d.pop("amount", UNSET))


        after_sale_create = cls(
            reason=reason,
            type_=type_,
            amount=amount,
        )

        return after_sale_create

