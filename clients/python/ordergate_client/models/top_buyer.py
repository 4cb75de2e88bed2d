from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast






T = TypeVar("T", bound="TopBuyer")



@_attrs_define
class TopBuyer:
    """ A buyer's orders paid in the range.

        Attributes:
            aov (int | None): gmv / paid_orders, fen.
            buyer_id (str):
            gmv (int): Integer fen (12990 is ¥129.90).
            nickname (str):
            paid_orders (int): Orders paid in the range.
     """

    aov: int | None
    buyer_id: str
    gmv: int
    nickname: str
    paid_orders: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        aov: int | None
        aov = self.aov

        buyer_id = self.buyer_id

        gmv = self.gmv

        nickname = self.nickname

        paid_orders = self.paid_orders


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "aov": aov,
            "buyer_id": buyer_id,
            "gmv": gmv,
            "nickname": nickname,
            "paid_orders": paid_orders,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        def _parse_aov(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        aov = _parse_aov(d.pop("aov"))


        buyer_id = d.pop("buyer_id")

        gmv = d.pop("gmv")

        nickname = d.pop("nickname")

        paid_orders = d.pop("paid_orders")

        top_buyer = cls(
            aov=aov,
            buyer_id=buyer_id,
            gmv=gmv,
            nickname=nickname,
            paid_orders=paid_orders,
        )


        top_buyer.additional_properties = d
        return top_buyer

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
