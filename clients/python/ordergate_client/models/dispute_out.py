from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast






T = TypeVar("T", bound="DisputeOut")



@_attrs_define
class DisputeOut:
    """ 
        Attributes:
            allowed_actions (list[str]):
            id (int):
            kind (str):
            order_id (int):
            review_due_at (None | str):
            shop_id (int):
            status (str):
            version (int):
     """

    allowed_actions: list[str]
    id: int
    kind: str
    order_id: int
    review_due_at: None | str
    shop_id: int
    status: str
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        allowed_actions = self.allowed_actions



        id = self.id

        kind = self.kind

        order_id = self.order_id

        review_due_at: None | str
        review_due_at = self.review_due_at

        shop_id = self.shop_id

        status = self.status

        version = self.version


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "allowed_actions": allowed_actions,
            "id": id,
            "kind": kind,
            "order_id": order_id,
            "review_due_at": review_due_at,
            "shop_id": shop_id,
            "status": status,
            "version": version,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        allowed_actions = cast(list[str], d.pop("allowed_actions"))


        id = d.pop("id")

        kind = d.pop("kind")

        order_id = d.pop("order_id")

        def _parse_review_due_at(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        review_due_at = _parse_review_due_at(d.pop("review_due_at"))


        shop_id = d.pop("shop_id")

        status = d.pop("status")

        version = d.pop("version")

        dispute_out = cls(
            allowed_actions=allowed_actions,
            id=id,
            kind=kind,
            order_id=order_id,
            review_due_at=review_due_at,
            shop_id=shop_id,
            status=status,
            version=version,
        )


        dispute_out.additional_properties = d
        return dispute_out

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
