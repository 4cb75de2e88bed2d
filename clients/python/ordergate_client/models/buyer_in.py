from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset







T = TypeVar("T", bound="BuyerIn")



@_attrs_define
class BuyerIn:
    """ 
        Attributes:
            id (str):
            nickname (str):
     """

    id: str
    nickname: str





    def to_dict(self) -> dict[str, Any]:
        id = self.id

        nickname = self.nickname


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "id": id,
            "nickname": nickname,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        nickname = d.pop("nickname")

        buyer_in = cls(
            id=id,
            nickname=nickname,
        )

        return buyer_in

