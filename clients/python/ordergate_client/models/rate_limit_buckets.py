from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.rate_limit_bucket import RateLimitBucket





T = TypeVar("T", bound="RateLimitBuckets")



@_attrs_define
class RateLimitBuckets:
    """ The buckets one kind of request is charged to.

        Attributes:
            buckets (list[RateLimitBucket]):
            key (str): The bucket's key.
            shop_id (int | None): The shop whose requests go here; null for requests spanning shops (`GET /v1/orders`,
                multi-shop GraphQL).
     """

    buckets: list[RateLimitBucket]
    key: str
    shop_id: int | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.rate_limit_bucket import RateLimitBucket # noqa: PLC0415
        buckets = []
        for buckets_item_data in self.buckets:
            buckets_item = buckets_item_data.to_dict()
            buckets.append(buckets_item)



        key = self.key

        shop_id: int | None
        shop_id = self.shop_id


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "buckets": buckets,
            "key": key,
            "shop_id": shop_id,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.rate_limit_bucket import RateLimitBucket # noqa: PLC0415
        d = dict(src_dict)
        buckets = []
        _buckets = d.pop("buckets")
        for buckets_item_data in (_buckets):
            buckets_item = RateLimitBucket.from_dict(buckets_item_data)



            buckets.append(buckets_item)


        key = d.pop("key")

        def _parse_shop_id(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        shop_id = _parse_shop_id(d.pop("shop_id"))


        rate_limit_buckets = cls(
            buckets=buckets,
            key=key,
            shop_id=shop_id,
        )


        rate_limit_buckets.additional_properties = d
        return rate_limit_buckets

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
