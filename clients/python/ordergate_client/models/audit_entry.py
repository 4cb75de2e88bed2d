from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.audit_actor import AuditActor
  from ..models.audit_entry_data import AuditEntryData





T = TypeVar("T", bound="AuditEntry")



@_attrs_define
class AuditEntry:
    """ One operation on the shop: who did what to which entity, from where.

        Attributes:
            action (str): `<entity>.<step>`, e.g. `order.shipped`, `after_sale.approved`, `staff.role_changed`,
                `app.installed`, `webhook_endpoint.created`, `export.created`
            actor (AuditActor): Who performed the operation.
            after_version (int | None): Entity version after the write
            before_version (int | None): Entity version before the write
            created_at (datetime.datetime): RFC 3339 UTC
            data (AuditEntryData): What changed (depends on the action)
            entity (str): Kind of entity: `order`, `after_sale`, `dispute`, `staff`, `app`, `webhook_endpoint`, `export`
            entity_id (int | None): The entity's id
            id (int): Entry id
            ip (None | str): Client address
            request_id (None | str): The request's `X-Request-ID`
     """

    action: str
    actor: AuditActor
    after_version: int | None
    before_version: int | None
    created_at: datetime.datetime
    data: AuditEntryData
    entity: str
    entity_id: int | None
    id: int
    ip: None | str
    request_id: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.audit_actor import AuditActor # noqa: PLC0415
        from ..models.audit_entry_data import AuditEntryData # noqa: PLC0415
        action = self.action

        actor = self.actor.to_dict()

        after_version: int | None
        after_version = self.after_version

        before_version: int | None
        before_version = self.before_version

        created_at = self.created_at.isoformat()

        data = self.data.to_dict()

        entity = self.entity

        entity_id: int | None
        entity_id = self.entity_id

        id = self.id

        ip: None | str
        ip = self.ip

        request_id: None | str
        request_id = self.request_id


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "action": action,
            "actor": actor,
            "after_version": after_version,
            "before_version": before_version,
            "created_at": created_at,
            "data": data,
            "entity": entity,
            "entity_id": entity_id,
            "id": id,
            "ip": ip,
            "request_id": request_id,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.audit_actor import AuditActor # noqa: PLC0415
        from ..models.audit_entry_data import AuditEntryData # noqa: PLC0415
        d = dict(src_dict)
        action = d.pop("action")

        actor = AuditActor.from_dict(d.pop("actor"))




        def _parse_after_version(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        after_version = _parse_after_version(d.pop("after_version"))


        def _parse_before_version(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        before_version = _parse_before_version(d.pop("before_version"))


        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        data = AuditEntryData.from_dict(d.pop("data"))




        entity = d.pop("entity")

        def _parse_entity_id(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        entity_id = _parse_entity_id(d.pop("entity_id"))


        id = d.pop("id")

        def _parse_ip(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        ip = _parse_ip(d.pop("ip"))


        def _parse_request_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        request_id = _parse_request_id(d.pop("request_id"))


        audit_entry = cls(
            action=action,
            actor=actor,
            after_version=after_version,
            before_version=before_version,
            created_at=created_at,
            data=data,
            entity=entity,
            entity_id=entity_id,
            id=id,
            ip=ip,
            request_id=request_id,
        )


        audit_entry.additional_properties = d
        return audit_entry

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
