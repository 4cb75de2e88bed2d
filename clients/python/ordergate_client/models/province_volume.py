from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.city_volume import CityVolume





T = TypeVar("T", bound="ProvinceVolume")



@_attrs_define
class ProvinceVolume:
    """ 
        Attributes:
            aov (int | None): gmv / orders paid in the range, fen rounded half up; null without any.
            cities (list[CityVolume]): Most GMV first.
            gmv (int): Paid amount of orders paid in the range, in fen.
            orders (int): Orders created in the range.
            paid_orders (int): Orders paid in the range (by paid_at, whenever created).
            province (str):
     """

    aov: int | None
    cities: list[CityVolume]
    gmv: int
    orders: int
    paid_orders: int
    province: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.city_volume import CityVolume # noqa: PLC0415
        aov: int | None
        aov = self.aov

        cities = []
        for cities_item_data in self.cities:
            cities_item = cities_item_data.to_dict()
            cities.append(cities_item)



        gmv = self.gmv

        orders = self.orders

        paid_orders = self.paid_orders

        province = self.province


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "aov": aov,
            "cities": cities,
            "gmv": gmv,
            "orders": orders,
            "paid_orders": paid_orders,
            "province": province,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.city_volume import CityVolume # noqa: PLC0415
        d = dict(src_dict)
        def _parse_aov(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        aov = _parse_aov(d.pop("aov"))


        cities = []
        _cities = d.pop("cities")
        for cities_item_data in (_cities):
            cities_item = CityVolume.from_dict(cities_item_data)



            cities.append(cities_item)


        gmv = d.pop("gmv")

        orders = d.pop("orders")

        paid_orders = d.pop("paid_orders")

        province = d.pop("province")

        province_volume = cls(
            aov=aov,
            cities=cities,
            gmv=gmv,
            orders=orders,
            paid_orders=paid_orders,
            province=province,
        )


        province_volume.additional_properties = d
        return province_volume

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
