from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.timeline_actor import TimelineActor
  from ..models.timeline_event_data import TimelineEventData





T = TypeVar("T", bound="TimelineEvent")



@_attrs_define
class TimelineEvent:
    """ One step of the order's story, oldest first.

        Attributes:
            actor (TimelineActor):
            at (datetime.datetime): RFC 3339 instant in UTC.
            data (TimelineEventData): The step's details (free-form, by kind).
            kind (str): What happened: the order's own steps read bare (created, paid, shipped, flagged, ...), its after-
                sales' and disputes' carry their entity (after_sale.approved, dispute.submitted, ...).
     """

    actor: TimelineActor
    at: datetime.datetime
    data: TimelineEventData
    kind: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.timeline_actor import TimelineActor # noqa: PLC0415
        from ..models.timeline_event_data import TimelineEventData # noqa: PLC0415
        actor = self.actor.to_dict()

        at = self.at.isoformat()

        data = self.data.to_dict()

        kind = self.kind


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "actor": actor,
            "at": at,
            "data": data,
            "kind": kind,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.timeline_actor import TimelineActor # noqa: PLC0415
        from ..models.timeline_event_data import TimelineEventData # noqa: PLC0415
        d = dict(src_dict)
        actor = TimelineActor.from_dict(d.pop("actor"))




        at = datetime.datetime.fromisoformat(d.pop("at"))




        data = TimelineEventData.from_dict(d.pop("data"))




        kind = d.pop("kind")

        timeline_event = cls(
            actor=actor,
            at=at,
            data=data,
            kind=kind,
        )


        timeline_event.additional_properties = d
        return timeline_event

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
