from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset







T = TypeVar("T", bound="Receiver")



@_attrs_define
class Receiver:
    """ Where the parcel goes. Without `orders:read_pii` name, phone and address come masked.

        Attributes:
            address (str): Street address.
            city (str):
            masked (bool): True when name, phone and address are masked (no PII scope).
            name (str):
            phone (str):
            province (str):
     """

    address: str
    city: str
    masked: bool
    name: str
    phone: str
    province: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        address = self.address

        city = self.city

        masked = self.masked

        name = self.name

        phone = self.phone

        province = self.province


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "address": address,
            "city": city,
            "masked": masked,
            "name": name,
            "phone": phone,
            "province": province,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        address = d.pop("address")

        city = d.pop("city")

        masked = d.pop("masked")

        name = d.pop("name")

        phone = d.pop("phone")

        province = d.pop("province")

        receiver = cls(
            address=address,
            city=city,
            masked=masked,
            name=name,
            phone=phone,
            province=province,
        )


        receiver.additional_properties = d
        return receiver

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
