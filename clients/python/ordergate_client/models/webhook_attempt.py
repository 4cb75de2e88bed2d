from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime






T = TypeVar("T", bound="WebhookAttempt")



@_attrs_define
class WebhookAttempt:
    """ One HTTP attempt of a delivery.

        Attributes:
            attempted_at (datetime.datetime): RFC 3339 UTC
            error (None | str): Transport error, when there was no answer
            id (int): Attempt id
            latency_ms (int | None): Time to the answer in milliseconds
            response_excerpt (None | str): The first 1 KB of the response body
            status_code (int | None): HTTP status answered (null: no answer)
     """

    attempted_at: datetime.datetime
    error: None | str
    id: int
    latency_ms: int | None
    response_excerpt: None | str
    status_code: int | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        attempted_at = self.attempted_at.isoformat()

        error: None | str
        error = self.error

        id = self.id

        latency_ms: int | None
        latency_ms = self.latency_ms

        response_excerpt: None | str
        response_excerpt = self.response_excerpt

        status_code: int | None
        status_code = self.status_code


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "attempted_at": attempted_at,
            "error": error,
            "id": id,
            "latency_ms": latency_ms,
            "response_excerpt": response_excerpt,
            "status_code": status_code,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        attempted_at = datetime.datetime.fromisoformat(d.pop("attempted_at"))




        def _parse_error(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        error = _parse_error(d.pop("error"))


        id = d.pop("id")

        def _parse_latency_ms(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        latency_ms = _parse_latency_ms(d.pop("latency_ms"))


        def _parse_response_excerpt(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        response_excerpt = _parse_response_excerpt(d.pop("response_excerpt"))


        def _parse_status_code(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        status_code = _parse_status_code(d.pop("status_code"))


        webhook_attempt = cls(
            attempted_at=attempted_at,
            error=error,
            id=id,
            latency_ms=latency_ms,
            response_excerpt=response_excerpt,
            status_code=status_code,
        )


        webhook_attempt.additional_properties = d
        return webhook_attempt

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
