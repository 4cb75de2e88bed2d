from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime






T = TypeVar("T", bound="ReviewWindow")



@_attrs_define
class ReviewWindow:
    """ When the platform decides a submitted dispute: between ``earliest`` and ``latest``.

        Attributes:
            business_days (str): The window in business days.
            earliest (datetime.datetime): Earliest decision: 3 business days after submission.
            latest (datetime.datetime): Decision due by (= review_due_at): 5 business days after submission.
            timezone (str): The shop's timezone the business days are counted in.
     """

    business_days: str
    earliest: datetime.datetime
    latest: datetime.datetime
    timezone: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        business_days = self.business_days

        earliest = self.earliest.isoformat()

        latest = self.latest.isoformat()

        timezone = self.timezone


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "business_days": business_days,
            "earliest": earliest,
            "latest": latest,
            "timezone": timezone,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        business_days = d.pop("business_days")

        earliest = datetime.datetime.fromisoformat(d.pop("earliest"))




        latest = datetime.datetime.fromisoformat(d.pop("latest"))




        timezone = d.pop("timezone")

        review_window = cls(
            business_days=business_days,
            earliest=earliest,
            latest=latest,
            timezone=timezone,
        )


        review_window.additional_properties = d
        return review_window

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
