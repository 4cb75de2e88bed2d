from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.bulk_slice import BulkSlice





T = TypeVar("T", bound="BulkSlicePlan")



@_attrs_define
class BulkSlicePlan:
    """ Disjoint, consecutive ranges covering every change after the cursor up to the head.

        Attributes:
            count (int): Changes in all the slices.
            data (list[BulkSlice]): In feed order; each starts where the previous ends.
            next_cursor (str): The last slice's `until`: once every slice is stored, follow `GET /changes` from here.
     """

    count: int
    data: list[BulkSlice]
    next_cursor: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.bulk_slice import BulkSlice # noqa: PLC0415
        count = self.count

        data = []
        for data_item_data in self.data:
            data_item = data_item_data.to_dict()
            data.append(data_item)



        next_cursor = self.next_cursor


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "count": count,
            "data": data,
            "next_cursor": next_cursor,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.bulk_slice import BulkSlice # noqa: PLC0415
        d = dict(src_dict)
        count = d.pop("count")

        data = []
        _data = d.pop("data")
        for data_item_data in (_data):
            data_item = BulkSlice.from_dict(data_item_data)



            data.append(data_item)


        next_cursor = d.pop("next_cursor")

        bulk_slice_plan = cls(
            count=count,
            data=data,
            next_cursor=next_cursor,
        )


        bulk_slice_plan.additional_properties = d
        return bulk_slice_plan

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
