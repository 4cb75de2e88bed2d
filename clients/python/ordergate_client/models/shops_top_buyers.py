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
  from ..models.top_buyers import TopBuyers





T = TypeVar("T", bound="ShopsTopBuyers")



@_attrs_define
class ShopsTopBuyers:
    """ High-value buyers over several shops together (a buyer's orders in every shop), and
    per shop.

        Attributes:
            buyers (list[TopBuyer]):
            by (TopBuyersBy): Ranking of top buyers: by average order value or by GMV.
            by_shop (list[TopBuyers]):
            from_ (str): First day (inclusive).
            shop_ids (list[int]): The shops aggregated.
            to (str): Last day (inclusive).
     """

    buyers: list[TopBuyer]
    by: TopBuyersBy
    by_shop: list[TopBuyers]
    from_: str
    shop_ids: list[int]
    to: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.top_buyer import TopBuyer # noqa: PLC0415
        from ..models.top_buyers import TopBuyers # noqa: PLC0415
        buyers = []
        for buyers_item_data in self.buyers:
            buyers_item = buyers_item_data.to_dict()
            buyers.append(buyers_item)



        by = self.by.value

        by_shop = []
        for by_shop_item_data in self.by_shop:
            by_shop_item = by_shop_item_data.to_dict()
            by_shop.append(by_shop_item)



        from_ = self.from_

        shop_ids = self.shop_ids



        to = self.to


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "buyers": buyers,
            "by": by,
            "by_shop": by_shop,
            "from": from_,
            "shop_ids": shop_ids,
            "to": to,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.top_buyer import TopBuyer # noqa: PLC0415
        from ..models.top_buyers import TopBuyers # noqa: PLC0415
        d = dict(src_dict)
        buyers = []
        _buyers = d.pop("buyers")
        for buyers_item_data in (_buyers):
            buyers_item = TopBuyer.from_dict(buyers_item_data)



            buyers.append(buyers_item)


        by = TopBuyersBy(d.pop("by"))




        by_shop = []
        _by_shop = d.pop("by_shop")
        for by_shop_item_data in (_by_shop):
            by_shop_item = TopBuyers.from_dict(by_shop_item_data)



            by_shop.append(by_shop_item)


        from_ = d.pop("from")

        shop_ids = cast(list[int], d.pop("shop_ids"))


        to = d.pop("to")

        shops_top_buyers = cls(
            buyers=buyers,
            by=by,
            by_shop=by_shop,
            from_=from_,
            shop_ids=shop_ids,
            to=to,
        )


        shops_top_buyers.additional_properties = d
        return shops_top_buyers

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
