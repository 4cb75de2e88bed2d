from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="OrderItemIn")



@_attrs_define
class OrderItemIn:
    """ 
        Attributes:
            product_id (int):
            quantity (int):
            title (str):
            unit_price (int): Fen
            sku (None | str | Unset):
     """

    product_id: int
    quantity: int
    title: str
    unit_price: int
    sku: None | str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        product_id = self.product_id

        quantity = self.quantity

        title = self.title

        unit_price = self.unit_price

        sku: None | str | Unset
        if isinstance(self.sku, Unset):
            sku = UNSET
        else:
            sku = self.sku


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "product_id": product_id,
            "quantity": quantity,
            "title": title,
            "unit_price": unit_price,
        })
        if sku is not UNSET:
            field_dict["sku"] = sku

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        product_id = d.pop("product_id")

        quantity = d.pop("quantity")

        title = d.pop("title")

        unit_price = d.pop("unit_price")

        def _parse_sku(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        sku = _parse_sku(d.pop("sku", UNSET))


        order_item_in = cls(
            product_id=product_id,
            quantity=quantity,
            title=title,
            unit_price=unit_price,
            sku=sku,
        )

        return order_item_in

