from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.after_sale_action_action import AfterSaleActionAction
from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="AfterSaleAction")



@_attrs_define
class AfterSaleAction:
    """ 
        Attributes:
            action (AfterSaleActionAction):
            expected_version (int | None | Unset):
            reason (None | str | Unset):
     """

    action: AfterSaleActionAction
    expected_version: int | None | Unset = UNSET
    reason: None | str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        action = self.action.value

        expected_version: int | None | Unset
        if isinstance(self.expected_version, Unset):
            expected_version = UNSET
        else:
            expected_version = self.expected_version

        reason: None | str | Unset
        if isinstance(self.reason, Unset):
            reason = UNSET
        else:
            reason = self.reason


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "action": action,
        })
        if expected_version is not UNSET:
            field_dict["expected_version"] = expected_version
        if reason is not UNSET:
            field_dict["reason"] = reason

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        action = AfterSaleActionAction(d.pop("action"))




        def _parse_expected_version(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        expected_version = _parse_expected_version(d.pop("expected_version", UNSET))


        def _parse_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reason = _parse_reason(d.pop("reason", UNSET))


        after_sale_action = cls(
            action=action,
            expected_version=expected_version,
            reason=reason,
        )

        return after_sale_action

