from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset







T = TypeVar("T", bound="EvidenceOut")



@_attrs_define
class EvidenceOut:
    """ 
        Attributes:
            content_type (str):
            dispute_id (int):
            filename (str):
            id (int):
            kind (str):
            sha256 (str):
            size_bytes (int):
     """

    content_type: str
    dispute_id: int
    filename: str
    id: int
    kind: str
    sha256: str
    size_bytes: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        content_type = self.content_type

        dispute_id = self.dispute_id

        filename = self.filename

        id = self.id

        kind = self.kind

        sha256 = self.sha256

        size_bytes = self.size_bytes


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "content_type": content_type,
            "dispute_id": dispute_id,
            "filename": filename,
            "id": id,
            "kind": kind,
            "sha256": sha256,
            "size_bytes": size_bytes,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        content_type = d.pop("content_type")

        dispute_id = d.pop("dispute_id")

        filename = d.pop("filename")

        id = d.pop("id")

        kind = d.pop("kind")

        sha256 = d.pop("sha256")

        size_bytes = d.pop("size_bytes")

        evidence_out = cls(
            content_type=content_type,
            dispute_id=dispute_id,
            filename=filename,
            id=id,
            kind=kind,
            sha256=sha256,
            size_bytes=size_bytes,
        )


        evidence_out.additional_properties = d
        return evidence_out

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
