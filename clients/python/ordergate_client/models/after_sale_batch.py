from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.after_sale_batch_actions_item import AfterSaleBatchActionsItem





T = TypeVar("T", bound="AfterSaleBatch")



@_attrs_define
class AfterSaleBatch:
    """ 
        Attributes:
            actions (list[AfterSaleBatchActionsItem]): Entries `{after_sale_id, action, expected_version?, reason?}`; each
                is validated on its own and answered in `results` at the same position.
     """

    actions: list[AfterSaleBatchActionsItem]





    def to_dict(self) -> dict[str, Any]:
        from ..models.after_sale_batch_actions_item import AfterSaleBatchActionsItem # noqa: PLC0415
        actions = []
        for actions_item_data in self.actions:
            actions_item = actions_item_data.to_dict()
            actions.append(actions_item)




        field_dict: dict[str, Any] = {}

        field_dict.update({
            "actions": actions,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.after_sale_batch_actions_item import AfterSaleBatchActionsItem # noqa: PLC0415
        d = dict(src_dict)
        actions = []
        _actions = d.pop("actions")
        for actions_item_data in (_actions):
            actions_item = AfterSaleBatchActionsItem.from_dict(actions_item_data)



            actions.append(actions_item)


        after_sale_batch = cls(
            actions=actions,
        )

        return after_sale_batch

