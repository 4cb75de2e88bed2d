from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.rate_limit_buckets_out import RateLimitBucketsOut





T = TypeVar("T", bound="RateLimitOut")



@_attrs_define
class RateLimitOut:
    """ 
        Attributes:
            enabled (bool):
            items (list[RateLimitBucketsOut]):
            per_process (bool):
            tier (str):
     """

    enabled: bool
    items: list[RateLimitBucketsOut]
    per_process: bool
    tier: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.rate_limit_buckets_out import RateLimitBucketsOut # noqa: PLC0415
        enabled = self.enabled

        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)



        per_process = self.per_process

        tier = self.tier


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "enabled": enabled,
            "items": items,
            "per_process": per_process,
            "tier": tier,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.rate_limit_buckets_out import RateLimitBucketsOut # noqa: PLC0415
        d = dict(src_dict)
        enabled = d.pop("enabled")

        items = []
        _items = d.pop("items")
        for items_item_data in (_items):
            items_item = RateLimitBucketsOut.from_dict(items_item_data)



            items.append(items_item)


        per_process = d.pop("per_process")

        tier = d.pop("tier")

        rate_limit_out = cls(
            enabled=enabled,
            items=items,
            per_process=per_process,
            tier=tier,
        )


        rate_limit_out.additional_properties = d
        return rate_limit_out

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
