from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.pay_method import PayMethod
from ..models.traffic_source import TrafficSource
from ..types import UNSET, Unset
from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.buyer_in import BuyerIn
  from ..models.order_item_in import OrderItemIn
  from ..models.receiver_in import ReceiverIn





T = TypeVar("T", bound="OrderCreate")



@_attrs_define
class OrderCreate:
    """ 
        Attributes:
            buyer (BuyerIn):
            items (list[OrderItemIn]):
            receiver (ReceiverIn):
            author_id (int | None | Unset):
            buyer_note (None | str | Unset):
            commission_rate_bps (int | Unset):  Default: 0.
            created_at (datetime.datetime | None | Unset):
            discount_amount (int | Unset):  Default: 0.
            order_no (None | str | Unset):
            pay_method (None | PayMethod | Unset):
            room_id (None | str | Unset):
            shipping_fee (int | Unset):  Default: 0.
            traffic_source (TrafficSource | Unset): Where the buyer came from (live room, short video, product card, search,
                other).
            video_id (None | str | Unset):
     """

    buyer: BuyerIn
    items: list[OrderItemIn]
    receiver: ReceiverIn
    author_id: int | None | Unset = UNSET
    buyer_note: None | str | Unset = UNSET
    commission_rate_bps: int | Unset = 0
    created_at: datetime.datetime | None | Unset = UNSET
    discount_amount: int | Unset = 0
    order_no: None | str | Unset = UNSET
    pay_method: None | PayMethod | Unset = UNSET
    room_id: None | str | Unset = UNSET
    shipping_fee: int | Unset = 0
    traffic_source: TrafficSource | Unset = UNSET
    video_id: None | str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.buyer_in import BuyerIn # noqa: PLC0415
        from ..models.order_item_in import OrderItemIn # noqa: PLC0415
        from ..models.receiver_in import ReceiverIn # noqa: PLC0415
        buyer = self.buyer.to_dict()

        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)



        receiver = self.receiver.to_dict()

        author_id: int | None | Unset
        if isinstance(self.author_id, Unset):
            author_id = UNSET
        else:
            author_id = self.author_id

        buyer_note: None | str | Unset
        if isinstance(self.buyer_note, Unset):
            buyer_note = UNSET
        else:
            buyer_note = self.buyer_note

        commission_rate_bps = self.commission_rate_bps

        created_at: None | str | Unset
        if isinstance(self.created_at, Unset):
            created_at = UNSET
        elif isinstance(self.created_at, datetime.datetime):
            created_at = self.created_at.isoformat()
        else:
            created_at = self.created_at

        discount_amount = self.discount_amount

        order_no: None | str | Unset
        if isinstance(self.order_no, Unset):
            order_no = UNSET
        else:
            order_no = self.order_no

        pay_method: None | str | Unset
        if isinstance(self.pay_method, Unset):
            pay_method = UNSET
        elif isinstance(self.pay_method, PayMethod):
            pay_method = self.pay_method.value
        else:
            pay_method = self.pay_method

        room_id: None | str | Unset
        if isinstance(self.room_id, Unset):
            room_id = UNSET
        else:
            room_id = self.room_id

        shipping_fee = self.shipping_fee

        traffic_source: str | Unset = UNSET
        if not isinstance(self.traffic_source, Unset):
            traffic_source = self.traffic_source.value


        video_id: None | str | Unset
        if isinstance(self.video_id, Unset):
            video_id = UNSET
        else:
            video_id = self.video_id


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "buyer": buyer,
            "items": items,
            "receiver": receiver,
        })
        if author_id is not UNSET:
            field_dict["author_id"] = author_id
        if buyer_note is not UNSET:
            field_dict["buyer_note"] = buyer_note
        if commission_rate_bps is not UNSET:
            field_dict["commission_rate_bps"] = commission_rate_bps
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if discount_amount is not UNSET:
            field_dict["discount_amount"] = discount_amount
        if order_no is not UNSET:
            field_dict["order_no"] = order_no
        if pay_method is not UNSET:
            field_dict["pay_method"] = pay_method
        if room_id is not UNSET:
            field_dict["room_id"] = room_id
        if shipping_fee is not UNSET:
            field_dict["shipping_fee"] = shipping_fee
        if traffic_source is not UNSET:
            field_dict["traffic_source"] = traffic_source
        if video_id is not UNSET:
            field_dict["video_id"] = video_id

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.buyer_in import BuyerIn # noqa: PLC0415
        from ..models.order_item_in import OrderItemIn # noqa: PLC0415
        from ..models.receiver_in import ReceiverIn # noqa: PLC0415
        d = dict(src_dict)
        buyer = BuyerIn.from_dict(d.pop("buyer"))




        items = []
        _items = d.pop("items")
        for items_item_data in (_items):
            items_item = OrderItemIn.from_dict(items_item_data)



            items.append(items_item)


        receiver = ReceiverIn.from_dict(d.pop("receiver"))




        def _parse_author_id(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        author_id = _parse_author_id(d.pop("author_id", UNSET))


        def _parse_buyer_note(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        buyer_note = _parse_buyer_note(d.pop("buyer_note", UNSET))


        commission_rate_bps = d.pop("commission_rate_bps", UNSET)

        def _parse_created_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                created_at_type_0 = datetime.datetime.fromisoformat(data)



                return created_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        created_at = _parse_created_at(d.pop("created_at", UNSET))


        discount_amount = d.pop("discount_amount", UNSET)

        def _parse_order_no(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        order_no = _parse_order_no(d.pop("order_no", UNSET))


        def _parse_pay_method(data: object) -> None | PayMethod | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                pay_method_type_0 = PayMethod(data)



                return pay_method_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PayMethod | Unset, data)

        pay_method = _parse_pay_method(d.pop("pay_method", UNSET))


        def _parse_room_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        room_id = _parse_room_id(d.pop("room_id", UNSET))


        shipping_fee = d.pop("shipping_fee", UNSET)

        _traffic_source = d.pop("traffic_source", UNSET)
        traffic_source: TrafficSource | Unset
        if isinstance(_traffic_source,  Unset):
            traffic_source = UNSET
        else:
            traffic_source = TrafficSource(_traffic_source)




        def _parse_video_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        video_id = _parse_video_id(d.pop("video_id", UNSET))


        order_create = cls(
            buyer=buyer,
            items=items,
            receiver=receiver,
            author_id=author_id,
            buyer_note=buyer_note,
            commission_rate_bps=commission_rate_bps,
            created_at=created_at,
            discount_amount=discount_amount,
            order_no=order_no,
            pay_method=pay_method,
            room_id=room_id,
            shipping_fee=shipping_fee,
            traffic_source=traffic_source,
            video_id=video_id,
        )

        return order_create

