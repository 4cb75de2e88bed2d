from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast






T = TypeVar("T", bound="Carrier")



@_attrs_define
class Carrier:
    """ A carrier parcels can ship with; send its ``code`` as ``carrier_code``.

        Attributes:
            code (str): Registry code.
            name_en (str):
            name_zh (str):
            tracking_url (None | str): Tracking page template; `{tracking_no}` stands for the number. Null when the carrier
                has none (OTHER).
     """

    code: str
    name_en: str
    name_zh: str
    tracking_url: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        code = self.code

        name_en = self.name_en

        name_zh = self.name_zh

        tracking_url: None | str
        tracking_url = self.tracking_url


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "code": code,
            "name_en": name_en,
            "name_zh": name_zh,
            "tracking_url": tracking_url,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        code = d.pop("code")

        name_en = d.pop("name_en")

        name_zh = d.pop("name_zh")

        def _parse_tracking_url(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        tracking_url = _parse_tracking_url(d.pop("tracking_url"))


        carrier = cls(
            code=code,
            name_en=name_en,
            name_zh=name_zh,
            tracking_url=tracking_url,
        )


        carrier.additional_properties = d
        return carrier

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
