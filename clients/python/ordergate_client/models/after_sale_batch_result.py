from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.after_sale_batch_entry_result import AfterSaleBatchEntryResult





T = TypeVar("T", bound="AfterSaleBatchResult")



@_attrs_define
class AfterSaleBatchResult:
    """ 
        Attributes:
            failed (int): Entries refused (each has its error).
            results (list[AfterSaleBatchEntryResult]):
            succeeded (int): Entries done.
     """

    failed: int
    results: list[AfterSaleBatchEntryResult]
    succeeded: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.after_sale_batch_entry_result import AfterSaleBatchEntryResult # noqa: PLC0415
        failed = self.failed

        results = []
        for results_item_data in self.results:
            results_item = results_item_data.to_dict()
            results.append(results_item)



        succeeded = self.succeeded


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "failed": failed,
            "results": results,
            "succeeded": succeeded,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.after_sale_batch_entry_result import AfterSaleBatchEntryResult # noqa: PLC0415
        d = dict(src_dict)
        failed = d.pop("failed")

        results = []
        _results = d.pop("results")
        for results_item_data in (_results):
            results_item = AfterSaleBatchEntryResult.from_dict(results_item_data)



            results.append(results_item)


        succeeded = d.pop("succeeded")

        after_sale_batch_result = cls(
            failed=failed,
            results=results,
            succeeded=succeeded,
        )


        after_sale_batch_result.additional_properties = d
        return after_sale_batch_result

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
