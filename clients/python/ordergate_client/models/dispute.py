from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.dispute_kind import DisputeKind
from ..models.dispute_status import DisputeStatus
from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.review_window import ReviewWindow





T = TypeVar("T", bound="Dispute")



@_attrs_define
class Dispute:
    """ A logistics dispute or a malicious-claim appeal on an order, reviewed by the platform.

        Attributes:
            after_sale_id (int | None): The after-sale it contests, if any.
            allowed_actions (list[str]): What can happen next: add_evidence, submit (merchant); win, lose (the platform's
                decision).
            created_at (datetime.datetime): RFC 3339 instant in UTC.
            decided_at (datetime.datetime | None): When the platform decided.
            description (str): The merchant's account of the case.
            id (int): Dispute id (unique within the shop).
            kind (DisputeKind): A logistics dispute or an appeal against a malicious claim.
            order_id (int):
            review_due_at (datetime.datetime | None): The platform decides by then (once submitted).
            review_window (None | ReviewWindow): The decision window once submitted, else null.
            shop_id (int):
            status (DisputeStatus): open -> evidence_submitted -> under_review -> won | lost.
            submitted_at (datetime.datetime | None): Submitted for review, or null.
            updated_at (datetime.datetime): RFC 3339 instant in UTC.
            version (int): Bumped by every change (ETag / If-Match).
     """

    after_sale_id: int | None
    allowed_actions: list[str]
    created_at: datetime.datetime
    decided_at: datetime.datetime | None
    description: str
    id: int
    kind: DisputeKind
    order_id: int
    review_due_at: datetime.datetime | None
    review_window: None | ReviewWindow
    shop_id: int
    status: DisputeStatus
    submitted_at: datetime.datetime | None
    updated_at: datetime.datetime
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.review_window import ReviewWindow # noqa: PLC0415
        after_sale_id: int | None
        after_sale_id = self.after_sale_id

        allowed_actions = self.allowed_actions



        created_at = self.created_at.isoformat()

        decided_at: None | str
        if isinstance(self.decided_at, datetime.datetime):
            decided_at = self.decided_at.isoformat()
        else:
            decided_at = self.decided_at

        description = self.description

        id = self.id

        kind = self.kind.value

        order_id = self.order_id

        review_due_at: None | str
        if isinstance(self.review_due_at, datetime.datetime):
            review_due_at = self.review_due_at.isoformat()
        else:
            review_due_at = self.review_due_at

        review_window: dict[str, Any] | None
        if isinstance(self.review_window, ReviewWindow):
            review_window = self.review_window.to_dict()
        else:
            review_window = self.review_window

        shop_id = self.shop_id

        status = self.status.value

        submitted_at: None | str
        if isinstance(self.submitted_at, datetime.datetime):
            submitted_at = self.submitted_at.isoformat()
        else:
            submitted_at = self.submitted_at

        updated_at = self.updated_at.isoformat()

        version = self.version


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "after_sale_id": after_sale_id,
            "allowed_actions": allowed_actions,
            "created_at": created_at,
            "decided_at": decided_at,
            "description": description,
            "id": id,
            "kind": kind,
            "order_id": order_id,
            "review_due_at": review_due_at,
            "review_window": review_window,
            "shop_id": shop_id,
            "status": status,
            "submitted_at": submitted_at,
            "updated_at": updated_at,
            "version": version,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.review_window import ReviewWindow # noqa: PLC0415
        d = dict(src_dict)
        def _parse_after_sale_id(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        after_sale_id = _parse_after_sale_id(d.pop("after_sale_id"))


        allowed_actions = cast(list[str], d.pop("allowed_actions"))


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


        description = d.pop("description")

        id = d.pop("id")

        kind = DisputeKind(d.pop("kind"))




        order_id = d.pop("order_id")

        def _parse_review_due_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                review_due_at_type_0 = datetime.datetime.fromisoformat(data)



                return review_due_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        review_due_at = _parse_review_due_at(d.pop("review_due_at"))


        def _parse_review_window(data: object) -> None | ReviewWindow:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                review_window_type_0 = ReviewWindow.from_dict(data)



                return review_window_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ReviewWindow, data)

        review_window = _parse_review_window(d.pop("review_window"))


        shop_id = d.pop("shop_id")

        status = DisputeStatus(d.pop("status"))




        def _parse_submitted_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                submitted_at_type_0 = datetime.datetime.fromisoformat(data)



                return submitted_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        submitted_at = _parse_submitted_at(d.pop("submitted_at"))


        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))




        version = d.pop("version")

        dispute = cls(
            after_sale_id=after_sale_id,
            allowed_actions=allowed_actions,
            created_at=created_at,
            decided_at=decided_at,
            description=description,
            id=id,
            kind=kind,
            order_id=order_id,
            review_due_at=review_due_at,
            review_window=review_window,
            shop_id=shop_id,
            status=status,
            submitted_at=submitted_at,
            updated_at=updated_at,
            version=version,
        )


        dispute.additional_properties = d
        return dispute

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
