from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.webhook_latency import WebhookLatency





T = TypeVar("T", bound="WebhookStats")



@_attrs_define
class WebhookStats:
    """ Delivery health of an endpoint over the last ``window_hours``.

        Attributes:
            attempts (int): Attempts in the window
            backlog (int): Deliveries pending now
            endpoint_id (int): The endpoint
            latency_ms (WebhookLatency): Attempt latency percentiles in milliseconds (null without attempts).
            oldest_pending_at (datetime.datetime | None): Creation time of the oldest pending delivery (RFC 3339 UTC)
            success_rate (float | None): Share of attempts answered 2xx, 0..1 (null: none)
            window_hours (int): Length of the window
     """

    attempts: int
    backlog: int
    endpoint_id: int
    latency_ms: WebhookLatency
    oldest_pending_at: datetime.datetime | None
    success_rate: float | None
    window_hours: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.webhook_latency import WebhookLatency # noqa: PLC0415
        attempts = self.attempts

        backlog = self.backlog

        endpoint_id = self.endpoint_id

        latency_ms = self.latency_ms.to_dict()

        oldest_pending_at: None | str
        if isinstance(self.oldest_pending_at, datetime.datetime):
            oldest_pending_at = self.oldest_pending_at.isoformat()
        else:
            oldest_pending_at = self.oldest_pending_at

        success_rate: float | None
        success_rate = self.success_rate

        window_hours = self.window_hours


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "attempts": attempts,
            "backlog": backlog,
            "endpoint_id": endpoint_id,
            "latency_ms": latency_ms,
            "oldest_pending_at": oldest_pending_at,
            "success_rate": success_rate,
            "window_hours": window_hours,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.webhook_latency import WebhookLatency # noqa: PLC0415
        d = dict(src_dict)
        attempts = d.pop("attempts")

        backlog = d.pop("backlog")

        endpoint_id = d.pop("endpoint_id")

        latency_ms = WebhookLatency.from_dict(d.pop("latency_ms"))




        def _parse_oldest_pending_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                oldest_pending_at_type_0 = datetime.datetime.fromisoformat(data)



                return oldest_pending_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        oldest_pending_at = _parse_oldest_pending_at(d.pop("oldest_pending_at"))


        def _parse_success_rate(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        success_rate = _parse_success_rate(d.pop("success_rate"))


        window_hours = d.pop("window_hours")

        webhook_stats = cls(
            attempts=attempts,
            backlog=backlog,
            endpoint_id=endpoint_id,
            latency_ms=latency_ms,
            oldest_pending_at=oldest_pending_at,
            success_rate=success_rate,
            window_hours=window_hours,
        )


        webhook_stats.additional_properties = d
        return webhook_stats

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
