from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset






T = TypeVar("T", bound="OAuthError")



@_attrs_define
class OAuthError:
    """ RFC 6749 §5.2 error (``application/json``), with OrderGate's problem fields alongside
    (``code`` is the OAuth ``error``).

        Attributes:
            code (str): Same as `error`.
            detail (str):
            error (str): `invalid_request`, `invalid_client`, `invalid_grant`, `unauthorized_client`,
                `unsupported_grant_type`, `invalid_scope` or `unsupported_token_type`.
            status (int):
            title (str):
            type_ (str):
            error_description (str | Unset): Human-readable detail.
            error_uri (str | Unset):
            state (str | Unset):
     """

    code: str
    detail: str
    error: str
    status: int
    title: str
    type_: str
    error_description: str | Unset = UNSET
    error_uri: str | Unset = UNSET
    state: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        code = self.code

        detail = self.detail

        error = self.error

        status = self.status

        title = self.title

        type_ = self.type_

        error_description = self.error_description

        error_uri = self.error_uri

        state = self.state


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "code": code,
            "detail": detail,
            "error": error,
            "status": status,
            "title": title,
            "type": type_,
        })
        if error_description is not UNSET:
            field_dict["error_description"] = error_description
        if error_uri is not UNSET:
            field_dict["error_uri"] = error_uri
        if state is not UNSET:
            field_dict["state"] = state

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        code = d.pop("code")

        detail = d.pop("detail")

        error = d.pop("error")

        status = d.pop("status")

        title = d.pop("title")

        type_ = d.pop("type")

        error_description = d.pop("error_description", UNSET)

        error_uri = d.pop("error_uri", UNSET)

        state = d.pop("state", UNSET)

        o_auth_error = cls(
            code=code,
            detail=detail,
            error=error,
            status=status,
            title=title,
            type_=type_,
            error_description=error_description,
            error_uri=error_uri,
            state=state,
        )


        o_auth_error.additional_properties = d
        return o_auth_error

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
