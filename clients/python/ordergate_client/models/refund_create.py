from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.refund_line_in import RefundLineIn





T = TypeVar("T", bound="RefundCreate")



@_attrs_define
class RefundCreate:
    """ A partial (or the remaining) refund: an ``amount`` in fen, or ``lines`` of items.

        Attributes:
            reason (str):
            amount (int | None | Unset): Fen; exactly one of amount and lines
            expected_version (int | None | Unset):
            lines (list[RefundLineIn] | None | Unset): Items refunded at their paid price (unit price less the order's
                discount share); exactly one of amount and lines
     """

    reason: str
    amount: int | None | Unset = UNSET
    expected_version: int | None | Unset = UNSET
    lines: list[RefundLineIn] | None | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.refund_line_in import RefundLineIn # noqa: PLC0415
        reason = self.reason

        amount: int | None | Unset
        if isinstance(self.amount, Unset):
            amount = UNSET
        else:
            amount = self.amount

        expected_version: int | None | Unset
        if isinstance(self.expected_version, Unset):
            expected_version = UNSET
        else:
            expected_version = self.expected_version

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
            "reason": reason,
        })
        if amount is not UNSET:
            field_dict["amount"] = amount
        if expected_version is not UNSET:
            field_dict["expected_version"] = expected_version
        if lines is not UNSET:
            field_dict["lines"] = lines

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.refund_line_in import RefundLineIn # noqa: PLC0415
        d = dict(src_dict)
        reason = d.pop("reason")

        def _parse_amount(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        amount = _parse_amount(d.pop("amount", UNSET))


        def _parse_expected_version(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        expected_version = _parse_expected_version(d.pop("expected_version", UNSET))


        def _parse_lines(data: object) -> list[RefundLineIn] | None | Unset:
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
                    lines_type_0_item = RefundLineIn.from_dict(lines_type_0_item_data)



                    lines_type_0.append(lines_type_0_item)

                return lines_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[RefundLineIn] | None | Unset, data)

        lines = _parse_lines(d.pop("lines", UNSET))


        refund_create = cls(
            reason=reason,
            amount=amount,
            expected_version=expected_version,
            lines=lines,
        )

        return refund_create

