from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.role import Role
from ..models.scope import Scope
from typing import cast
import datetime






T = TypeVar("T", bound="StaffMember")



@_attrs_define
class StaffMember:
    """ An account's membership of the shop.

        Attributes:
            account_id (int): The account
            created_at (datetime.datetime): Member since (RFC 3339 UTC)
            display_name (None | str): Name shown in the console
            email (str): Login email
            role (Role): An account's role on a shop; each role allows a fixed set of scopes.
            scopes (list[Scope]): What the role may do on the shop (a token's scopes are further limited to those its app
                was granted)
     """

    account_id: int
    created_at: datetime.datetime
    display_name: None | str
    email: str
    role: Role
    scopes: list[Scope]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        account_id = self.account_id

        created_at = self.created_at.isoformat()

        display_name: None | str
        display_name = self.display_name

        email = self.email

        role = self.role.value

        scopes = []
        for scopes_item_data in self.scopes:
            scopes_item = scopes_item_data.value
            scopes.append(scopes_item)




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "account_id": account_id,
            "created_at": created_at,
            "display_name": display_name,
            "email": email,
            "role": role,
            "scopes": scopes,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        account_id = d.pop("account_id")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        def _parse_display_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        display_name = _parse_display_name(d.pop("display_name"))


        email = d.pop("email")

        role = Role(d.pop("role"))




        scopes = []
        _scopes = d.pop("scopes")
        for scopes_item_data in (_scopes):
            scopes_item = Scope(scopes_item_data)



            scopes.append(scopes_item)


        staff_member = cls(
            account_id=account_id,
            created_at=created_at,
            display_name=display_name,
            email=email,
            role=role,
            scopes=scopes,
        )


        staff_member.additional_properties = d
        return staff_member

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
