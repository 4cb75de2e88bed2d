from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.oldest_change import OldestChange





T = TypeVar("T", bound="SyncStatus")



@_attrs_define
class SyncStatus:
    """ Feed health for one shop: where its head is, what is retained, how far it lags.

        Attributes:
            changes_last_minute (int): Changes written for the shop in the last minute.
            epoch (int): Feed epoch: bumped after a restore (older cursors then answer 410).
            feed_complete (bool): Retention never removed anything: following the feed from the beginning rebuilds every
                entity (no snapshot needed).
            head_cursor (str): Opaque, signed feed cursor: pass it back as `cursor` to read what follows.
            horizon_lag_ms (int): As on a feed page (ms).
            listener_connected (bool): This server receives change notifications: long-polls wake at once (otherwise within
                about a second).
            oldest_retained_change (None | OldestChange): The oldest change retention kept; null when the log is empty.
            shop_id (int): The shop.
     """

    changes_last_minute: int
    epoch: int
    feed_complete: bool
    head_cursor: str
    horizon_lag_ms: int
    listener_connected: bool
    oldest_retained_change: None | OldestChange
    shop_id: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.oldest_change import OldestChange # noqa: PLC0415
        changes_last_minute = self.changes_last_minute

        epoch = self.epoch

        feed_complete = self.feed_complete

        head_cursor = self.head_cursor

        horizon_lag_ms = self.horizon_lag_ms

        listener_connected = self.listener_connected

        oldest_retained_change: dict[str, Any] | None
        if isinstance(self.oldest_retained_change, OldestChange):
            oldest_retained_change = self.oldest_retained_change.to_dict()
        else:
            oldest_retained_change = self.oldest_retained_change

        shop_id = self.shop_id


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "changes_last_minute": changes_last_minute,
            "epoch": epoch,
            "feed_complete": feed_complete,
            "head_cursor": head_cursor,
            "horizon_lag_ms": horizon_lag_ms,
            "listener_connected": listener_connected,
            "oldest_retained_change": oldest_retained_change,
            "shop_id": shop_id,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.oldest_change import OldestChange # noqa: PLC0415
        d = dict(src_dict)
        changes_last_minute = d.pop("changes_last_minute")

        epoch = d.pop("epoch")

        feed_complete = d.pop("feed_complete")

        head_cursor = d.pop("head_cursor")

        horizon_lag_ms = d.pop("horizon_lag_ms")

        listener_connected = d.pop("listener_connected")

        def _parse_oldest_retained_change(data: object) -> None | OldestChange:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                oldest_retained_change_type_0 = OldestChange.from_dict(data)



                return oldest_retained_change_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | OldestChange, data)

        oldest_retained_change = _parse_oldest_retained_change(d.pop("oldest_retained_change"))


        shop_id = d.pop("shop_id")

        sync_status = cls(
            changes_last_minute=changes_last_minute,
            epoch=epoch,
            feed_complete=feed_complete,
            head_cursor=head_cursor,
            horizon_lag_ms=horizon_lag_ms,
            listener_connected=listener_connected,
            oldest_retained_change=oldest_retained_change,
            shop_id=shop_id,
        )


        sync_status.additional_properties = d
        return sync_status

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
