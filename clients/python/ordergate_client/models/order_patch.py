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
    """ Merchant edits; each field has its own rule (see OrderService.update).

        Attributes:
            expected_version (int | None | Unset):
            merchant_remark (None | str | Unset): Empty string clears it
            receiver (None | ReceiverIn | Unset): Only before shipment
            shipping_fee (int | None | Unset): Fen; only before payment
     """

    expected_version: int | None | Unset = UNSET
    merchant_remark: None | str | Unset = UNSET
    receiver: None | ReceiverIn | Unset = UNSET
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

        receiver: dict[str, Any] | None | Unset
        if isinstance(self.receiver, Unset):
            receiver = UNSET
        elif isinstance(self.receiver, ReceiverIn):
            receiver = self.receiver.to_dict()
        else:
            receiver = self.receiver

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


        def _parse_receiver(data: object) -> None | ReceiverIn | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                receiver_type_0 = ReceiverIn.from_dict(data)



                return receiver_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ReceiverIn | Unset, data)

        receiver = _parse_receiver(d.pop("receiver", UNSET))


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

