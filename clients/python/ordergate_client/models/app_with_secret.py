from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.client_type import ClientType
from typing import cast
import datetime






T = TypeVar("T", bound="AppWithSecret")



@_attrs_define
class AppWithSecret:
    """ The app just created: the only response that carries its client secret.

        Attributes:
            client_id (str): OAuth client_id
            client_secret (None | str): Client secret of a confidential app, shown only here (never stored in clear); null
                for a public app
            client_type (ClientType): OAuth client type: a confidential app keeps a secret (server side), a public one
                (browser, desktop) cannot and uses PKCE only.
            created_at (datetime.datetime): RFC 3339 UTC
            id (int): App id (used in paths; not the client_id)
            name (str): Shown on the consent page
            private_shop_ids (list[int] | None): A private app (client_credentials) is bound to these shops of its owner;
                null for an app installed through consent
            redirect_uris (list[str]): Allowed redirect URIs
            scope (str): Granted scopes, space-separated in canonical order
     """

    client_id: str
    client_secret: None | str
    client_type: ClientType
    created_at: datetime.datetime
    id: int
    name: str
    private_shop_ids: list[int] | None
    redirect_uris: list[str]
    scope: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        client_id = self.client_id

        client_secret: None | str
        client_secret = self.client_secret

        client_type = self.client_type.value

        created_at = self.created_at.isoformat()

        id = self.id

        name = self.name

        private_shop_ids: list[int] | None
        if isinstance(self.private_shop_ids, list):
            private_shop_ids = self.private_shop_ids


        else:
            private_shop_ids = self.private_shop_ids

        redirect_uris = self.redirect_uris



        scope = self.scope


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "client_id": client_id,
            "client_secret": client_secret,
            "client_type": client_type,
            "created_at": created_at,
            "id": id,
            "name": name,
            "private_shop_ids": private_shop_ids,
            "redirect_uris": redirect_uris,
            "scope": scope,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        client_id = d.pop("client_id")

        def _parse_client_secret(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        client_secret = _parse_client_secret(d.pop("client_secret"))


        client_type = ClientType(d.pop("client_type"))




        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        id = d.pop("id")

        name = d.pop("name")

        def _parse_private_shop_ids(data: object) -> list[int] | None:
            if data is None:
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                private_shop_ids_type_0 = cast(list[int], data)

                return private_shop_ids_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[int] | None, data)

        private_shop_ids = _parse_private_shop_ids(d.pop("private_shop_ids"))


        redirect_uris = cast(list[str], d.pop("redirect_uris"))


        scope = d.pop("scope")

        app_with_secret = cls(
            client_id=client_id,
            client_secret=client_secret,
            client_type=client_type,
            created_at=created_at,
            id=id,
            name=name,
            private_shop_ids=private_shop_ids,
            redirect_uris=redirect_uris,
            scope=scope,
        )


        app_with_secret.additional_properties = d
        return app_with_secret

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
