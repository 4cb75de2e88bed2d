from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.top_buyers_by import TopBuyersBy
from typing import cast

if TYPE_CHECKING:
  from ..models.top_buyer import TopBuyer





T = TypeVar("T", bound="TopBuyers")



@_attrs_define
class TopBuyers:
    """ High-value buyers of a range.

        Attributes:
            buyers (list[TopBuyer]):
            by (TopBuyersBy): Ranking of top buyers: by average order value or by GMV.
            from_ (str): First day (inclusive).
            shop_id (int): The shop.
            timezone (str): IANA timezone of the shop's days.
            to (str): Last day (inclusive).
     """

    buyers: list[TopBuyer]
    by: TopBuyersBy
    from_: str
    shop_id: int
    timezone: str
    to: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.top_buyer import TopBuyer # noqa: PLC0415
        buyers = []
        for buyers_item_data in self.buyers:
            buyers_item = buyers_item_data.to_dict()
            buyers.append(buyers_item)



        by = self.by.value

        from_ = self.from_

        shop_id = self.shop_id

        timezone = self.timezone

        to = self.to


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "buyers": buyers,
            "by": by,
            "from": from_,
            "shop_id": shop_id,
            "timezone": timezone,
            "to": to,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.top_buyer import TopBuyer # noqa: PLC0415
        d = dict(src_dict)
        buyers = []
        _buyers = d.pop("buyers")
        for buyers_item_data in (_buyers):
            buyers_item = TopBuyer.from_dict(buyers_item_data)



            buyers.append(buyers_item)


        by = TopBuyersBy(d.pop("by"))




        from_ = d.pop("from")

        shop_id = d.pop("shop_id")

        timezone = d.pop("timezone")

        to = d.pop("to")

        top_buyers = cls(
            buyers=buyers,
            by=by,
            from_=from_,
            shop_id=shop_id,
            timezone=timezone,
            to=to,
        )


        top_buyers.additional_properties = d
        return top_buyers

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
