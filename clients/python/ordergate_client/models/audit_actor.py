from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.actor_type import ActorType
from typing import cast






T = TypeVar("T", bound="AuditActor")



@_attrs_define
class AuditActor:
    """ Who performed the operation.

        Attributes:
            account_id (int | None): The person (account), when known
            app_id (int | None): The app the token belongs to
            token_id (int | None): The access token used
            type_ (ActorType): Who acts: a person's token, an app's own token (client_credentials), the internal
                ingest API, or the platform itself (jobs, workers).
     """

    account_id: int | None
    app_id: int | None
    token_id: int | None
    type_: ActorType
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        account_id: int | None
        account_id = self.account_id

        app_id: int | None
        app_id = self.app_id

        token_id: int | None
        token_id = self.token_id

        type_ = self.type_.value


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "account_id": account_id,
            "app_id": app_id,
            "token_id": token_id,
            "type": type_,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        def _parse_account_id(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        account_id = _parse_account_id(d.pop("account_id"))


        def _parse_app_id(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        app_id = _parse_app_id(d.pop("app_id"))


        def _parse_token_id(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        token_id = _parse_token_id(d.pop("token_id"))


        type_ = ActorType(d.pop("type"))




        audit_actor = cls(
            account_id=account_id,
            app_id=app_id,
            token_id=token_id,
            type_=type_,
        )


        audit_actor.additional_properties = d
        return audit_actor

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
