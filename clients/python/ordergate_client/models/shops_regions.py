from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.province_volume import ProvinceVolume
  from ..models.regions_report import RegionsReport





T = TypeVar("T", bound="ShopsRegions")



@_attrs_define
class ShopsRegions:
    """ Order density of several shops together, and of each.

        Attributes:
            by_shop (list[RegionsReport]):
            from_ (str): First day (inclusive).
            provinces (list[ProvinceVolume]):
            shop_ids (list[int]): The shops aggregated.
            to (str): Last day (inclusive).
     """

    by_shop: list[RegionsReport]
    from_: str
    provinces: list[ProvinceVolume]
    shop_ids: list[int]
    to: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.province_volume import ProvinceVolume # noqa: PLC0415
        from ..models.regions_report import RegionsReport # noqa: PLC0415
        by_shop = []
        for by_shop_item_data in self.by_shop:
            by_shop_item = by_shop_item_data.to_dict()
            by_shop.append(by_shop_item)



        from_ = self.from_

        provinces = []
        for provinces_item_data in self.provinces:
            provinces_item = provinces_item_data.to_dict()
            provinces.append(provinces_item)



        shop_ids = self.shop_ids



        to = self.to


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "by_shop": by_shop,
            "from": from_,
            "provinces": provinces,
            "shop_ids": shop_ids,
            "to": to,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.province_volume import ProvinceVolume # noqa: PLC0415
        from ..models.regions_report import RegionsReport # noqa: PLC0415
        d = dict(src_dict)
        by_shop = []
        _by_shop = d.pop("by_shop")
        for by_shop_item_data in (_by_shop):
            by_shop_item = RegionsReport.from_dict(by_shop_item_data)



            by_shop.append(by_shop_item)


        from_ = d.pop("from")

        provinces = []
        _provinces = d.pop("provinces")
        for provinces_item_data in (_provinces):
            provinces_item = ProvinceVolume.from_dict(provinces_item_data)



            provinces.append(provinces_item)


        shop_ids = cast(list[int], d.pop("shop_ids"))


        to = d.pop("to")

        shops_regions = cls(
            by_shop=by_shop,
            from_=from_,
            provinces=provinces,
            shop_ids=shop_ids,
            to=to,
        )


        shops_regions.additional_properties = d
        return shops_regions

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
