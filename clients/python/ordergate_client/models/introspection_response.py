from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.introspection_response_token_type import IntrospectionResponseTokenType
from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="IntrospectionResponse")



@_attrs_define
class IntrospectionResponse:
    """ RFC 7662 introspection response: only ``active`` when the token is not active (unknown,
    expired, revoked or another client's).

        Attributes:
            active (bool): The token is valid now.
            client_id (str | Unset): OAuth client id (or HTTP Basic auth).
            exp (int | None | Unset): Expiry (Unix seconds).
            iat (int | Unset): Issued at (Unix seconds).
            scope (str | Unset): Space-separated scopes.
            shop_ids (list[int] | Unset): The shops the token may touch.
            sub (None | str | Unset): Account id the token acts for; null (client_credentials).
            token_type (IntrospectionResponseTokenType | Unset): `Bearer` (access token) or `refresh_token`.
     """

    active: bool
    client_id: str | Unset = UNSET
    exp: int | None | Unset = UNSET
    iat: int | Unset = UNSET
    scope: str | Unset = UNSET
    shop_ids: list[int] | Unset = UNSET
    sub: None | str | Unset = UNSET
    token_type: IntrospectionResponseTokenType | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        active = self.active

        client_id = self.client_id

        exp: int | None | Unset
        if isinstance(self.exp, Unset):
            exp = UNSET
        else:
            exp = self.exp

        iat = self.iat

        scope = self.scope

        shop_ids: list[int] | Unset = UNSET
        if not isinstance(self.shop_ids, Unset):
            shop_ids = self.shop_ids



        sub: None | str | Unset
        if isinstance(self.sub, Unset):
            sub = UNSET
        else:
            sub = self.sub

        token_type: str | Unset = UNSET
        if not isinstance(self.token_type, Unset):
            token_type = self.token_type.value



        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "active": active,
        })
        if client_id is not UNSET:
            field_dict["client_id"] = client_id
        if exp is not UNSET:
            field_dict["exp"] = exp
        if iat is not UNSET:
            field_dict["iat"] = iat
        if scope is not UNSET:
            field_dict["scope"] = scope
        if shop_ids is not UNSET:
            field_dict["shop_ids"] = shop_ids
        if sub is not UNSET:
            field_dict["sub"] = sub
        if token_type is not UNSET:
            field_dict["token_type"] = token_type

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        active = d.pop("active")

        client_id = d.pop("client_id", UNSET)

        def _parse_exp(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        exp = _parse_exp(d.pop("exp", UNSET))


        iat = d.pop("iat", UNSET)

        scope = d.pop("scope", UNSET)

        shop_ids = cast(list[int], d.pop("shop_ids", UNSET))


        def _parse_sub(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        sub = _parse_sub(d.pop("sub", UNSET))


        _token_type = d.pop("token_type", UNSET)
        token_type: IntrospectionResponseTokenType | Unset
        if isinstance(_token_type,  Unset):
            token_type = UNSET
        else:
            token_type = IntrospectionResponseTokenType(_token_type)




        introspection_response = cls(
            active=active,
            client_id=client_id,
            exp=exp,
            iat=iat,
            scope=scope,
            shop_ids=shop_ids,
            sub=sub,
            token_type=token_type,
        )


        introspection_response.additional_properties = d
        return introspection_response

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
