from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.change_entity import ChangeEntity
from ..models.change_type import ChangeType
from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.change_data import ChangeData





T = TypeVar("T", bound="Change")



@_attrs_define
class Change:
    """ One committed change of one entity, in commit order. Apply it only if `entity_version`
    is higher than the version you hold (re-delivery after a retry is harmless).

        Attributes:
            created_at (datetime.datetime): When the change was written (RFC 3339, UTC).
            data (ChangeData): The entity as the API represents it at `entity_version` (an order, after-sale or dispute, as
                `GET` of that entity returns it; the receiver is masked without the `pii` scope).
            entity (ChangeEntity): The kind of entity a change is about (``entity`` of a change).
            entity_id (int): Id of the changed entity.
            entity_version (int): The entity's `version` after this change.
            id (int): Change id (increasing within a shop).
            type_ (ChangeType): The type of a change in the feed (and of the webhook event that carries it).
     """

    created_at: datetime.datetime
    data: ChangeData
    entity: ChangeEntity
    entity_id: int
    entity_version: int
    id: int
    type_: ChangeType
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.change_data import ChangeData # noqa: PLC0415
        created_at = self.created_at.isoformat()

        data = self.data.to_dict()

        entity = self.entity.value

        entity_id = self.entity_id

        entity_version = self.entity_version

        id = self.id

        type_ = self.type_.value


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "created_at": created_at,
            "data": data,
            "entity": entity,
            "entity_id": entity_id,
            "entity_version": entity_version,
            "id": id,
            "type": type_,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.change_data import ChangeData # noqa: PLC0415
        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        data = ChangeData.from_dict(d.pop("data"))




        entity = ChangeEntity(d.pop("entity"))




        entity_id = d.pop("entity_id")

        entity_version = d.pop("entity_version")

        id = d.pop("id")

        type_ = ChangeType(d.pop("type"))




        change = cls(
            created_at=created_at,
            data=data,
            entity=entity,
            entity_id=entity_id,
            entity_version=entity_version,
            id=id,
            type_=type_,
        )


        change.additional_properties = d
        return change

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
