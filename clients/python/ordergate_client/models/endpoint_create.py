from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="EndpointCreate")



@_attrs_define
class EndpointCreate:
    """ 
        Attributes:
            shop_ids (list[int]):
            url (str): https (http only to loopback in development); public hosts only
            description (None | str | Unset):
            enabled (bool | Unset):  Default: True.
            event_types (list[str] | Unset): `*`, a family (`order.*`), exact change types, `report.daily` or `report.*`
     """

    shop_ids: list[int]
    url: str
    description: None | str | Unset = UNSET
    enabled: bool | Unset = True
    event_types: list[str] | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        shop_ids = self.shop_ids



        url = self.url

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        enabled = self.enabled

        event_types: list[str] | Unset = UNSET
        if not isinstance(self.event_types, Unset):
            event_types = self.event_types




        field_dict: dict[str, Any] = {}

        field_dict.update({
            "shop_ids": shop_ids,
            "url": url,
        })
        if description is not UNSET:
            field_dict["description"] = description
        if enabled is not UNSET:
            field_dict["enabled"] = enabled
        if event_types is not UNSET:
            field_dict["event_types"] = event_types

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        shop_ids = cast(list[int], d.pop("shop_ids"))


        url = d.pop("url")

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))


        enabled = d.pop("enabled", UNSET)

        event_types = cast(list[str], d.pop("event_types", UNSET))


        endpoint_create = cls(
            shop_ids=shop_ids,
            url=url,
            description=description,
            enabled=enabled,
            event_types=event_types,
        )

        return endpoint_create

