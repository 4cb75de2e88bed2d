from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.endpoint_app import EndpointApp





T = TypeVar("T", bound="ShopWebhookEndpoint")



@_attrs_define
class ShopWebhookEndpoint:
    """ An endpoint receiving the shop's data, as the merchant sees it (any app's; no secret,
    no other shops, the URL without its query string).

        Attributes:
            app (EndpointApp | None): Null for an endpoint made by a tool
            created_at (datetime.datetime): RFC 3339, UTC
            created_by_account_id (int | None): The account whose grant it rides on
            description (None | str):
            disabled_reason (None | str): Why the endpoint is off (the app's or the platform's)
            enabled (bool): The app's own switch
            enabled_for_shop (bool): The merchant's switch for this shop
            event_types (list[str]): What the endpoint receives: `*` (every change), a family such as `order.*`, exact
                change types, and `report.daily` / `report.*` (reports are not changes, so `*` does not include them).
            id (int): Endpoint id
            receiving (bool): Both switches on and the creator's grant live: data flows
            updated_at (datetime.datetime): RFC 3339, UTC
            url (str):
            version (int):
     """

    app: EndpointApp | None
    created_at: datetime.datetime
    created_by_account_id: int | None
    description: None | str
    disabled_reason: None | str
    enabled: bool
    enabled_for_shop: bool
    event_types: list[str]
    id: int
    receiving: bool
    updated_at: datetime.datetime
    url: str
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.endpoint_app import EndpointApp # noqa: PLC0415
        app: dict[str, Any] | None
        if isinstance(self.app, EndpointApp):
            app = self.app.to_dict()
        else:
            app = self.app

        created_at = self.created_at.isoformat()

        created_by_account_id: int | None
        created_by_account_id = self.created_by_account_id

        description: None | str
        description = self.description

        disabled_reason: None | str
        disabled_reason = self.disabled_reason

        enabled = self.enabled

        enabled_for_shop = self.enabled_for_shop

        event_types = self.event_types



        id = self.id

        receiving = self.receiving

        updated_at = self.updated_at.isoformat()

        url = self.url

        version = self.version


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "app": app,
            "created_at": created_at,
            "created_by_account_id": created_by_account_id,
            "description": description,
            "disabled_reason": disabled_reason,
            "enabled": enabled,
            "enabled_for_shop": enabled_for_shop,
            "event_types": event_types,
            "id": id,
            "receiving": receiving,
            "updated_at": updated_at,
            "url": url,
            "version": version,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.endpoint_app import EndpointApp # noqa: PLC0415
        d = dict(src_dict)
        def _parse_app(data: object) -> EndpointApp | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                app_type_0 = EndpointApp.from_dict(data)



                return app_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(EndpointApp | None, data)

        app = _parse_app(d.pop("app"))


        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        def _parse_created_by_account_id(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        created_by_account_id = _parse_created_by_account_id(d.pop("created_by_account_id"))


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


        enabled = d.pop("enabled")

        enabled_for_shop = d.pop("enabled_for_shop")

        event_types = cast(list[str], d.pop("event_types"))


        id = d.pop("id")

        receiving = d.pop("receiving")

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))




        url = d.pop("url")

        version = d.pop("version")

        shop_webhook_endpoint = cls(
            app=app,
            created_at=created_at,
            created_by_account_id=created_by_account_id,
            description=description,
            disabled_reason=disabled_reason,
            enabled=enabled,
            enabled_for_shop=enabled_for_shop,
            event_types=event_types,
            id=id,
            receiving=receiving,
            updated_at=updated_at,
            url=url,
            version=version,
        )


        shop_webhook_endpoint.additional_properties = d
        return shop_webhook_endpoint

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
