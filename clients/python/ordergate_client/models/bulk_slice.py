from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast






T = TypeVar("T", bound="BulkSlice")



@_attrs_define
class BulkSlice:
    """ One range of a parallel copy: `GET /changes/bulk?cursor={cursor}&until={until}`.

        Attributes:
            count (int): Changes in the slice when it was planned.
            cursor (None | str): Where the slice starts (exclusive); null: the beginning of retention (omit `cursor`).
            until (str): Where the slice ends (inclusive): pass it as `until`.
     """

    count: int
    cursor: None | str
    until: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        count = self.count

        cursor: None | str
        cursor = self.cursor

        until = self.until


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "count": count,
            "cursor": cursor,
            "until": until,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        count = d.pop("count")

        def _parse_cursor(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        cursor = _parse_cursor(d.pop("cursor"))


        until = d.pop("until")

        bulk_slice = cls(
            count=count,
            cursor=cursor,
            until=until,
        )


        bulk_slice.additional_properties = d
        return bulk_slice

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
