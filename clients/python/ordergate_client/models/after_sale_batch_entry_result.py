from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.after_sale import AfterSale
  from ..models.problem import Problem





T = TypeVar("T", bound="AfterSaleBatchEntryResult")



@_attrs_define
class AfterSaleBatchEntryResult:
    """ The outcome of one entry, at the same position as in the request.

        Attributes:
            after_sale_id (int | None): Null when the entry had no valid id.
            ok (bool):
            after_sale (AfterSale | Unset): A buyer's refund, return or exchange request on an order, and where it stands.
            error (Problem | Unset): RFC 9457 problem details with OrderGate's stable ``code`` (what every error response
                carries, and each failed entry of a batch).
     """

    after_sale_id: int | None
    ok: bool
    after_sale: AfterSale | Unset = UNSET
    error: Problem | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.after_sale import AfterSale # noqa: PLC0415
        from ..models.problem import Problem # noqa: PLC0415
        after_sale_id: int | None
        after_sale_id = self.after_sale_id

        ok = self.ok

        after_sale: dict[str, Any] | Unset = UNSET
        if not isinstance(self.after_sale, Unset):
            after_sale = self.after_sale.to_dict()

        error: dict[str, Any] | Unset = UNSET
        if not isinstance(self.error, Unset):
            error = self.error.to_dict()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "after_sale_id": after_sale_id,
            "ok": ok,
        })
        if after_sale is not UNSET:
            field_dict["after_sale"] = after_sale
        if error is not UNSET:
            field_dict["error"] = error

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.after_sale import AfterSale # noqa: PLC0415
        from ..models.problem import Problem # noqa: PLC0415
        d = dict(src_dict)
        def _parse_after_sale_id(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        after_sale_id = _parse_after_sale_id(d.pop("after_sale_id"))


        ok = d.pop("ok")

        _after_sale = d.pop("after_sale", UNSET)
        after_sale: AfterSale | Unset
        if isinstance(_after_sale,  Unset):
            after_sale = UNSET
        else:
            after_sale = AfterSale.from_dict(_after_sale)




        _error = d.pop("error", UNSET)
        error: Problem | Unset
        if isinstance(_error,  Unset):
            error = UNSET
        else:
            error = Problem.from_dict(_error)




        after_sale_batch_entry_result = cls(
            after_sale_id=after_sale_id,
            ok=ok,
            after_sale=after_sale,
            error=error,
        )


        after_sale_batch_entry_result.additional_properties = d
        return after_sale_batch_entry_result

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
