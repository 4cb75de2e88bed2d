from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.group_by import GroupBy
from ..models.metric_name import MetricName
from ..models.trend_interval import TrendInterval
from typing import cast

if TYPE_CHECKING:
  from ..models.trend import Trend
  from ..models.trend_series import TrendSeries





T = TypeVar("T", bound="ShopsTrend")



@_attrs_define
class ShopsTrend:
    """ The trend of several shops together (by local day of each shop), and of each.

        Attributes:
            by_shop (list[Trend]):
            from_ (str): First day (inclusive).
            group_by (GroupBy | None):
            interval (TrendInterval): Bucket size of a trend (shop timezone); hour: at most 7 days.
            metrics (list[MetricName]): The metrics in each point.
            series (list[TrendSeries]):
            shop_ids (list[int]): The shops aggregated.
            to (str): Last day (inclusive).
     """

    by_shop: list[Trend]
    from_: str
    group_by: GroupBy | None
    interval: TrendInterval
    metrics: list[MetricName]
    series: list[TrendSeries]
    shop_ids: list[int]
    to: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.trend import Trend # noqa: PLC0415
        from ..models.trend_series import TrendSeries # noqa: PLC0415
        by_shop = []
        for by_shop_item_data in self.by_shop:
            by_shop_item = by_shop_item_data.to_dict()
            by_shop.append(by_shop_item)



        from_ = self.from_

        group_by: None | str
        if isinstance(self.group_by, GroupBy):
            group_by = self.group_by.value
        else:
            group_by = self.group_by

        interval = self.interval.value

        metrics = []
        for metrics_item_data in self.metrics:
            metrics_item = metrics_item_data.value
            metrics.append(metrics_item)



        series = []
        for series_item_data in self.series:
            series_item = series_item_data.to_dict()
            series.append(series_item)



        shop_ids = self.shop_ids



        to = self.to


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "by_shop": by_shop,
            "from": from_,
            "group_by": group_by,
            "interval": interval,
            "metrics": metrics,
            "series": series,
            "shop_ids": shop_ids,
            "to": to,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.trend import Trend # noqa: PLC0415
        from ..models.trend_series import TrendSeries # noqa: PLC0415
        d = dict(src_dict)
        by_shop = []
        _by_shop = d.pop("by_shop")
        for by_shop_item_data in (_by_shop):
            by_shop_item = Trend.from_dict(by_shop_item_data)



            by_shop.append(by_shop_item)


        from_ = d.pop("from")

        def _parse_group_by(data: object) -> GroupBy | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                group_by_type_0 = GroupBy(data)



                return group_by_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(GroupBy | None, data)

        group_by = _parse_group_by(d.pop("group_by"))


        interval = TrendInterval(d.pop("interval"))




        metrics = []
        _metrics = d.pop("metrics")
        for metrics_item_data in (_metrics):
            metrics_item = MetricName(metrics_item_data)



            metrics.append(metrics_item)


        series = []
        _series = d.pop("series")
        for series_item_data in (_series):
            series_item = TrendSeries.from_dict(series_item_data)



            series.append(series_item)


        shop_ids = cast(list[int], d.pop("shop_ids"))


        to = d.pop("to")

        shops_trend = cls(
            by_shop=by_shop,
            from_=from_,
            group_by=group_by,
            interval=interval,
            metrics=metrics,
            series=series,
            shop_ids=shop_ids,
            to=to,
        )


        shops_trend.additional_properties = d
        return shops_trend

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
