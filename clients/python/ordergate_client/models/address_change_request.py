from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.address_change_status import AddressChangeStatus
from ..models.decided_by import DecidedBy
from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.receiver import Receiver





T = TypeVar("T", bound="AddressChangeRequest")



@_attrs_define
class AddressChangeRequest:
    """ A buyer's request to ship an unshipped order to another receiver.

        Attributes:
            allowed_actions (list[str]): approve, reject while pending.
            auto_approve_at (datetime.datetime): When a still-pending request on an unshipped order is approved.
            created_at (datetime.datetime): RFC 3339 instant in UTC.
            decided_at (datetime.datetime | None): Null while pending.
            decided_by (DecidedBy | None): `merchant`, or `auto` when the platform settled it; null while pending.
            id (int): Request id (unique within the shop).
            order_id (int): The order whose receiver would change.
            receiver (Receiver): Where the parcel goes. Without `orders:read_pii` name, phone and address come masked.
            reject_reason (None | str): The merchant's reason, or `order_shipped` / `order_closed` when the platform
                rejected it; null unless rejected.
            shop_id (int):
            status (AddressChangeStatus): pending -> approved | rejected (by the merchant, or automatically).
            updated_at (datetime.datetime): RFC 3339 instant in UTC.
            version (int): Bumped by every change (ETag / If-Match).
     """

    allowed_actions: list[str]
    auto_approve_at: datetime.datetime
    created_at: datetime.datetime
    decided_at: datetime.datetime | None
    decided_by: DecidedBy | None
    id: int
    order_id: int
    receiver: Receiver
    reject_reason: None | str
    shop_id: int
    status: AddressChangeStatus
    updated_at: datetime.datetime
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.receiver import Receiver # noqa: PLC0415
        allowed_actions = self.allowed_actions



        auto_approve_at = self.auto_approve_at.isoformat()

        created_at = self.created_at.isoformat()

        decided_at: None | str
        if isinstance(self.decided_at, datetime.datetime):
            decided_at = self.decided_at.isoformat()
        else:
            decided_at = self.decided_at

        decided_by: None | str
        if isinstance(self.decided_by, DecidedBy):
            decided_by = self.decided_by.value
        else:
            decided_by = self.decided_by

        id = self.id

        order_id = self.order_id

        receiver = self.receiver.to_dict()

        reject_reason: None | str
        reject_reason = self.reject_reason

        shop_id = self.shop_id

        status = self.status.value

        updated_at = self.updated_at.isoformat()

        version = self.version


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "allowed_actions": allowed_actions,
            "auto_approve_at": auto_approve_at,
            "created_at": created_at,
            "decided_at": decided_at,
            "decided_by": decided_by,
            "id": id,
            "order_id": order_id,
            "receiver": receiver,
            "reject_reason": reject_reason,
            "shop_id": shop_id,
            "status": status,
            "updated_at": updated_at,
            "version": version,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.receiver import Receiver # noqa: PLC0415
        d = dict(src_dict)
        allowed_actions = cast(list[str], d.pop("allowed_actions"))


        auto_approve_at = datetime.datetime.fromisoformat(d.pop("auto_approve_at"))




        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        def _parse_decided_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                decided_at_type_0 = datetime.datetime.fromisoformat(data)



                return decided_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        decided_at = _parse_decided_at(d.pop("decided_at"))


        def _parse_decided_by(data: object) -> DecidedBy | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                decided_by_type_0 = DecidedBy(data)



                return decided_by_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(DecidedBy | None, data)

        decided_by = _parse_decided_by(d.pop("decided_by"))


        id = d.pop("id")

        order_id = d.pop("order_id")

        receiver = Receiver.from_dict(d.pop("receiver"))




        def _parse_reject_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        reject_reason = _parse_reject_reason(d.pop("reject_reason"))


        shop_id = d.pop("shop_id")

        status = AddressChangeStatus(d.pop("status"))




        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))




        version = d.pop("version")

        address_change_request = cls(
            allowed_actions=allowed_actions,
            auto_approve_at=auto_approve_at,
            created_at=created_at,
            decided_at=decided_at,
            decided_by=decided_by,
            id=id,
            order_id=order_id,
            receiver=receiver,
            reject_reason=reject_reason,
            shop_id=shop_id,
            status=status,
            updated_at=updated_at,
            version=version,
        )


        address_change_request.additional_properties = d
        return address_change_request

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
