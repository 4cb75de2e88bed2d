from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast






T = TypeVar("T", bound="OrderItem")



@_attrs_define
class OrderItem:
    """ 
        Attributes:
            id (int): Item id (use it to ship part of an order).
            product_id (int):
            quantity (int):
            sku (None | str):
            title (str):
            unit_price (int): Price per unit in fen.
     """

    id: int
    product_id: int
    quantity: int
    sku: None | str
    title: str
    unit_price: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        id = self.id

        product_id = self.product_id

        quantity = self.quantity

        sku: None | str
        sku = self.sku

        title = self.title

        unit_price = self.unit_price


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "id": id,
            "product_id": product_id,
            "quantity": quantity,
            "sku": sku,
            "title": title,
            "unit_price": unit_price,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        product_id = d.pop("product_id")

        quantity = d.pop("quantity")

        def _parse_sku(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        sku = _parse_sku(d.pop("sku"))


        title = d.pop("title")

        unit_price = d.pop("unit_price")

        order_item = cls(
            id=id,
            product_id=product_id,
            quantity=quantity,
            sku=sku,
            title=title,
            unit_price=unit_price,
        )


        order_item.additional_properties = d
        return order_item

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
