from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.tracking_status import TrackingStatus
from typing import cast
import datetime






T = TypeVar("T", bound="TrackingEvent")



@_attrs_define
class TrackingEvent:
    """ One carrier scan.

        Attributes:
            at (datetime.datetime): RFC 3339 instant in UTC.
            description (str):
            location (None | str):
            status (TrackingStatus): What a carrier scan says about a parcel (the status of one tracking event).
     """

    at: datetime.datetime
    description: str
    location: None | str
    status: TrackingStatus
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        at = self.at.isoformat()

        description = self.description

        location: None | str
        location = self.location

        status = self.status.value


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "at": at,
            "description": description,
            "location": location,
            "status": status,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        at = datetime.datetime.fromisoformat(d.pop("at"))




        description = d.pop("description")

        def _parse_location(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        location = _parse_location(d.pop("location"))


        status = TrackingStatus(d.pop("status"))




        tracking_event = cls(
            at=at,
            description=description,
            location=location,
            status=status,
        )


        tracking_event.additional_properties = d
        return tracking_event

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
