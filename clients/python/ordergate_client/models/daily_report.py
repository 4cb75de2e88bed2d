from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.day_metrics import DayMetrics
  from ..models.metric_deltas import MetricDeltas
  from ..models.metrics import Metrics





T = TypeVar("T", bound="DailyReport")



@_attrs_define
class DailyReport:
    """ One day's figures vs the day before and the same weekday a week before.

        Attributes:
            change_vs_previous_day (MetricDeltas): Each metric minus the previous day's (null when either side is null).
            date (str): YYYY-MM-DD (shop timezone).
            metrics (Metrics): Every metric of a range; the names are the trend's metric names.
            previous_day (DayMetrics):
            same_weekday_last_week (DayMetrics):
            shop_id (int): The shop.
            timezone (str): IANA timezone of the shop's days.
     """

    change_vs_previous_day: MetricDeltas
    date: str
    metrics: Metrics
    previous_day: DayMetrics
    same_weekday_last_week: DayMetrics
    shop_id: int
    timezone: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.day_metrics import DayMetrics # noqa: PLC0415
        from ..models.metric_deltas import MetricDeltas # noqa: PLC0415
        from ..models.metrics import Metrics # noqa: PLC0415
        change_vs_previous_day = self.change_vs_previous_day.to_dict()

        date = self.date

        metrics = self.metrics.to_dict()

        previous_day = self.previous_day.to_dict()

        same_weekday_last_week = self.same_weekday_last_week.to_dict()

        shop_id = self.shop_id

        timezone = self.timezone


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "change_vs_previous_day": change_vs_previous_day,
            "date": date,
            "metrics": metrics,
            "previous_day": previous_day,
            "same_weekday_last_week": same_weekday_last_week,
            "shop_id": shop_id,
            "timezone": timezone,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.day_metrics import DayMetrics # noqa: PLC0415
        from ..models.metric_deltas import MetricDeltas # noqa: PLC0415
        from ..models.metrics import Metrics # noqa: PLC0415
        d = dict(src_dict)
        change_vs_previous_day = MetricDeltas.from_dict(d.pop("change_vs_previous_day"))




        date = d.pop("date")

        metrics = Metrics.from_dict(d.pop("metrics"))




        previous_day = DayMetrics.from_dict(d.pop("previous_day"))




        same_weekday_last_week = DayMetrics.from_dict(d.pop("same_weekday_last_week"))




        shop_id = d.pop("shop_id")

        timezone = d.pop("timezone")

        daily_report = cls(
            change_vs_previous_day=change_vs_previous_day,
            date=date,
            metrics=metrics,
            previous_day=previous_day,
            same_weekday_last_week=same_weekday_last_week,
            shop_id=shop_id,
            timezone=timezone,
        )


        daily_report.additional_properties = d
        return daily_report

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
