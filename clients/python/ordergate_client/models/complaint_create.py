from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.complaint_kind import ComplaintKind






T = TypeVar("T", bound="ComplaintCreate")



@_attrs_define
class ComplaintCreate:
    """ 
        Attributes:
            description (str):
            kind (ComplaintKind): What the buyer complains about.
     """

    description: str
    kind: ComplaintKind





    def to_dict(self) -> dict[str, Any]:
        description = self.description

        kind = self.kind.value


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "description": description,
            "kind": kind,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        description = d.pop("description")

        kind = ComplaintKind(d.pop("kind"))




        complaint_create = cls(
            description=description,
            kind=kind,
        )

        return complaint_create

