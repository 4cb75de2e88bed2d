from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.complaint_kind import ComplaintKind
from ..models.complaint_status import ComplaintStatus
from typing import cast
import datetime






T = TypeVar("T", bound="Complaint")



@_attrs_define
class Complaint:
    """ A buyer's complaint (投诉) about an order, and the merchant's response.

        Attributes:
            allowed_actions (list[str]): respond while open.
            created_at (datetime.datetime): RFC 3339 instant in UTC.
            description (str): The buyer's words.
            id (int): Complaint id (unique within the shop).
            kind (ComplaintKind): What the buyer complains about.
            order_id (int): The order complained about.
            responded_at (datetime.datetime | None): Null while open.
            response (None | str): The merchant's answer; null while open.
            shop_id (int):
            status (ComplaintStatus): open -> responded (the merchant's answer).
            updated_at (datetime.datetime): RFC 3339 instant in UTC.
            version (int): Bumped by every change (ETag / If-Match).
     """

    allowed_actions: list[str]
    created_at: datetime.datetime
    description: str
    id: int
    kind: ComplaintKind
    order_id: int
    responded_at: datetime.datetime | None
    response: None | str
    shop_id: int
    status: ComplaintStatus
    updated_at: datetime.datetime
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        allowed_actions = self.allowed_actions



        created_at = self.created_at.isoformat()

        description = self.description

        id = self.id

        kind = self.kind.value

        order_id = self.order_id

        responded_at: None | str
        if isinstance(self.responded_at, datetime.datetime):
            responded_at = self.responded_at.isoformat()
        else:
            responded_at = self.responded_at

        response: None | str
        response = self.response

        shop_id = self.shop_id

        status = self.status.value

        updated_at = self.updated_at.isoformat()

        version = self.version


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "allowed_actions": allowed_actions,
            "created_at": created_at,
            "description": description,
            "id": id,
            "kind": kind,
            "order_id": order_id,
            "responded_at": responded_at,
            "response": response,
            "shop_id": shop_id,
            "status": status,
            "updated_at": updated_at,
            "version": version,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        allowed_actions = cast(list[str], d.pop("allowed_actions"))


        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        description = d.pop("description")

        id = d.pop("id")

        kind = ComplaintKind(d.pop("kind"))




        order_id = d.pop("order_id")

        def _parse_responded_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                responded_at_type_0 = datetime.datetime.fromisoformat(data)



                return responded_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        responded_at = _parse_responded_at(d.pop("responded_at"))


        def _parse_response(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        response = _parse_response(d.pop("response"))


        shop_id = d.pop("shop_id")

        status = ComplaintStatus(d.pop("status"))




        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))




        version = d.pop("version")

        complaint = cls(
            allowed_actions=allowed_actions,
            created_at=created_at,
            description=description,
            id=id,
            kind=kind,
            order_id=order_id,
            responded_at=responded_at,
            response=response,
            shop_id=shop_id,
            status=status,
            updated_at=updated_at,
            version=version,
        )


        complaint.additional_properties = d
        return complaint

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
