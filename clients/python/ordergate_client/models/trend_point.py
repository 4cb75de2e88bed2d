from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.hours_stats import HoursStats





T = TypeVar("T", bound="TrendPoint")



@_attrs_define
class TrendPoint:
    """ One bucket of a trend; only the metrics asked for are present.

        Attributes:
            date (str): YYYY-MM-DD (shop timezone).
            aov (int | None | Unset):
            commission (int | Unset): Commission in fen (group_by=author only).
            complaint_rate (float | None | Unset):
            dispute_rate (float | None | Unset): Deprecated: see complaint_rate.
            gmv (int | Unset):
            hour (int | Unset): Local clock hour (interval `hour`).
            orders (int | Unset):
            paid_orders (int | Unset):
            payment_conversion (float | None | Unset):
            return_rate (float | None | Unset):
            ship_to_sign_hours (HoursStats | Unset): Hours from shipping to signing, over orders signed in the range (null:
                none).
     """

    date: str
    aov: int | None | Unset = UNSET
    commission: int | Unset = UNSET
    complaint_rate: float | None | Unset = UNSET
    dispute_rate: float | None | Unset = UNSET
    gmv: int | Unset = UNSET
    hour: int | Unset = UNSET
    orders: int | Unset = UNSET
    paid_orders: int | Unset = UNSET
    payment_conversion: float | None | Unset = UNSET
    return_rate: float | None | Unset = UNSET
    ship_to_sign_hours: HoursStats | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.hours_stats import HoursStats # noqa: PLC0415
        date = self.date

        aov: int | None | Unset
        if isinstance(self.aov, Unset):
            aov = UNSET
        else:
            aov = self.aov

        commission = self.commission

        complaint_rate: float | None | Unset
        if isinstance(self.complaint_rate, Unset):
            complaint_rate = UNSET
        else:
            complaint_rate = self.complaint_rate

        dispute_rate: float | None | Unset
        if isinstance(self.dispute_rate, Unset):
            dispute_rate = UNSET
        else:
            dispute_rate = self.dispute_rate

        gmv = self.gmv

        hour = self.hour

        orders = self.orders

        paid_orders = self.paid_orders

        payment_conversion: float | None | Unset
        if isinstance(self.payment_conversion, Unset):
            payment_conversion = UNSET
        else:
            payment_conversion = self.payment_conversion

        return_rate: float | None | Unset
        if isinstance(self.return_rate, Unset):
            return_rate = UNSET
        else:
            return_rate = self.return_rate

        ship_to_sign_hours: dict[str, Any] | Unset = UNSET
        if not isinstance(self.ship_to_sign_hours, Unset):
            ship_to_sign_hours = self.ship_to_sign_hours.to_dict()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "date": date,
        })
        if aov is not UNSET:
            field_dict["aov"] = aov
        if commission is not UNSET:
            field_dict["commission"] = commission
        if complaint_rate is not UNSET:
            field_dict["complaint_rate"] = complaint_rate
        if dispute_rate is not UNSET:
            field_dict["dispute_rate"] = dispute_rate
        if gmv is not UNSET:
            field_dict["gmv"] = gmv
        if hour is not UNSET:
            field_dict["hour"] = hour
        if orders is not UNSET:
            field_dict["orders"] = orders
        if paid_orders is not UNSET:
            field_dict["paid_orders"] = paid_orders
        if payment_conversion is not UNSET:
            field_dict["payment_conversion"] = payment_conversion
        if return_rate is not UNSET:
            field_dict["return_rate"] = return_rate
        if ship_to_sign_hours is not UNSET:
            field_dict["ship_to_sign_hours"] = ship_to_sign_hours

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.hours_stats import HoursStats # noqa: PLC0415
        d = dict(src_dict)
        date = d.pop("date")

        def _parse_aov(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        aov = _parse_aov(d.pop("aov", UNSET))


        commission = d.pop("commission", UNSET)

        def _parse_complaint_rate(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        complaint_rate = _parse_complaint_rate(d.pop("complaint_rate", UNSET))


        def _parse_dispute_rate(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        dispute_rate = _parse_dispute_rate(d.pop("dispute_rate", UNSET))


        gmv = d.pop("gmv", UNSET)

        hour = d.pop("hour", UNSET)

        orders = d.pop("orders", UNSET)

        paid_orders = d.pop("paid_orders", UNSET)

        def _parse_payment_conversion(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        payment_conversion = _parse_payment_conversion(d.pop("payment_conversion", UNSET))


        def _parse_return_rate(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        return_rate = _parse_return_rate(d.pop("return_rate", UNSET))


        _ship_to_sign_hours = d.pop("ship_to_sign_hours", UNSET)
        ship_to_sign_hours: HoursStats | Unset
        if isinstance(_ship_to_sign_hours,  Unset):
            ship_to_sign_hours = UNSET
        else:
            ship_to_sign_hours = HoursStats.from_dict(_ship_to_sign_hours)




        trend_point = cls(
            date=date,
            aov=aov,
            commission=commission,
            complaint_rate=complaint_rate,
            dispute_rate=dispute_rate,
            gmv=gmv,
            hour=hour,
            orders=orders,
            paid_orders=paid_orders,
            payment_conversion=payment_conversion,
            return_rate=return_rate,
            ship_to_sign_hours=ship_to_sign_hours,
        )


        trend_point.additional_properties = d
        return trend_point

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
