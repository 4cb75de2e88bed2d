from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.shipment_line_in import ShipmentLineIn





T = TypeVar("T", bound="OrderShip")



@_attrs_define
class OrderShip:
    """ One parcel: ``carrier_code`` + ``tracking_no``, with ``lines`` (default: every unit not
    yet shipped). The deprecated ``carrier`` (a free-text name) and ``items`` (whole lines:
    the rest of each listed line) still work. Send exactly one of ``carrier_code`` and
    ``carrier``, and at most one of ``lines`` and ``items``: otherwise 422 validation_error.

        Attributes:
            tracking_no (str):
            carrier (str | Unset): Deprecated: a carrier name (SF, 顺丰速运, ...), mapped to its registry code; send
                carrier_code.
            carrier_code (str | Unset): A registry code (GET /v1/carriers), e.g. SF.
            expected_version (int | None | Unset):
            items (list[int] | None | Unset): Deprecated: whole order lines in this parcel (the rest of each); send lines.
            lines (list[ShipmentLineIn] | None | Unset): Units per order line in this parcel (default: everything unshipped)
     """

    tracking_no: str
    carrier: str | Unset = UNSET
    carrier_code: str | Unset = UNSET
    expected_version: int | None | Unset = UNSET
    items: list[int] | None | Unset = UNSET
    lines: list[ShipmentLineIn] | None | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.shipment_line_in import ShipmentLineIn # noqa: PLC0415
        tracking_no = self.tracking_no

        carrier = self.carrier

        carrier_code = self.carrier_code

        expected_version: int | None | Unset
        if isinstance(self.expected_version, Unset):
            expected_version = UNSET
        else:
            expected_version = self.expected_version

        items: list[int] | None | Unset
        if isinstance(self.items, Unset):
            items = UNSET
        elif isinstance(self.items, list):
            items = self.items


        else:
            items = self.items

        lines: list[dict[str, Any]] | None | Unset
        if isinstance(self.lines, Unset):
            lines = UNSET
        elif isinstance(self.lines, list):
            lines = []
            for lines_type_0_item_data in self.lines:
                lines_type_0_item = lines_type_0_item_data.to_dict()
                lines.append(lines_type_0_item)


        else:
            lines = self.lines


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "tracking_no": tracking_no,
        })
        if carrier is not UNSET:
            field_dict["carrier"] = carrier
        if carrier_code is not UNSET:
            field_dict["carrier_code"] = carrier_code
        if expected_version is not UNSET:
            field_dict["expected_version"] = expected_version
        if items is not UNSET:
            field_dict["items"] = items
        if lines is not UNSET:
            field_dict["lines"] = lines

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.shipment_line_in import ShipmentLineIn # noqa: PLC0415
        d = dict(src_dict)
        tracking_no = d.pop("tracking_no")

        carrier = d.pop("carrier", UNSET)

        carrier_code = d.pop("carrier_code", UNSET)

        def _parse_expected_version(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        expected_version = _parse_expected_version(d.pop("expected_version", UNSET))


        def _parse_items(data: object) -> list[int] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                items_type_0 = cast(list[int], data)

                return items_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[int] | None | Unset, data)

        items = _parse_items(d.pop("items", UNSET))


        def _parse_lines(data: object) -> list[ShipmentLineIn] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                lines_type_0 = []
                _lines_type_0 = data
                for lines_type_0_item_data in (_lines_type_0):
                    lines_type_0_item = ShipmentLineIn.from_dict(lines_type_0_item_data)



                    lines_type_0.append(lines_type_0_item)

                return lines_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[ShipmentLineIn] | None | Unset, data)

        lines = _parse_lines(d.pop("lines", UNSET))


        order_ship = cls(
            tracking_no=tracking_no,
            carrier=carrier,
            carrier_code=carrier_code,
            expected_version=expected_version,
            items=items,
            lines=lines,
        )

        return order_ship

