from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.item_out import ItemOut
  from ..models.order_out_receiver import OrderOutReceiver
  from ..models.order_out_shipments_item import OrderOutShipmentsItem





T = TypeVar("T", bound="OrderOut")



@_attrs_define
class OrderOut:
    """ The order representation (detail adds timeline, after_sales, disputes, reminders).

        Attributes:
            flagged (bool):
            id (int):
            items (list[ItemOut]):
            order_no (str):
            paid_amount (int):
            pay_status (str):
            receiver (OrderOutReceiver):
            refunded_amount (int):
            shipments (list[OrderOutShipmentsItem]):
            shipping_fee (int):
            shop_id (int):
            status (str):
            version (int):
     """

    flagged: bool
    id: int
    items: list[ItemOut]
    order_no: str
    paid_amount: int
    pay_status: str
    receiver: OrderOutReceiver
    refunded_amount: int
    shipments: list[OrderOutShipmentsItem]
    shipping_fee: int
    shop_id: int
    status: str
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.item_out import ItemOut # noqa: PLC0415
        from ..models.order_out_receiver import OrderOutReceiver # noqa: PLC0415
        from ..models.order_out_shipments_item import OrderOutShipmentsItem # noqa: PLC0415
        flagged = self.flagged

        id = self.id

        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)



        order_no = self.order_no

        paid_amount = self.paid_amount

        pay_status = self.pay_status

        receiver = self.receiver.to_dict()

        refunded_amount = self.refunded_amount

        shipments = []
        for shipments_item_data in self.shipments:
            shipments_item = shipments_item_data.to_dict()
            shipments.append(shipments_item)



        shipping_fee = self.shipping_fee

        shop_id = self.shop_id

        status = self.status

        version = self.version


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "flagged": flagged,
            "id": id,
            "items": items,
            "order_no": order_no,
            "paid_amount": paid_amount,
            "pay_status": pay_status,
            "receiver": receiver,
            "refunded_amount": refunded_amount,
            "shipments": shipments,
            "shipping_fee": shipping_fee,
            "shop_id": shop_id,
            "status": status,
            "version": version,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.item_out import ItemOut # noqa: PLC0415
        from ..models.order_out_receiver import OrderOutReceiver # noqa: PLC0415
        from ..models.order_out_shipments_item import OrderOutShipmentsItem # noqa: PLC0415
        d = dict(src_dict)
        flagged = d.pop("flagged")

        id = d.pop("id")

        items = []
        _items = d.pop("items")
        for items_item_data in (_items):
            items_item = ItemOut.from_dict(items_item_data)



            items.append(items_item)


        order_no = d.pop("order_no")

        paid_amount = d.pop("paid_amount")

        pay_status = d.pop("pay_status")

        receiver = OrderOutReceiver.from_dict(d.pop("receiver"))




        refunded_amount = d.pop("refunded_amount")

        shipments = []
        _shipments = d.pop("shipments")
        for shipments_item_data in (_shipments):
            shipments_item = OrderOutShipmentsItem.from_dict(shipments_item_data)



            shipments.append(shipments_item)


        shipping_fee = d.pop("shipping_fee")

        shop_id = d.pop("shop_id")

        status = d.pop("status")

        version = d.pop("version")

        order_out = cls(
            flagged=flagged,
            id=id,
            items=items,
            order_no=order_no,
            paid_amount=paid_amount,
            pay_status=pay_status,
            receiver=receiver,
            refunded_amount=refunded_amount,
            shipments=shipments,
            shipping_fee=shipping_fee,
            shop_id=shop_id,
            status=status,
            version=version,
        )


        order_out.additional_properties = d
        return order_out

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
