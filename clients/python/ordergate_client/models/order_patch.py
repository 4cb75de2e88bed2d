from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.receiver_in import ReceiverIn





T = TypeVar("T", bound="OrderPatch")



@_attrs_define
class OrderPatch:
    """ Merchant edits; each field has its own rule (see its description). Send at least
    one of ``shipping_fee``, ``merchant_remark`` and ``receiver``: otherwise 422
    validation_error ("Nothing to change").

        Attributes:
            expected_version (int | None | Unset):
            merchant_remark (None | str | Unset): Empty string clears it
            receiver (ReceiverIn | Unset):
            shipping_fee (int | None | Unset): Fen; only before payment
     """

    expected_version: int | None | Unset = UNSET
    merchant_remark: None | str | Unset = UNSET
    receiver: ReceiverIn | Unset = UNSET
    shipping_fee: int | None | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.receiver_in import ReceiverIn # noqa: PLC0415
        expected_version: int | None | Unset
        if isinstance(self.expected_version, Unset):
            expected_version = UNSET
        else:
            expected_version = self.expected_version

        merchant_remark: None | str | Unset
        if isinstance(self.merchant_remark, Unset):
            merchant_remark = UNSET
        else:
            merchant_remark = self.merchant_remark

        receiver: dict[str, Any] | Unset = UNSET
        if not isinstance(self.receiver, Unset):
            receiver = self.receiver.to_dict()

        shipping_fee: int | None | Unset
        if isinstance(self.shipping_fee, Unset):
            shipping_fee = UNSET
        else:
            shipping_fee = self.shipping_fee


        field_dict: dict[str, Any] = {}

        field_dict.update({
        })
        if expected_version is not UNSET:
            field_dict["expected_version"] = expected_version
        if merchant_remark is not UNSET:
            field_dict["merchant_remark"] = merchant_remark
        if receiver is not UNSET:
            field_dict["receiver"] = receiver
        if shipping_fee is not UNSET:
            field_dict["shipping_fee"] = shipping_fee

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.receiver_in import ReceiverIn # noqa: PLC0415
        d = dict(src_dict)
        def _parse_expected_version(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        expected_version = _parse_expected_version(d.pop("expected_version", UNSET))


        def _parse_merchant_remark(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        merchant_remark = _parse_merchant_remark(d.pop("merchant_remark", UNSET))


        _receiver = d.pop("receiver", UNSET)
        receiver: ReceiverIn | Unset
        if isinstance(_receiver,  Unset):
            receiver = UNSET
        else:
            receiver = ReceiverIn.from_dict(_receiver)




        def _parse_shipping_fee(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        shipping_fee = _parse_shipping_fee(d.pop("shipping_fee", UNSET))


        order_patch = cls(
            expected_version=expected_version,
            merchant_remark=merchant_remark,
            receiver=receiver,
            shipping_fee=shipping_fee,
        )

        return order_patch

