from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.change import Change





T = TypeVar("T", bound="ChangePage")



@_attrs_define
class ChangePage:
    """ Changes after the cursor, oldest first (the list envelope plus the feed's state). Loop
    forever on `next_cursor` (never null here).

        Attributes:
            caught_up (bool): Nothing committed before this read comes after `next_cursor`: a reader that applied this page
                is up to date as of the request.
            data (list[Change]):
            has_more (bool): True when another page follows (pass `next_cursor`).
            horizon_lag_ms (int): How long the oldest still-running transaction has held the feed's horizon back (ms):
                committed changes behind it appear once it ends.
            next_cursor (str): Opaque, signed feed cursor: pass it back as `cursor` to read what follows.
     """

    caught_up: bool
    data: list[Change]
    has_more: bool
    horizon_lag_ms: int
    next_cursor: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.change import Change # noqa: PLC0415
        caught_up = self.caught_up

        data = []
        for data_item_data in self.data:
            data_item = data_item_data.to_dict()
            data.append(data_item)



        has_more = self.has_more

        horizon_lag_ms = self.horizon_lag_ms

        next_cursor = self.next_cursor


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "caught_up": caught_up,
            "data": data,
            "has_more": has_more,
            "horizon_lag_ms": horizon_lag_ms,
            "next_cursor": next_cursor,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.change import Change # noqa: PLC0415
        d = dict(src_dict)
        caught_up = d.pop("caught_up")

        data = []
        _data = d.pop("data")
        for data_item_data in (_data):
            data_item = Change.from_dict(data_item_data)



            data.append(data_item)


        has_more = d.pop("has_more")

        horizon_lag_ms = d.pop("horizon_lag_ms")

        next_cursor = d.pop("next_cursor")

        change_page = cls(
            caught_up=caught_up,
            data=data,
            has_more=has_more,
            horizon_lag_ms=horizon_lag_ms,
            next_cursor=next_cursor,
        )


        change_page.additional_properties = d
        return change_page

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
