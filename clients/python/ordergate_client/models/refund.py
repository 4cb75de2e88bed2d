from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.refund_line import RefundLine





T = TypeVar("T", bound="Refund")



@_attrs_define
class Refund:
    """ Money returned to the buyer: one row of the order's refund ledger.

        Attributes:
            actor (None | str): Who refunded (account:<id>, app:<id>).
            after_sale_id (int | None): The refund after-sale it completed, else null.
            amount (int): Money in fen (12990 = ¥129.90).
            created_at (datetime.datetime): RFC 3339 instant in UTC.
            id (int):
            lines (list[RefundLine] | None): The items refunded, when refunded by lines.
            order_id (int):
            reason (str):
     """

    actor: None | str
    after_sale_id: int | None
    amount: int
    created_at: datetime.datetime
    id: int
    lines: list[RefundLine] | None
    order_id: int
    reason: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.refund_line import RefundLine # noqa: PLC0415
        actor: None | str
        actor = self.actor

        after_sale_id: int | None
        after_sale_id = self.after_sale_id

        amount = self.amount

        created_at = self.created_at.isoformat()

        id = self.id

        lines: list[dict[str, Any]] | None
        if isinstance(self.lines, list):
            lines = []
            for lines_type_0_item_data in self.lines:
                lines_type_0_item = lines_type_0_item_data.to_dict()
                lines.append(lines_type_0_item)


        else:
            lines = self.lines

        order_id = self.order_id

        reason = self.reason


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "actor": actor,
            "after_sale_id": after_sale_id,
            "amount": amount,
            "created_at": created_at,
            "id": id,
            "lines": lines,
            "order_id": order_id,
            "reason": reason,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.refund_line import RefundLine # noqa: PLC0415
        d = dict(src_dict)
        def _parse_actor(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        actor = _parse_actor(d.pop("actor"))


        def _parse_after_sale_id(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        after_sale_id = _parse_after_sale_id(d.pop("after_sale_id"))


        amount = d.pop("amount")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        id = d.pop("id")

        def _parse_lines(data: object) -> list[RefundLine] | None:
            if data is None:
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                lines_type_0 = []
                _lines_type_0 = data
                for lines_type_0_item_data in (_lines_type_0):
                    lines_type_0_item = RefundLine.from_dict(lines_type_0_item_data)



                    lines_type_0.append(lines_type_0_item)

                return lines_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[RefundLine] | None, data)

        lines = _parse_lines(d.pop("lines"))


        order_id = d.pop("order_id")

        reason = d.pop("reason")

        refund = cls(
            actor=actor,
            after_sale_id=after_sale_id,
            amount=amount,
            created_at=created_at,
            id=id,
            lines=lines,
            order_id=order_id,
            reason=reason,
        )


        refund.additional_properties = d
        return refund

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
