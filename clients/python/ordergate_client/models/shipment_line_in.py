from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset







T = TypeVar("T", bound="ShipmentLineIn")



@_attrs_define
class ShipmentLineIn:
    """ 
        Attributes:
            item_id (int): The order item (line) id
            quantity (int): Units of that line in this parcel
     """

    item_id: int
    quantity: int





    def to_dict(self) -> dict[str, Any]:
        item_id = self.item_id

        quantity = self.quantity


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "item_id": item_id,
            "quantity": quantity,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        item_id = d.pop("item_id")

        quantity = d.pop("quantity")

        shipment_line_in = cls(
            item_id=item_id,
            quantity=quantity,
        )

        return shipment_line_in

