from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset







T = TypeVar("T", bound="FunnelStages")



@_attrs_define
class FunnelStages:
    """ Orders created in the range that reached each stage.

        Attributes:
            completed (int):
            created (int):
            paid (int):
            shipped (int):
            signed (int):
     """

    completed: int
    created: int
    paid: int
    shipped: int
    signed: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        completed = self.completed

        created = self.created

        paid = self.paid

        shipped = self.shipped

        signed = self.signed


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "completed": completed,
            "created": created,
            "paid": paid,
            "shipped": shipped,
            "signed": signed,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        completed = d.pop("completed")

        created = d.pop("created")

        paid = d.pop("paid")

        shipped = d.pop("shipped")

        signed = d.pop("signed")

        funnel_stages = cls(
            completed=completed,
            created=created,
            paid=paid,
            shipped=shipped,
            signed=signed,
        )


        funnel_stages.additional_properties = d
        return funnel_stages

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
