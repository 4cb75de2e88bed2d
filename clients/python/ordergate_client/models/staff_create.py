from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.staff_create_role import StaffCreateRole
from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="StaffCreate")



@_attrs_define
class StaffCreate:
    """ 
        Attributes:
            email (str):
            role (StaffCreateRole):
            display_name (None | str | Unset):
            password (None | str | Unset): Only for a new account
     """

    email: str
    role: StaffCreateRole
    display_name: None | str | Unset = UNSET
    password: None | str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        email = self.email

        role = self.role.value

        display_name: None | str | Unset
        if isinstance(self.display_name, Unset):
            display_name = UNSET
        else:
            display_name = self.display_name

        password: None | str | Unset
        if isinstance(self.password, Unset):
            password = UNSET
        else:
            password = self.password


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "email": email,
            "role": role,
        })
        if display_name is not UNSET:
            field_dict["display_name"] = display_name
        if password is not UNSET:
            field_dict["password"] = password

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        email = d.pop("email")

        role = StaffCreateRole(d.pop("role"))




        def _parse_display_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        display_name = _parse_display_name(d.pop("display_name", UNSET))


        def _parse_password(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        password = _parse_password(d.pop("password", UNSET))


        staff_create = cls(
            email=email,
            role=role,
            display_name=display_name,
            password=password,
        )

        return staff_create

