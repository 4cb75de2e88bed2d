from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="ShipmentPatch")



@_attrs_define
class ShipmentPatch:
    """ A correction of a parcel's carrier or tracking number (at most 3, before delivery).
    Send at least one of ``carrier_code`` and ``tracking_no``: otherwise 422
    validation_error.

        Attributes:
            carrier_code (str | Unset): A registry code (GET /v1/carriers), e.g. SF.
            expected_version (int | None | Unset):
            tracking_no (str | Unset):
     """

    carrier_code: str | Unset = UNSET
    expected_version: int | None | Unset = UNSET
    tracking_no: str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        carrier_code = self.carrier_code

        expected_version: int | None | Unset
        if isinstance(self.expected_version, Unset):
            expected_version = UNSET
        else:
            expected_version = self.expected_version

        tracking_no = self.tracking_no


        field_dict: dict[str, Any] = {}

        field_dict.update({
        })
        if carrier_code is not UNSET:
            field_dict["carrier_code"] = carrier_code
        if expected_version is not UNSET:
            field_dict["expected_version"] = expected_version
        if tracking_no is not UNSET:
            field_dict["tracking_no"] = tracking_no

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        carrier_code = d.pop("carrier_code", UNSET)

        def _parse_expected_version(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        expected_version = _parse_expected_version(d.pop("expected_version", UNSET))


        tracking_no = d.pop("tracking_no", UNSET)

        shipment_patch = cls(
            carrier_code=carrier_code,
            expected_version=expected_version,
            tracking_no=tracking_no,
        )

        return shipment_patch

