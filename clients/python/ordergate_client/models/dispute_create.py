from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.dispute_kind import DisputeKind
from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="DisputeCreate")



@_attrs_define
class DisputeCreate:
    """ 
        Attributes:
            description (str):
            kind (DisputeKind): A logistics dispute or an appeal against a malicious claim.
            after_sale_id (int | None | Unset):
     """

    description: str
    kind: DisputeKind
    after_sale_id: int | None | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        description = self.description

        kind = self.kind.value

        after_sale_id: int | None | Unset
        if isinstance(self.after_sale_id, Unset):
            after_sale_id = UNSET
        else:
            after_sale_id = self.after_sale_id


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "description": description,
            "kind": kind,
        })
        if after_sale_id is not UNSET:
            field_dict["after_sale_id"] = after_sale_id

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        description = d.pop("description")

        kind = DisputeKind(d.pop("kind"))




        def _parse_after_sale_id(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        after_sale_id = _parse_after_sale_id(d.pop("after_sale_id", UNSET))


        dispute_create = cls(
            description=description,
            kind=kind,
            after_sale_id=after_sale_id,
        )

        return dispute_create

