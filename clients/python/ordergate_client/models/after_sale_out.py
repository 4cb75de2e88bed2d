from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast






T = TypeVar("T", bound="AfterSaleOut")



@_attrs_define
class AfterSaleOut:
    """ 
        Attributes:
            allowed_actions (list[str]):
            amount (int):
            id (int):
            order_id (int):
            shop_id (int):
            status (str):
            type_ (str):
            version (int):
     """

    allowed_actions: list[str]
    amount: int
    id: int
    order_id: int
    shop_id: int
    status: str
    type_: str
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        allowed_actions = self.allowed_actions



        amount = self.amount

        id = self.id

        order_id = self.order_id

        shop_id = self.shop_id

        status = self.status

        type_ = self.type_

        version = self.version


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "allowed_actions": allowed_actions,
            "amount": amount,
            "id": id,
            "order_id": order_id,
            "shop_id": shop_id,
            "status": status,
            "type": type_,
            "version": version,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        allowed_actions = cast(list[str], d.pop("allowed_actions"))


        amount = d.pop("amount")

        id = d.pop("id")

        order_id = d.pop("order_id")

        shop_id = d.pop("shop_id")

        status = d.pop("status")

        type_ = d.pop("type")

        version = d.pop("version")

        after_sale_out = cls(
            allowed_actions=allowed_actions,
            amount=amount,
            id=id,
            order_id=order_id,
            shop_id=shop_id,
            status=status,
            type_=type_,
            version=version,
        )


        after_sale_out.additional_properties = d
        return after_sale_out

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
