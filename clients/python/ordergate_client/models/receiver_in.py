from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset







T = TypeVar("T", bound="ReceiverIn")



@_attrs_define
class ReceiverIn:
    """ 
        Attributes:
            address (str):
            city (str):
            name (str):
            phone (str):
            province (str):
     """

    address: str
    city: str
    name: str
    phone: str
    province: str





    def to_dict(self) -> dict[str, Any]:
        address = self.address

        city = self.city

        name = self.name

        phone = self.phone

        province = self.province


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "address": address,
            "city": city,
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

        name = d.pop("name")

        phone = d.pop("phone")

        province = d.pop("province")

        receiver_in = cls(
            address=address,
            city=city,
            name=name,
            phone=phone,
            province=province,
        )

        return receiver_in

