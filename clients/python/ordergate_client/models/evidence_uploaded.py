from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.evidence_kind import EvidenceKind
from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.dispute import Dispute





T = TypeVar("T", bound="EvidenceUploaded")



@_attrs_define
class EvidenceUploaded:
    """ The stored evidence and the dispute after it (its status and version moved).

        Attributes:
            content_type (str): Detected from the bytes, not the upload's claim.
            created_at (datetime.datetime): RFC 3339 instant in UTC.
            dispute (Dispute): A logistics dispute or a malicious-claim appeal on an order, reviewed by the platform.
            dispute_id (int):
            filename (str): As uploaded.
            id (int):
            kind (EvidenceKind): What a piece of dispute evidence is.
            sha256 (str): Hex SHA-256 of the bytes (also the download's Digest header).
            size_bytes (int): Size in bytes (at most 10 MiB).
     """

    content_type: str
    created_at: datetime.datetime
    dispute: Dispute
    dispute_id: int
    filename: str
    id: int
    kind: EvidenceKind
    sha256: str
    size_bytes: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.dispute import Dispute # noqa: PLC0415
        content_type = self.content_type

        created_at = self.created_at.isoformat()

        dispute = self.dispute.to_dict()

        dispute_id = self.dispute_id

        filename = self.filename

        id = self.id

        kind = self.kind.value

        sha256 = self.sha256

        size_bytes = self.size_bytes


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "content_type": content_type,
            "created_at": created_at,
            "dispute": dispute,
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
        from ..models.dispute import Dispute # noqa: PLC0415
        d = dict(src_dict)
        content_type = d.pop("content_type")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        dispute = Dispute.from_dict(d.pop("dispute"))




        dispute_id = d.pop("dispute_id")

        filename = d.pop("filename")

        id = d.pop("id")

        kind = EvidenceKind(d.pop("kind"))




        sha256 = d.pop("sha256")

        size_bytes = d.pop("size_bytes")

        evidence_uploaded = cls(
            content_type=content_type,
            created_at=created_at,
            dispute=dispute,
            dispute_id=dispute_id,
            filename=filename,
            id=id,
            kind=kind,
            sha256=sha256,
            size_bytes=size_bytes,
        )


        evidence_uploaded.additional_properties = d
        return evidence_uploaded

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
