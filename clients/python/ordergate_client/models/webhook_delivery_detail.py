from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.change_type import ChangeType
from ..models.delivery_status import DeliveryStatus
from ..models.notice_type import NoticeType
from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.webhook_attempt import WebhookAttempt





T = TypeVar("T", bound="WebhookDeliveryDetail")



@_attrs_define
class WebhookDeliveryDetail:
    """ A delivery with every attempt, oldest first.

        Attributes:
            attempt_log (list[WebhookAttempt]): Attempts, oldest first
            attempts (int): Attempts made so far
            change_id (int | None): The feed change the event carries; null for pings and reports
            created_at (datetime.datetime): Queued at (RFC 3339 UTC)
            delivered_at (datetime.datetime | None): First 2xx answer (RFC 3339 UTC)
            endpoint_id (int): The endpoint
            event_type (ChangeType | NoticeType): The event's `type`
            id (int): Delivery id
            last_error (None | str): Why the latest attempt failed (timeout, connection, `ssrf_refused:`…)
            last_status_code (int | None): HTTP status of the latest attempt (null: no answer)
            next_attempt_at (datetime.datetime | None): When the next attempt is due while pending (RFC 3339 UTC)
            replay (int | None): Number of the replay (or test ping) that queued it; null for the original delivery of a
                change
            shop_id (int): The shop the event belongs to
            status (DeliveryStatus): Where a delivery stands: queued or retrying, answered 2xx, given up, or cancelled.
            webhook_id (str): The `webhook-id` header: the same on every attempt and redelivery, new for a replay
                (deduplicate on it)
     """

    attempt_log: list[WebhookAttempt]
    attempts: int
    change_id: int | None
    created_at: datetime.datetime
    delivered_at: datetime.datetime | None
    endpoint_id: int
    event_type: ChangeType | NoticeType
    id: int
    last_error: None | str
    last_status_code: int | None
    next_attempt_at: datetime.datetime | None
    replay: int | None
    shop_id: int
    status: DeliveryStatus
    webhook_id: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.webhook_attempt import WebhookAttempt # noqa: PLC0415
        attempt_log = []
        for attempt_log_item_data in self.attempt_log:
            attempt_log_item = attempt_log_item_data.to_dict()
            attempt_log.append(attempt_log_item)



        attempts = self.attempts

        change_id: int | None
        change_id = self.change_id

        created_at = self.created_at.isoformat()

        delivered_at: None | str
        if isinstance(self.delivered_at, datetime.datetime):
            delivered_at = self.delivered_at.isoformat()
        else:
            delivered_at = self.delivered_at

        endpoint_id = self.endpoint_id

        event_type: str
        if isinstance(self.event_type, ChangeType):
            event_type = self.event_type.value
        else:
            event_type = self.event_type.value


        id = self.id

        last_error: None | str
        last_error = self.last_error

        last_status_code: int | None
        last_status_code = self.last_status_code

        next_attempt_at: None | str
        if isinstance(self.next_attempt_at, datetime.datetime):
            next_attempt_at = self.next_attempt_at.isoformat()
        else:
            next_attempt_at = self.next_attempt_at

        replay: int | None
        replay = self.replay

        shop_id = self.shop_id

        status = self.status.value

        webhook_id = self.webhook_id


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "attempt_log": attempt_log,
            "attempts": attempts,
            "change_id": change_id,
            "created_at": created_at,
            "delivered_at": delivered_at,
            "endpoint_id": endpoint_id,
            "event_type": event_type,
            "id": id,
            "last_error": last_error,
            "last_status_code": last_status_code,
            "next_attempt_at": next_attempt_at,
            "replay": replay,
            "shop_id": shop_id,
            "status": status,
            "webhook_id": webhook_id,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.webhook_attempt import WebhookAttempt # noqa: PLC0415
        d = dict(src_dict)
        attempt_log = []
        _attempt_log = d.pop("attempt_log")
        for attempt_log_item_data in (_attempt_log):
            attempt_log_item = WebhookAttempt.from_dict(attempt_log_item_data)



            attempt_log.append(attempt_log_item)


        attempts = d.pop("attempts")

        def _parse_change_id(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        change_id = _parse_change_id(d.pop("change_id"))


        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        def _parse_delivered_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                delivered_at_type_0 = datetime.datetime.fromisoformat(data)



                return delivered_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        delivered_at = _parse_delivered_at(d.pop("delivered_at"))


        endpoint_id = d.pop("endpoint_id")

        def _parse_event_type(data: object) -> ChangeType | NoticeType:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                event_type_type_0 = ChangeType(data)



                return event_type_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, str):
                raise TypeError()
            event_type_type_1 = NoticeType(data)



            return event_type_type_1

        event_type = _parse_event_type(d.pop("event_type"))


        id = d.pop("id")

        def _parse_last_error(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        last_error = _parse_last_error(d.pop("last_error"))


        def _parse_last_status_code(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        last_status_code = _parse_last_status_code(d.pop("last_status_code"))


        def _parse_next_attempt_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                next_attempt_at_type_0 = datetime.datetime.fromisoformat(data)



                return next_attempt_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        next_attempt_at = _parse_next_attempt_at(d.pop("next_attempt_at"))


        def _parse_replay(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        replay = _parse_replay(d.pop("replay"))


        shop_id = d.pop("shop_id")

        status = DeliveryStatus(d.pop("status"))




        webhook_id = d.pop("webhook_id")

        webhook_delivery_detail = cls(
            attempt_log=attempt_log,
            attempts=attempts,
            change_id=change_id,
            created_at=created_at,
            delivered_at=delivered_at,
            endpoint_id=endpoint_id,
            event_type=event_type,
            id=id,
            last_error=last_error,
            last_status_code=last_status_code,
            next_attempt_at=next_attempt_at,
            replay=replay,
            shop_id=shop_id,
            status=status,
            webhook_id=webhook_id,
        )


        webhook_delivery_detail.additional_properties = d
        return webhook_delivery_detail

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
