from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime






T = TypeVar("T", bound="Grant")



@_attrs_define
class Grant:
    """ An app installed on a shop by an account (consent or private app).

        Attributes:
            account_id (int): The account that installed it
            app_id (int): The app's id
            app_name (str): The app's name
            client_id (str): The app's OAuth client_id
            created_at (datetime.datetime): Installed at (RFC 3339 UTC)
            scope (str): Granted scopes, space-separated in canonical order
     """

    account_id: int
    app_id: int
    app_name: str
    client_id: str
    created_at: datetime.datetime
    scope: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        account_id = self.account_id

        app_id = self.app_id

        app_name = self.app_name

        client_id = self.client_id

        created_at = self.created_at.isoformat()

        scope = self.scope


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "account_id": account_id,
            "app_id": app_id,
            "app_name": app_name,
            "client_id": client_id,
            "created_at": created_at,
            "scope": scope,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        account_id = d.pop("account_id")

        app_id = d.pop("app_id")

        app_name = d.pop("app_name")

        client_id = d.pop("client_id")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        scope = d.pop("scope")

        grant = cls(
            account_id=account_id,
            app_id=app_id,
            app_name=app_name,
            client_id=client_id,
            created_at=created_at,
            scope=scope,
        )


        grant.additional_properties = d
        return grant

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
