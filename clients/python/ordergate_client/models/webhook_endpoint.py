from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime






T = TypeVar("T", bound="WebhookEndpoint")



@_attrs_define
class WebhookEndpoint:
    """ A webhook endpoint (its signing secret is never shown again after creation/rotation).

        Attributes:
            created_at (datetime.datetime): RFC 3339 UTC
            description (None | str): Free text for your own use
            disabled_reason (None | str): Why the endpoint was disabled automatically (null when enabled)
            disabled_shop_ids (list[int]): Shops whose merchant switched the endpoint off: their data is not sent, and only
                they can switch it on again (sorted)
            enabled (bool): False when disabled by you or after failing for 5 days
            event_types (list[str]): What the endpoint receives: `*` (every change), a family such as `order.*`, exact
                change types, and `report.daily` / `report.*` (reports are not changes, so `*` does not include them).
            failing_since (datetime.datetime | None): First failure of the current failing streak (RFC 3339 UTC); null when
                the last delivery succeeded
            id (int): Endpoint id
            previous_secret_valid_until (datetime.datetime | None): After a rotation: until when the previous secret still
                signs alongside the new one (RFC 3339 UTC); null otherwise
            shop_ids (list[int]): Shops whose events the endpoint receives (sorted)
            updated_at (datetime.datetime): RFC 3339 UTC
            url (str): Where events are POSTed
            version (int): Bumped on every change
     """

    created_at: datetime.datetime
    description: None | str
    disabled_reason: None | str
    disabled_shop_ids: list[int]
    enabled: bool
    event_types: list[str]
    failing_since: datetime.datetime | None
    id: int
    previous_secret_valid_until: datetime.datetime | None
    shop_ids: list[int]
    updated_at: datetime.datetime
    url: str
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        created_at = self.created_at.isoformat()

        description: None | str
        description = self.description

        disabled_reason: None | str
        disabled_reason = self.disabled_reason

        disabled_shop_ids = self.disabled_shop_ids



        enabled = self.enabled

        event_types = self.event_types



        failing_since: None | str
        if isinstance(self.failing_since, datetime.datetime):
            failing_since = self.failing_since.isoformat()
        else:
            failing_since = self.failing_since

        id = self.id

        previous_secret_valid_until: None | str
        if isinstance(self.previous_secret_valid_until, datetime.datetime):
            previous_secret_valid_until = self.previous_secret_valid_until.isoformat()
        else:
            previous_secret_valid_until = self.previous_secret_valid_until

        shop_ids = self.shop_ids



        updated_at = self.updated_at.isoformat()

        url = self.url

        version = self.version


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "created_at": created_at,
            "description": description,
            "disabled_reason": disabled_reason,
            "disabled_shop_ids": disabled_shop_ids,
            "enabled": enabled,
            "event_types": event_types,
            "failing_since": failing_since,
            "id": id,
            "previous_secret_valid_until": previous_secret_valid_until,
            "shop_ids": shop_ids,
            "updated_at": updated_at,
            "url": url,
            "version": version,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        def _parse_description(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        description = _parse_description(d.pop("description"))


        def _parse_disabled_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        disabled_reason = _parse_disabled_reason(d.pop("disabled_reason"))


        disabled_shop_ids = cast(list[int], d.pop("disabled_shop_ids"))


        enabled = d.pop("enabled")

        event_types = cast(list[str], d.pop("event_types"))


        def _parse_failing_since(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                failing_since_type_0 = datetime.datetime.fromisoformat(data)



                return failing_since_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        failing_since = _parse_failing_since(d.pop("failing_since"))


        id = d.pop("id")

        def _parse_previous_secret_valid_until(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                previous_secret_valid_until_type_0 = datetime.datetime.fromisoformat(data)



                return previous_secret_valid_until_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        previous_secret_valid_until = _parse_previous_secret_valid_until(d.pop("previous_secret_valid_until"))


        shop_ids = cast(list[int], d.pop("shop_ids"))


        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))




        url = d.pop("url")

        version = d.pop("version")

        webhook_endpoint = cls(
            created_at=created_at,
            description=description,
            disabled_reason=disabled_reason,
            disabled_shop_ids=disabled_shop_ids,
            enabled=enabled,
            event_types=event_types,
            failing_since=failing_since,
            id=id,
            previous_secret_valid_until=previous_secret_valid_until,
            shop_ids=shop_ids,
            updated_at=updated_at,
            url=url,
            version=version,
        )


        webhook_endpoint.additional_properties = d
        return webhook_endpoint

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
