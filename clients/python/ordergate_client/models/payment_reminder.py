from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime






T = TypeVar("T", bound="PaymentReminder")



@_attrs_define
class PaymentReminder:
    """ 
        Attributes:
            actor (None | str): Who sent it (account:<id> or app:<client id>).
            coupon_code (None | str):
            created_at (datetime.datetime): RFC 3339 instant in UTC.
            id (int):
            message (None | str):
     """

    actor: None | str
    coupon_code: None | str
    created_at: datetime.datetime
    id: int
    message: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        actor: None | str
        actor = self.actor

        coupon_code: None | str
        coupon_code = self.coupon_code

        created_at = self.created_at.isoformat()

        id = self.id

        message: None | str
        message = self.message


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "actor": actor,
            "coupon_code": coupon_code,
            "created_at": created_at,
            "id": id,
            "message": message,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        def _parse_actor(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        actor = _parse_actor(d.pop("actor"))


        def _parse_coupon_code(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        coupon_code = _parse_coupon_code(d.pop("coupon_code"))


        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        id = d.pop("id")

        def _parse_message(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        message = _parse_message(d.pop("message"))


        payment_reminder = cls(
            actor=actor,
            coupon_code=coupon_code,
            created_at=created_at,
            id=id,
            message=message,
        )


        payment_reminder.additional_properties = d
        return payment_reminder

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
