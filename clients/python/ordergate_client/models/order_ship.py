from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="OrderShip")



@_attrs_define
class OrderShip:
    """ 
        Attributes:
            carrier (str):
            tracking_no (str):
            expected_version (int | None | Unset):
            items (list[int] | None | Unset): Order item ids in this parcel (default: all)
     """

    carrier: str
    tracking_no: str
    expected_version: int | None | Unset = UNSET
    items: list[int] | None | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        carrier = self.carrier

        tracking_no = self.tracking_no

        expected_version: int | None | Unset
        if isinstance(self.expected_version, Unset):
            expected_version = UNSET
        else:
            expected_version = self.expected_version

        items: list[int] | None | Unset
        if isinstance(self.items, Unset):
            items = UNSET
        elif isinstance(self.items, list):
            items = self.items


        else:
            items = self.items


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "carrier": carrier,
            "tracking_no": tracking_no,
        })
        if expected_version is not UNSET:
            field_dict["expected_version"] = expected_version
        if items is not UNSET:
            field_dict["items"] = items

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        carrier = d.pop("carrier")

        tracking_no = d.pop("tracking_no")

        def _parse_expected_version(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        expected_version = _parse_expected_version(d.pop("expected_version", UNSET))


        def _parse_items(data: object) -> list[int] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                items_type_0 = cast(list[int], data)

                return items_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[int] | None | Unset, data)

        items = _parse_items(d.pop("items", UNSET))


        order_ship = cls(
            carrier=carrier,
            tracking_no=tracking_no,
            expected_version=expected_version,
            items=items,
        )

        return order_ship

