from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.after_sale_status import AfterSaleStatus
from typing import cast






T = TypeVar("T", bound="AfterSaleSummary")



@_attrs_define
class AfterSaleSummary:
    """ The order's after-sales at a glance (details: GET .../after-sales?order_id=).

        Attributes:
            count (int): All after-sales ever opened on the order.
            latest_status (AfterSaleStatus | None): Status of the newest one; null when none.
            open_ (int): Those not yet in a final state.
     """

    count: int
    latest_status: AfterSaleStatus | None
    open_: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        count = self.count

        latest_status: None | str
        if isinstance(self.latest_status, AfterSaleStatus):
            latest_status = self.latest_status.value
        else:
            latest_status = self.latest_status

        open_ = self.open_


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "count": count,
            "latest_status": latest_status,
            "open": open_,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        count = d.pop("count")

        def _parse_latest_status(data: object) -> AfterSaleStatus | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                latest_status_type_0 = AfterSaleStatus(data)



                return latest_status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AfterSaleStatus | None, data)

        latest_status = _parse_latest_status(d.pop("latest_status"))


        open_ = d.pop("open")

        after_sale_summary = cls(
            count=count,
            latest_status=latest_status,
            open_=open_,
        )


        after_sale_summary.additional_properties = d
        return after_sale_summary

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
