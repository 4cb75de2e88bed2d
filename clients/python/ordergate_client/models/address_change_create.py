from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.receiver_in import ReceiverIn





T = TypeVar("T", bound="AddressChangeCreate")



@_attrs_define
class AddressChangeCreate:
    """ 
        Attributes:
            receiver (ReceiverIn):
     """

    receiver: ReceiverIn





    def to_dict(self) -> dict[str, Any]:
        from ..models.receiver_in import ReceiverIn # noqa: PLC0415
        receiver = self.receiver.to_dict()


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "receiver": receiver,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.receiver_in import ReceiverIn # noqa: PLC0415
        d = dict(src_dict)
        receiver = ReceiverIn.from_dict(d.pop("receiver"))




        address_change_create = cls(
            receiver=receiver,
        )

        return address_change_create

