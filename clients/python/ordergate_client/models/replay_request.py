from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast
import datetime






T = TypeVar("T", bound="ReplayRequest")



@_attrs_define
class ReplayRequest:
    """ 
        Attributes:
            since_cursor (None | str | Unset):
            since_time (datetime.datetime | None | Unset):
            types (list[str] | None | Unset):
     """

    since_cursor: None | str | Unset = UNSET
    since_time: datetime.datetime | None | Unset = UNSET
    types: list[str] | None | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        since_cursor: None | str | Unset
        if isinstance(self.since_cursor, Unset):
            since_cursor = UNSET
        else:
            since_cursor = self.since_cursor

        since_time: None | str | Unset
        if isinstance(self.since_time, Unset):
            since_time = UNSET
        elif isinstance(self.since_time, datetime.datetime):
            since_time = self.since_time.isoformat()
        else:
            since_time = self.since_time

        types: list[str] | None | Unset
        if isinstance(self.types, Unset):
            types = UNSET
        elif isinstance(self.types, list):
            types = self.types


        else:
            types = self.types


        field_dict: dict[str, Any] = {}

        field_dict.update({
        })
        if since_cursor is not UNSET:
            field_dict["since_cursor"] = since_cursor
        if since_time is not UNSET:
            field_dict["since_time"] = since_time
        if types is not UNSET:
            field_dict["types"] = types

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        def _parse_since_cursor(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        since_cursor = _parse_since_cursor(d.pop("since_cursor", UNSET))


        def _parse_since_time(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                since_time_type_0 = datetime.datetime.fromisoformat(data)



                return since_time_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        since_time = _parse_since_time(d.pop("since_time", UNSET))


        def _parse_types(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                types_type_0 = cast(list[str], data)

                return types_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        types = _parse_types(d.pop("types", UNSET))


        replay_request = cls(
            since_cursor=since_cursor,
            since_time=since_time,
            types=types,
        )

        return replay_request

