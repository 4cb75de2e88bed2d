from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.funnel import Funnel
  from ..models.funnel_stages import FunnelStages
  from ..models.funnel_unpaid import FunnelUnpaid





T = TypeVar("T", bound="ShopsFunnel")



@_attrs_define
class ShopsFunnel:
    """ The funnel of several shops together, and of each.

        Attributes:
            by_shop (list[Funnel]):
            from_ (str): First day (inclusive).
            shop_ids (list[int]): The shops aggregated.
            stages (FunnelStages): Orders created in the range that reached each stage.
            to (str): Last day (inclusive).
            unpaid (FunnelUnpaid): What became of the orders created in the range and never paid.
     """

    by_shop: list[Funnel]
    from_: str
    shop_ids: list[int]
    stages: FunnelStages
    to: str
    unpaid: FunnelUnpaid
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.funnel import Funnel # noqa: PLC0415
        from ..models.funnel_stages import FunnelStages # noqa: PLC0415
        from ..models.funnel_unpaid import FunnelUnpaid # noqa: PLC0415
        by_shop = []
        for by_shop_item_data in self.by_shop:
            by_shop_item = by_shop_item_data.to_dict()
            by_shop.append(by_shop_item)



        from_ = self.from_

        shop_ids = self.shop_ids



        stages = self.stages.to_dict()

        to = self.to

        unpaid = self.unpaid.to_dict()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "by_shop": by_shop,
            "from": from_,
            "shop_ids": shop_ids,
            "stages": stages,
            "to": to,
            "unpaid": unpaid,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.funnel import Funnel # noqa: PLC0415
        from ..models.funnel_stages import FunnelStages # noqa: PLC0415
        from ..models.funnel_unpaid import FunnelUnpaid # noqa: PLC0415
        d = dict(src_dict)
        by_shop = []
        _by_shop = d.pop("by_shop")
        for by_shop_item_data in (_by_shop):
            by_shop_item = Funnel.from_dict(by_shop_item_data)



            by_shop.append(by_shop_item)


        from_ = d.pop("from")

        shop_ids = cast(list[int], d.pop("shop_ids"))


        stages = FunnelStages.from_dict(d.pop("stages"))




        to = d.pop("to")

        unpaid = FunnelUnpaid.from_dict(d.pop("unpaid"))




        shops_funnel = cls(
            by_shop=by_shop,
            from_=from_,
            shop_ids=shop_ids,
            stages=stages,
            to=to,
            unpaid=unpaid,
        )


        shops_funnel.additional_properties = d
        return shops_funnel

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
