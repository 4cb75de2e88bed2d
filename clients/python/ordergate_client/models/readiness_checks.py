from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset






T = TypeVar("T", bound="ReadinessChecks")



@_attrs_define
class ReadinessChecks:
    """ 
        Attributes:
            database (str): `ok`, or what is wrong (`error: <kind>`, `at <rev>, head is <rev>`).
            migrations (str | Unset): `ok`, or what is wrong (`error: <kind>`, `at <rev>, head is <rev>`).
            redis (str | Unset): Only when REDIS_URL is set.
     """

    database: str
    migrations: str | Unset = UNSET
    redis: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        database = self.database

        migrations = self.migrations

        redis = self.redis


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "database": database,
        })
        if migrations is not UNSET:
            field_dict["migrations"] = migrations
        if redis is not UNSET:
            field_dict["redis"] = redis

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        database = d.pop("database")

        migrations = d.pop("migrations", UNSET)

        redis = d.pop("redis", UNSET)

        readiness_checks = cls(
            database=database,
            migrations=migrations,
            redis=redis,
        )


        readiness_checks.additional_properties = d
        return readiness_checks

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
