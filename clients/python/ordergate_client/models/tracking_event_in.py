from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.tracking_status import TrackingStatus
from ..types import UNSET, Unset
from typing import cast
import datetime






T = TypeVar("T", bound="TrackingEventIn")



@_attrs_define
class TrackingEventIn:
    """ 
        Attributes:
            at (datetime.datetime): When the carrier scanned the parcel (RFC 3339)
            description (str):
            status (TrackingStatus): What a carrier scan says about a parcel (the status of one tracking event).
            location (None | str | Unset):
     """

    at: datetime.datetime
    description: str
    status: TrackingStatus
    location: None | str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        at = self.at.isoformat()

        description = self.description

        status = self.status.value

        location: None | str | Unset
        if isinstance(self.location, Unset):
            location = UNSET
        else:
            location = self.location


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "at": at,
            "description": description,
            "status": status,
        })
        if location is not UNSET:
            field_dict["location"] = location

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        at = datetime.datetime.fromisoformat(d.pop("at"))




        description = d.pop("description")

        status = TrackingStatus(d.pop("status"))




        def _parse_location(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        location = _parse_location(d.pop("location", UNSET))


        tracking_event_in = cls(
            at=at,
            description=description,
            status=status,
            location=location,
        )

        return tracking_event_in

