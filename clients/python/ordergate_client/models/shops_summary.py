from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.metrics import Metrics
  from ..models.period_health import PeriodHealth
  from ..models.previous_period import PreviousPeriod
  from ..models.summary import Summary





T = TypeVar("T", bound="ShopsSummary")



@_attrs_define
class ShopsSummary:
    """ Key figures of several shops together (each shop's days in its timezone), and each.

        Attributes:
            by_shop (list[Summary]):
            from_ (str): First day (inclusive).
            health (PeriodHealth): Refunds, risk flags and stale unpaid orders of a period.
            metrics (Metrics): Every metric of a range; the names are the trend's metric names.
            previous (PreviousPeriod): The period of the same length just before the range.
            shop_ids (list[int]): The shops aggregated.
            to (str): Last day (inclusive).
     """

    by_shop: list[Summary]
    from_: str
    health: PeriodHealth
    metrics: Metrics
    previous: PreviousPeriod
    shop_ids: list[int]
    to: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.metrics import Metrics # noqa: PLC0415
        from ..models.period_health import PeriodHealth # noqa: PLC0415
        from ..models.previous_period import PreviousPeriod # noqa: PLC0415
        from ..models.summary import Summary # noqa: PLC0415
        by_shop = []
        for by_shop_item_data in self.by_shop:
            by_shop_item = by_shop_item_data.to_dict()
            by_shop.append(by_shop_item)



        from_ = self.from_

        health = self.health.to_dict()

        metrics = self.metrics.to_dict()

        previous = self.previous.to_dict()

        shop_ids = self.shop_ids



        to = self.to


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "by_shop": by_shop,
            "from": from_,
            "health": health,
            "metrics": metrics,
            "previous": previous,
            "shop_ids": shop_ids,
            "to": to,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.metrics import Metrics # noqa: PLC0415
        from ..models.period_health import PeriodHealth # noqa: PLC0415
        from ..models.previous_period import PreviousPeriod # noqa: PLC0415
        from ..models.summary import Summary # noqa: PLC0415
        d = dict(src_dict)
        by_shop = []
        _by_shop = d.pop("by_shop")
        for by_shop_item_data in (_by_shop):
            by_shop_item = Summary.from_dict(by_shop_item_data)



            by_shop.append(by_shop_item)


        from_ = d.pop("from")

        health = PeriodHealth.from_dict(d.pop("health"))




        metrics = Metrics.from_dict(d.pop("metrics"))




        previous = PreviousPeriod.from_dict(d.pop("previous"))




        shop_ids = cast(list[int], d.pop("shop_ids"))


        to = d.pop("to")

        shops_summary = cls(
            by_shop=by_shop,
            from_=from_,
            health=health,
            metrics=metrics,
            previous=previous,
            shop_ids=shop_ids,
            to=to,
        )


        shops_summary.additional_properties = d
        return shops_summary

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
