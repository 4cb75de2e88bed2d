from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.client_type import ClientType
from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="AppCreate")



@_attrs_define
class AppCreate:
    """ 
        Attributes:
            name (str):
            client_type (ClientType | Unset): OAuth client type: a confidential app keeps a secret (server side), a public
                one
                (browser, desktop) cannot and uses PKCE only.
            private_shop_ids (list[int] | None | Unset): A private app (client_credentials) bound to these shops you own
            redirect_uris (list[str] | Unset):
            scope (str | Unset): Scopes separated by one space, or `all` Default: 'all'.
     """

    name: str
    client_type: ClientType | Unset = UNSET
    private_shop_ids: list[int] | None | Unset = UNSET
    redirect_uris: list[str] | Unset = UNSET
    scope: str | Unset = 'all'





    def to_dict(self) -> dict[str, Any]:
        name = self.name

        client_type: str | Unset = UNSET
        if not isinstance(self.client_type, Unset):
            client_type = self.client_type.value


        private_shop_ids: list[int] | None | Unset
        if isinstance(self.private_shop_ids, Unset):
            private_shop_ids = UNSET
        elif isinstance(self.private_shop_ids, list):
            private_shop_ids = self.private_shop_ids


        else:
            private_shop_ids = self.private_shop_ids

        redirect_uris: list[str] | Unset = UNSET
        if not isinstance(self.redirect_uris, Unset):
            redirect_uris = self.redirect_uris



        scope = self.scope


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "name": name,
        })
        if client_type is not UNSET:
            field_dict["client_type"] = client_type
        if private_shop_ids is not UNSET:
            field_dict["private_shop_ids"] = private_shop_ids
        if redirect_uris is not UNSET:
            field_dict["redirect_uris"] = redirect_uris
        if scope is not UNSET:
            field_dict["scope"] = scope

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        _client_type = d.pop("client_type", UNSET)
        client_type: ClientType | Unset
        if isinstance(_client_type,  Unset):
            client_type = UNSET
        else:
            client_type = ClientType(_client_type)




        def _parse_private_shop_ids(data: object) -> list[int] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                private_shop_ids_type_0 = cast(list[int], data)

                return private_shop_ids_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[int] | None | Unset, data)

        private_shop_ids = _parse_private_shop_ids(d.pop("private_shop_ids", UNSET))


        redirect_uris = cast(list[str], d.pop("redirect_uris", UNSET))


        scope = d.pop("scope", UNSET)

        app_create = cls(
            name=name,
            client_type=client_type,
            private_shop_ids=private_shop_ids,
            redirect_uris=redirect_uris,
            scope=scope,
        )

        return app_create

