from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.hours_stats import HoursStats





T = TypeVar("T", bound="MetricDeltas")



@_attrs_define
class MetricDeltas:
    """ Each metric minus the previous day's (null when either side is null).

        Attributes:
            aov (int | None):
            complaint_rate (float | None):
            dispute_rate (float | None): Deprecated: see complaint_rate.
            gmv (int | None):
            orders (int | None):
            paid_orders (int | None):
            payment_conversion (float | None):
            return_rate (float | None):
            ship_to_sign_hours (HoursStats): Hours from shipping to signing, over orders signed in the range (null: none).
     """

    aov: int | None
    complaint_rate: float | None
    dispute_rate: float | None
    gmv: int | None
    orders: int | None
    paid_orders: int | None
    payment_conversion: float | None
    return_rate: float | None
    ship_to_sign_hours: HoursStats
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.hours_stats import HoursStats # noqa: PLC0415
        aov: int | None
        aov = self.aov

        complaint_rate: float | None
        complaint_rate = self.complaint_rate

        dispute_rate: float | None
        dispute_rate = self.dispute_rate

        gmv: int | None
        gmv = self.gmv

        orders: int | None
        orders = self.orders

        paid_orders: int | None
        paid_orders = self.paid_orders

        payment_conversion: float | None
        payment_conversion = self.payment_conversion

        return_rate: float | None
        return_rate = self.return_rate

        ship_to_sign_hours = self.ship_to_sign_hours.to_dict()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "aov": aov,
            "complaint_rate": complaint_rate,
            "dispute_rate": dispute_rate,
            "gmv": gmv,
            "orders": orders,
            "paid_orders": paid_orders,
            "payment_conversion": payment_conversion,
            "return_rate": return_rate,
            "ship_to_sign_hours": ship_to_sign_hours,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.hours_stats import HoursStats # noqa: PLC0415
        d = dict(src_dict)
        def _parse_aov(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        aov = _parse_aov(d.pop("aov"))


        def _parse_complaint_rate(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        complaint_rate = _parse_complaint_rate(d.pop("complaint_rate"))


        def _parse_dispute_rate(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        dispute_rate = _parse_dispute_rate(d.pop("dispute_rate"))


        def _parse_gmv(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        gmv = _parse_gmv(d.pop("gmv"))


        def _parse_orders(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        orders = _parse_orders(d.pop("orders"))


        def _parse_paid_orders(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        paid_orders = _parse_paid_orders(d.pop("paid_orders"))


        def _parse_payment_conversion(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        payment_conversion = _parse_payment_conversion(d.pop("payment_conversion"))


        def _parse_return_rate(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        return_rate = _parse_return_rate(d.pop("return_rate"))


        ship_to_sign_hours = HoursStats.from_dict(d.pop("ship_to_sign_hours"))




        metric_deltas = cls(
            aov=aov,
            complaint_rate=complaint_rate,
            dispute_rate=dispute_rate,
            gmv=gmv,
            orders=orders,
            paid_orders=paid_orders,
            payment_conversion=payment_conversion,
            return_rate=return_rate,
            ship_to_sign_hours=ship_to_sign_hours,
        )


        metric_deltas.additional_properties = d
        return metric_deltas

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
