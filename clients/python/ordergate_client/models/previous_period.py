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





T = TypeVar("T", bound="PreviousPeriod")



@_attrs_define
class PreviousPeriod:
    """ The period of the same length just before the range.

        Attributes:
            from_ (str): First day (inclusive).
            health (PeriodHealth): Refunds, risk flags and stale unpaid orders of a period.
            metrics (Metrics): Every metric of a range; the names are the trend's metric names.
            to (str): Last day (inclusive).
     """

    from_: str
    health: PeriodHealth
    metrics: Metrics
    to: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.metrics import Metrics # noqa: PLC0415
        from ..models.period_health import PeriodHealth # noqa: PLC0415
        from_ = self.from_

        health = self.health.to_dict()

        metrics = self.metrics.to_dict()

        to = self.to


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "from": from_,
            "health": health,
            "metrics": metrics,
            "to": to,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.metrics import Metrics # noqa: PLC0415
        from ..models.period_health import PeriodHealth # noqa: PLC0415
        d = dict(src_dict)
        from_ = d.pop("from")

        health = PeriodHealth.from_dict(d.pop("health"))




        metrics = Metrics.from_dict(d.pop("metrics"))




        to = d.pop("to")

        previous_period = cls(
            from_=from_,
            health=health,
            metrics=metrics,
            to=to,
        )


        previous_period.additional_properties = d
        return previous_period

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
