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





T = TypeVar("T", bound="Summary")



@_attrs_define
class Summary:
    """ Key figures over a range of days, with the previous period of the same length.

        Attributes:
            from_ (str): First day (inclusive).
            health (PeriodHealth): Refunds, risk flags and stale unpaid orders of a period.
            metrics (Metrics): Every metric of a range; the names are the trend's metric names.
            previous (PreviousPeriod): The period of the same length just before the range.
            shop_id (int): The shop.
            timezone (str): IANA timezone of the shop's days.
            to (str): Last day (inclusive).
     """

    from_: str
    health: PeriodHealth
    metrics: Metrics
    previous: PreviousPeriod
    shop_id: int
    timezone: str
    to: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.metrics import Metrics # noqa: PLC0415
        from ..models.period_health import PeriodHealth # noqa: PLC0415
        from ..models.previous_period import PreviousPeriod # noqa: PLC0415
        from_ = self.from_

        health = self.health.to_dict()

        metrics = self.metrics.to_dict()

        previous = self.previous.to_dict()

        shop_id = self.shop_id

        timezone = self.timezone

        to = self.to


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "from": from_,
            "health": health,
            "metrics": metrics,
            "previous": previous,
            "shop_id": shop_id,
            "timezone": timezone,
            "to": to,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.metrics import Metrics # noqa: PLC0415
        from ..models.period_health import PeriodHealth # noqa: PLC0415
        from ..models.previous_period import PreviousPeriod # noqa: PLC0415
        d = dict(src_dict)
        from_ = d.pop("from")

        health = PeriodHealth.from_dict(d.pop("health"))




        metrics = Metrics.from_dict(d.pop("metrics"))




        previous = PreviousPeriod.from_dict(d.pop("previous"))




        shop_id = d.pop("shop_id")

        timezone = d.pop("timezone")

        to = d.pop("to")

        summary = cls(
            from_=from_,
            health=health,
            metrics=metrics,
            previous=previous,
            shop_id=shop_id,
            timezone=timezone,
            to=to,
        )


        summary.additional_properties = d
        return summary

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
