from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset







T = TypeVar("T", bound="AuthorCommission")



@_attrs_define
class AuthorCommission:
    """ The influencer (达人) credited with the sale and their commission on it.

        Attributes:
            commission_amount (int): Commission in fen: paid_amount x rate, fixed at payment (0 before).
            commission_rate_bps (int): Commission rate in basis points (1500 = 15 %).
            id (int): Author id.
     """

    commission_amount: int
    commission_rate_bps: int
    id: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        commission_amount = self.commission_amount

        commission_rate_bps = self.commission_rate_bps

        id = self.id


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "commission_amount": commission_amount,
            "commission_rate_bps": commission_rate_bps,
            "id": id,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        commission_amount = d.pop("commission_amount")

        commission_rate_bps = d.pop("commission_rate_bps")

        id = d.pop("id")

        author_commission = cls(
            commission_amount=commission_amount,
            commission_rate_bps=commission_rate_bps,
            id=id,
        )


        author_commission.additional_properties = d
        return author_commission

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
