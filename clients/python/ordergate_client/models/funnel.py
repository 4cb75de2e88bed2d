from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.funnel_stages import FunnelStages
  from ..models.funnel_unpaid import FunnelUnpaid





T = TypeVar("T", bound="Funnel")



@_attrs_define
class Funnel:
    """ Created → paid → shipped → signed → completed, and the unpaid outcomes.

        Attributes:
            from_ (str): First day (inclusive).
            shop_id (int): The shop.
            stages (FunnelStages): Orders created in the range that reached each stage.
            timezone (str): IANA timezone of the shop's days.
            to (str): Last day (inclusive).
            unpaid (FunnelUnpaid): What became of the orders created in the range and never paid.
     """

    from_: str
    shop_id: int
    stages: FunnelStages
    timezone: str
    to: str
    unpaid: FunnelUnpaid
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.funnel_stages import FunnelStages # noqa: PLC0415
        from ..models.funnel_unpaid import FunnelUnpaid # noqa: PLC0415
        from_ = self.from_

        shop_id = self.shop_id

        stages = self.stages.to_dict()

        timezone = self.timezone

        to = self.to

        unpaid = self.unpaid.to_dict()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "from": from_,
            "shop_id": shop_id,
            "stages": stages,
            "timezone": timezone,
            "to": to,
            "unpaid": unpaid,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.funnel_stages import FunnelStages # noqa: PLC0415
        from ..models.funnel_unpaid import FunnelUnpaid # noqa: PLC0415
        d = dict(src_dict)
        from_ = d.pop("from")

        shop_id = d.pop("shop_id")

        stages = FunnelStages.from_dict(d.pop("stages"))




        timezone = d.pop("timezone")

        to = d.pop("to")

        unpaid = FunnelUnpaid.from_dict(d.pop("unpaid"))




        funnel = cls(
            from_=from_,
            shop_id=shop_id,
            stages=stages,
            timezone=timezone,
            to=to,
            unpaid=unpaid,
        )


        funnel.additional_properties = d
        return funnel

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
