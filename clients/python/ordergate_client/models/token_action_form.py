from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.token_action_form_token_type_hint import TokenActionFormTokenTypeHint
from ..types import UNSET, Unset






T = TypeVar("T", bound="TokenActionForm")



@_attrs_define
class TokenActionForm:
    """ ``application/x-www-form-urlencoded`` body of ``/oauth/revoke`` and ``/oauth/introspect``.

        Attributes:
            token (str): An access (`oga_…`) or refresh (`ogr_…`) token.
            client_id (str | Unset): OAuth client id (or HTTP Basic auth).
            client_secret (str | Unset): Client secret (client_secret_post; or HTTP Basic auth).
            token_type_hint (TokenActionFormTokenTypeHint | Unset): Which kind.
     """

    token: str
    client_id: str | Unset = UNSET
    client_secret: str | Unset = UNSET
    token_type_hint: TokenActionFormTokenTypeHint | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        token = self.token

        client_id = self.client_id

        client_secret = self.client_secret

        token_type_hint: str | Unset = UNSET
        if not isinstance(self.token_type_hint, Unset):
            token_type_hint = self.token_type_hint.value



        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "token": token,
        })
        if client_id is not UNSET:
            field_dict["client_id"] = client_id
        if client_secret is not UNSET:
            field_dict["client_secret"] = client_secret
        if token_type_hint is not UNSET:
            field_dict["token_type_hint"] = token_type_hint

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        token = d.pop("token")

        client_id = d.pop("client_id", UNSET)

        client_secret = d.pop("client_secret", UNSET)

        _token_type_hint = d.pop("token_type_hint", UNSET)
        token_type_hint: TokenActionFormTokenTypeHint | Unset
        if isinstance(_token_type_hint,  Unset):
            token_type_hint = UNSET
        else:
            token_type_hint = TokenActionFormTokenTypeHint(_token_type_hint)




        token_action_form = cls(
            token=token,
            client_id=client_id,
            client_secret=client_secret,
            token_type_hint=token_type_hint,
        )


        token_action_form.additional_properties = d
        return token_action_form

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
