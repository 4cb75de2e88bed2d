from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.order import Order
  from ..models.problem import Problem





T = TypeVar("T", bound="BatchShipEntry")



@_attrs_define
class BatchShipEntry:
    """ The outcome of one entry, at the same position as in the request.

        Attributes:
            ok (bool):
            order_id (int | None): Null when the entry had no valid id.
            error (Problem | Unset): RFC 9457 problem details with OrderGate's stable ``code`` (what every error response
                carries, and each failed entry of a batch).
            order (Order | Unset): The order's full representation: what writes answer and the change feed carries.
     """

    ok: bool
    order_id: int | None
    error: Problem | Unset = UNSET
    order: Order | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.order import Order # noqa: PLC0415
        from ..models.problem import Problem # noqa: PLC0415
        ok = self.ok

        order_id: int | None
        order_id = self.order_id

        error: dict[str, Any] | Unset = UNSET
        if not isinstance(self.error, Unset):
            error = self.error.to_dict()

        order: dict[str, Any] | Unset = UNSET
        if not isinstance(self.order, Unset):
            order = self.order.to_dict()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "ok": ok,
            "order_id": order_id,
        })
        if error is not UNSET:
            field_dict["error"] = error
        if order is not UNSET:
            field_dict["order"] = order

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.order import Order # noqa: PLC0415
        from ..models.problem import Problem # noqa: PLC0415
        d = dict(src_dict)
        ok = d.pop("ok")

        def _parse_order_id(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        order_id = _parse_order_id(d.pop("order_id"))


        _error = d.pop("error", UNSET)
        error: Problem | Unset
        if isinstance(_error,  Unset):
            error = UNSET
        else:
            error = Problem.from_dict(_error)




        _order = d.pop("order", UNSET)
        order: Order | Unset
        if isinstance(_order,  Unset):
            order = UNSET
        else:
            order = Order.from_dict(_order)




        batch_ship_entry = cls(
            ok=ok,
            order_id=order_id,
            error=error,
            order=order,
        )


        batch_ship_entry.additional_properties = d
        return batch_ship_entry

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
