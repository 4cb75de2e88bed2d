from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.metrics import Metrics





T = TypeVar("T", bound="DayMetrics")



@_attrs_define
class DayMetrics:
    """ 
        Attributes:
            date (str): YYYY-MM-DD (shop timezone).
            metrics (Metrics): Every metric of a range; the names are the trend's metric names.
     """

    date: str
    metrics: Metrics
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.metrics import Metrics # noqa: PLC0415
        date = self.date

        metrics = self.metrics.to_dict()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "date": date,
            "metrics": metrics,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.metrics import Metrics # noqa: PLC0415
        d = dict(src_dict)
        date = d.pop("date")

        metrics = Metrics.from_dict(d.pop("metrics"))




        day_metrics = cls(
            date=date,
            metrics=metrics,
        )


        day_metrics.additional_properties = d
        return day_metrics

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
