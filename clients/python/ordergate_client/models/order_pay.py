from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.pay_method import PayMethod
from ..types import UNSET, Unset
from typing import cast
import datetime






T = TypeVar("T", bound="OrderPay")



@_attrs_define
class OrderPay:
    """ 
        Attributes:
            pay_method (PayMethod): How the buyer paid.
            expected_version (int | None | Unset):
            paid_at (datetime.datetime | None | Unset):
     """

    pay_method: PayMethod
    expected_version: int | None | Unset = UNSET
    paid_at: datetime.datetime | None | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        pay_method = self.pay_method.value

        expected_version: int | None | Unset
        if isinstance(self.expected_version, Unset):
            expected_version = UNSET
        else:
            expected_version = self.expected_version

        paid_at: None | str | Unset
        if isinstance(self.paid_at, Unset):
            paid_at = UNSET
        elif isinstance(self.paid_at, datetime.datetime):
            paid_at = self.paid_at.isoformat()
        else:
            paid_at = self.paid_at


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "pay_method": pay_method,
        })
        if expected_version is not UNSET:
            field_dict["expected_version"] = expected_version
        if paid_at is not UNSET:
            field_dict["paid_at"] = paid_at

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        pay_method = PayMethod(d.pop("pay_method"))




        def _parse_expected_version(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        expected_version = _parse_expected_version(d.pop("expected_version", UNSET))


        def _parse_paid_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                paid_at_type_0 = datetime.datetime.fromisoformat(data)



                return paid_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        paid_at = _parse_paid_at(d.pop("paid_at", UNSET))


        order_pay = cls(
            pay_method=pay_method,
            expected_version=expected_version,
            paid_at=paid_at,
        )

        return order_pay

