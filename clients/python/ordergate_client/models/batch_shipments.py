from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.batch_shipments_shipments_item import BatchShipmentsShipmentsItem





T = TypeVar("T", bound="BatchShipments")



@_attrs_define
class BatchShipments:
    """ 
        Attributes:
            shipments (list[BatchShipmentsShipmentsItem]): Entries `{order_id, carrier_code, tracking_no, lines?,
                expected_version?}` (the deprecated `carrier` and `items` still work); each is validated on its own and answered
                in `results` at the same position. Without `lines` an entry ships every unit the order has left as one parcel.
     """

    shipments: list[BatchShipmentsShipmentsItem]





    def to_dict(self) -> dict[str, Any]:
        from ..models.batch_shipments_shipments_item import BatchShipmentsShipmentsItem # noqa: PLC0415
        shipments = []
        for shipments_item_data in self.shipments:
            shipments_item = shipments_item_data.to_dict()
            shipments.append(shipments_item)




        field_dict: dict[str, Any] = {}

        field_dict.update({
            "shipments": shipments,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.batch_shipments_shipments_item import BatchShipmentsShipmentsItem # noqa: PLC0415
        d = dict(src_dict)
        shipments = []
        _shipments = d.pop("shipments")
        for shipments_item_data in (_shipments):
            shipments_item = BatchShipmentsShipmentsItem.from_dict(shipments_item_data)



            shipments.append(shipments_item)


        batch_shipments = cls(
            shipments=shipments,
        )

        return batch_shipments

