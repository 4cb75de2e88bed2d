from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.shipment_status import ShipmentStatus
from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.tracking_event import TrackingEvent





T = TypeVar("T", bound="ShipmentTracking")



@_attrs_define
class ShipmentTracking:
    """ A parcel's logistics trace, oldest scan first.

        Attributes:
            carrier_code (str):
            events (list[TrackingEvent]):
            order_id (int):
            shipment_id (int):
            signed_at (datetime.datetime | None): First delivered scan, or null.
            status (ShipmentStatus): Where a parcel is: ``shipped`` (handed over, no scan yet), then its latest scan's
                status.
            tracking_no (str):
            tracking_url (None | str): The carrier's tracking page for this parcel.
     """

    carrier_code: str
    events: list[TrackingEvent]
    order_id: int
    shipment_id: int
    signed_at: datetime.datetime | None
    status: ShipmentStatus
    tracking_no: str
    tracking_url: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.tracking_event import TrackingEvent # noqa: PLC0415
        carrier_code = self.carrier_code

        events = []
        for events_item_data in self.events:
            events_item = events_item_data.to_dict()
            events.append(events_item)



        order_id = self.order_id

        shipment_id = self.shipment_id

        signed_at: None | str
        if isinstance(self.signed_at, datetime.datetime):
            signed_at = self.signed_at.isoformat()
        else:
            signed_at = self.signed_at

        status = self.status.value

        tracking_no = self.tracking_no

        tracking_url: None | str
        tracking_url = self.tracking_url


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "carrier_code": carrier_code,
            "events": events,
            "order_id": order_id,
            "shipment_id": shipment_id,
            "signed_at": signed_at,
            "status": status,
            "tracking_no": tracking_no,
            "tracking_url": tracking_url,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.tracking_event import TrackingEvent # noqa: PLC0415
        d = dict(src_dict)
        carrier_code = d.pop("carrier_code")

        events = []
        _events = d.pop("events")
        for events_item_data in (_events):
            events_item = TrackingEvent.from_dict(events_item_data)



            events.append(events_item)


        order_id = d.pop("order_id")

        shipment_id = d.pop("shipment_id")

        def _parse_signed_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                signed_at_type_0 = datetime.datetime.fromisoformat(data)



                return signed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        signed_at = _parse_signed_at(d.pop("signed_at"))


        status = ShipmentStatus(d.pop("status"))




        tracking_no = d.pop("tracking_no")

        def _parse_tracking_url(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        tracking_url = _parse_tracking_url(d.pop("tracking_url"))


        shipment_tracking = cls(
            carrier_code=carrier_code,
            events=events,
            order_id=order_id,
            shipment_id=shipment_id,
            signed_at=signed_at,
            status=status,
            tracking_no=tracking_no,
            tracking_url=tracking_url,
        )


        shipment_tracking.additional_properties = d
        return shipment_tracking

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
