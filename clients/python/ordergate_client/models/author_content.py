from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast






T = TypeVar("T", bound="AuthorContent")



@_attrs_define
class AuthorContent:
    """ An author's orders from one live room or short video.

        Attributes:
            aov (int | None): gmv / orders paid in the range, fen rounded half up; null without any.
            commission (int): Integer fen (12990 is ¥129.90).
            content_id (str): Live room id or short video id.
            gmv (int): Paid amount of orders paid in the range, in fen.
            orders (int): Orders created in the range.
            paid_orders (int): Orders paid in the range (by paid_at, whenever created).
            traffic_source (str):
     """

    aov: int | None
    commission: int
    content_id: str
    gmv: int
    orders: int
    paid_orders: int
    traffic_source: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        aov: int | None
        aov = self.aov

        commission = self.commission

        content_id = self.content_id

        gmv = self.gmv

        orders = self.orders

        paid_orders = self.paid_orders

        traffic_source = self.traffic_source


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "aov": aov,
            "commission": commission,
            "content_id": content_id,
            "gmv": gmv,
            "orders": orders,
            "paid_orders": paid_orders,
            "traffic_source": traffic_source,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        def _parse_aov(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        aov = _parse_aov(d.pop("aov"))


        commission = d.pop("commission")

        content_id = d.pop("content_id")

        gmv = d.pop("gmv")

        orders = d.pop("orders")

        paid_orders = d.pop("paid_orders")

        traffic_source = d.pop("traffic_source")

        author_content = cls(
            aov=aov,
            commission=commission,
            content_id=content_id,
            gmv=gmv,
            orders=orders,
            paid_orders=paid_orders,
            traffic_source=traffic_source,
        )


        author_content.additional_properties = d
        return author_content

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
