from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.dispute_decision_outcome import DisputeDecisionOutcome
from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="DisputeDecision")



@_attrs_define
class DisputeDecision:
    """ 
        Attributes:
            outcome (DisputeDecisionOutcome):
            expected_version (int | None | Unset):
            note (None | str | Unset):
     """

    outcome: DisputeDecisionOutcome
    expected_version: int | None | Unset = UNSET
    note: None | str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        outcome = self.outcome.value

        expected_version: int | None | Unset
        if isinstance(self.expected_version, Unset):
            expected_version = UNSET
        else:
            expected_version = self.expected_version

        note: None | str | Unset
        if isinstance(self.note, Unset):
            note = UNSET
        else:
            note = self.note


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "outcome": outcome,
        })
        if expected_version is not UNSET:
            field_dict["expected_version"] = expected_version
        if note is not UNSET:
            field_dict["note"] = note

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        outcome = DisputeDecisionOutcome(d.pop("outcome"))




        def _parse_expected_version(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        expected_version = _parse_expected_version(d.pop("expected_version", UNSET))


        def _parse_note(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        note = _parse_note(d.pop("note", UNSET))


        dispute_decision = cls(
            outcome=outcome,
            expected_version=expected_version,
            note=note,
        )

        return dispute_decision

