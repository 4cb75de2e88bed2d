from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime






T = TypeVar("T", bound="Shipment")



@_attrs_define
class Shipment:
    """ One parcel handed to a carrier (an order can ship in several).

        Attributes:
            carrier (str):
            id (int):
            item_ids (list[int] | None): Items in this parcel; null means all of them.
            shipped_at (datetime.datetime): RFC 3339 instant in UTC.
            signed_at (datetime.datetime | None): Carrier's delivery scan, or null.
            tracking_no (str):
     """

    carrier: str
    id: int
    item_ids: list[int] | None
    shipped_at: datetime.datetime
    signed_at: datetime.datetime | None
    tracking_no: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        carrier = self.carrier

        id = self.id

        item_ids: list[int] | None
        if isinstance(self.item_ids, list):
            item_ids = self.item_ids


        else:
            item_ids = self.item_ids

        shipped_at = self.shipped_at.isoformat()

        signed_at: None | str
        if isinstance(self.signed_at, datetime.datetime):
            signed_at = self.signed_at.isoformat()
        else:
            signed_at = self.signed_at

        tracking_no = self.tracking_no


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "carrier": carrier,
            "id": id,
            "item_ids": item_ids,
            "shipped_at": shipped_at,
            "signed_at": signed_at,
            "tracking_no": tracking_no,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        carrier = d.pop("carrier")

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


        tracking_no = d.pop("tracking_no")

        shipment = cls(
            carrier=carrier,
            id=id,
            item_ids=item_ids,
            shipped_at=shipped_at,
            signed_at=signed_at,
            tracking_no=tracking_no,
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
