from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.province_volume import ProvinceVolume





T = TypeVar("T", bound="RegionsReport")



@_attrs_define
class RegionsReport:
    """ Order density by province and city, most GMV first.

        Attributes:
            from_ (str): First day (inclusive).
            provinces (list[ProvinceVolume]):
            shop_id (int): The shop.
            timezone (str): IANA timezone of the shop's days.
            to (str): Last day (inclusive).
     """

    from_: str
    provinces: list[ProvinceVolume]
    shop_id: int
    timezone: str
    to: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.province_volume import ProvinceVolume # noqa: PLC0415
        from_ = self.from_

        provinces = []
        for provinces_item_data in self.provinces:
            provinces_item = provinces_item_data.to_dict()
            provinces.append(provinces_item)



        shop_id = self.shop_id

        timezone = self.timezone

        to = self.to


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "from": from_,
            "provinces": provinces,
            "shop_id": shop_id,
            "timezone": timezone,
            "to": to,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.province_volume import ProvinceVolume # noqa: PLC0415
        d = dict(src_dict)
        from_ = d.pop("from")

        provinces = []
        _provinces = d.pop("provinces")
        for provinces_item_data in (_provinces):
            provinces_item = ProvinceVolume.from_dict(provinces_item_data)



            provinces.append(provinces_item)


        shop_id = d.pop("shop_id")

        timezone = d.pop("timezone")

        to = d.pop("to")

        regions_report = cls(
            from_=from_,
            provinces=provinces,
            shop_id=shop_id,
            timezone=timezone,
            to=to,
        )


        regions_report.additional_properties = d
        return regions_report

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
