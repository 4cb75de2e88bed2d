from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset







T = TypeVar("T", bound="RateLimitBucket")



@_attrs_define
class RateLimitBucket:
    """ One window of a bucket (a points budget per minute, a request burst cap per second).

        Attributes:
            limit (int): Budget per window.
            name (str): Which limit.
            remaining (int): Left in this window.
            reset_seconds (int): Seconds until the window has its budget back.
            window_seconds (int): Window length.
     """

    limit: int
    name: str
    remaining: int
    reset_seconds: int
    window_seconds: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        limit = self.limit

        name = self.name

        remaining = self.remaining

        reset_seconds = self.reset_seconds

        window_seconds = self.window_seconds


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "limit": limit,
            "name": name,
            "remaining": remaining,
            "reset_seconds": reset_seconds,
            "window_seconds": window_seconds,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        limit = d.pop("limit")

        name = d.pop("name")

        remaining = d.pop("remaining")

        reset_seconds = d.pop("reset_seconds")

        window_seconds = d.pop("window_seconds")

        rate_limit_bucket = cls(
            limit=limit,
            name=name,
            remaining=remaining,
            reset_seconds=reset_seconds,
            window_seconds=window_seconds,
        )


        rate_limit_bucket.additional_properties = d
        return rate_limit_bucket

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
