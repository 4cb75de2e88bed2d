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
  from ..models.shipment_line import ShipmentLine





T = TypeVar("T", bound="Shipment")



@_attrs_define
class Shipment:
    """ One parcel handed to a carrier (an order can ship in several).

        Attributes:
            carrier (str): Deprecated: the same as carrier_code.
            carrier_code (str): Registry code (GET /v1/carriers).
            corrections (int): Carrier/tracking corrections so far (at most 3).
            id (int):
            item_ids (list[int] | None): Deprecated: the item ids of lines.
            lines (list[ShipmentLine]): Units of each order line inside.
            shipped_at (datetime.datetime): RFC 3339 instant in UTC.
            signed_at (datetime.datetime | None): Carrier's delivery scan, or null.
            status (ShipmentStatus): Where a parcel is: ``shipped`` (handed over, no scan yet), then its latest scan's
                status.
            tracking_no (str):
            updated_at (datetime.datetime): RFC 3339 instant in UTC.
     """

    carrier: str
    carrier_code: str
    corrections: int
    id: int
    item_ids: list[int] | None
    lines: list[ShipmentLine]
    shipped_at: datetime.datetime
    signed_at: datetime.datetime | None
    status: ShipmentStatus
    tracking_no: str
    updated_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.shipment_line import ShipmentLine # noqa: PLC0415
        carrier = self.carrier

        carrier_code = self.carrier_code

        corrections = self.corrections

        id = self.id

        item_ids: list[int] | None
        if isinstance(self.item_ids, list):
            item_ids = self.item_ids


        else:
            item_ids = self.item_ids

        lines = []
        for lines_item_data in self.lines:
            lines_item = lines_item_data.to_dict()
            lines.append(lines_item)



        shipped_at = self.shipped_at.isoformat()

        signed_at: None | str
        if isinstance(self.signed_at, datetime.datetime):
            signed_at = self.signed_at.isoformat()
        else:
            signed_at = self.signed_at

        status = self.status.value

        tracking_no = self.tracking_no

        updated_at = self.updated_at.isoformat()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "carrier": carrier,
            "carrier_code": carrier_code,
            "corrections": corrections,
            "id": id,
            "item_ids": item_ids,
            "lines": lines,
            "shipped_at": shipped_at,
            "signed_at": signed_at,
            "status": status,
            "tracking_no": tracking_no,
            "updated_at": updated_at,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.shipment_line import ShipmentLine # noqa: PLC0415
        d = dict(src_dict)
        carrier = d.pop("carrier")

        carrier_code = d.pop("carrier_code")

        corrections = d.pop("corrections")

        id = d.pop("id")

        def _parse_item_ids(data: object) -> list[int] | None:
            if data is None:
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                item_ids_type_0 = cast(list[int], data)

                return item_ids_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[int] | None, data)

        item_ids = _parse_item_ids(d.pop("item_ids"))


        lines = []
        _lines = d.pop("lines")
        for lines_item_data in (_lines):
            lines_item = ShipmentLine.from_dict(lines_item_data)



            lines.append(lines_item)


        shipped_at = datetime.datetime.fromisoformat(d.pop("shipped_at"))




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

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))




        shipment = cls(
            carrier=carrier,
            carrier_code=carrier_code,
            corrections=corrections,
            id=id,
            item_ids=item_ids,
            lines=lines,
            shipped_at=shipped_at,
            signed_at=signed_at,
            status=status,
            tracking_no=tracking_no,
            updated_at=updated_at,
        )


        shipment.additional_properties = d
        return shipment

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
