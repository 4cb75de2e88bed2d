from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.order_status import OrderStatus
from ..models.pay_method import PayMethod
from ..models.pay_status import PayStatus
from ..models.traffic_source import TrafficSource
from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.after_sale import AfterSale
  from ..models.author_commission import AuthorCommission
  from ..models.buyer import Buyer
  from ..models.dispute import Dispute
  from ..models.order_item import OrderItem
  from ..models.payment_reminder import PaymentReminder
  from ..models.receiver import Receiver
  from ..models.refund import Refund
  from ..models.shipment import Shipment
  from ..models.timeline_event import TimelineEvent





T = TypeVar("T", bound="OrderDetail")



@_attrs_define
class OrderDetail:
    """ The order with its whole story (GET one order).

        Attributes:
            after_sales (list[AfterSale]):
            allowed_actions (list[str]): Order actions the caller (its role and scopes) may take now: close (unpaid), ship,
                refund; edits such as flag or remark are always possible. The commerce core's steps (pay, sign, complete) are
                never listed.
            author (AuthorCommission | None): Credited author and commission, or null.
            buyer (Buyer):
            buyer_note (None | str): The buyer's note at checkout.
            city (str): The receiver's city (never masked).
            close_reason (None | str):
            closed_at (datetime.datetime | None):
            completed_at (datetime.datetime | None):
            created_at (datetime.datetime): RFC 3339 instant in UTC.
            discount_amount (int): Discount in fen.
            disputes (list[Dispute]):
            flag_reason (None | str): Why it was flagged, while flagged.
            flagged (bool): Marked abnormal by the merchant.
            goods_amount (int): Sum of quantity x unit_price, in fen.
            id (int): Order id (unique within the shop).
            items (list[OrderItem]):
            merchant_remark (None | str): The merchant's private note.
            order_no (str): 19-digit order number.
            paid_amount (int): goods - discount + shipping, in fen; 0 until paid.
            paid_at (datetime.datetime | None):
            pay_method (None | PayMethod): Null until paid.
            pay_status (PayStatus): Money state, independent of fulfilment (a shipped order can be partially refunded).
            payment_reminders (list[PaymentReminder]):
            province (str): The receiver's province (never masked).
            receiver (Receiver): Where the parcel goes. Without `orders:read_pii` name, phone and address come masked.
            refundable_amount (int): What may still be refunded: paid_amount - refunded_amount.
            refunded_amount (int): Refunded so far, in fen.
            refunds (list[Refund]): The refund ledger, oldest first.
            room_id (None | str): Live room of the sale, if any.
            shipments (list[Shipment]):
            shipped_at (datetime.datetime | None): First parcel shipped.
            shipping_fee (int): Shipping fee in fen.
            shop_id (int):
            signed_at (datetime.datetime | None): Delivery scan.
            status (OrderStatus): Where the order is in its life: pending_payment -> paid -> (partially_shipped ->)
                shipped -> completed; an unpaid order can be closed, and a full refund closes a paid one.
            timeline (list[TimelineEvent]):
            tracking_numbers (list[str]): Of every parcel, in order.
            traffic_source (TrafficSource): Where the buyer came from (live room, short video, product card, search, other).
            updated_at (datetime.datetime): RFC 3339 instant in UTC.
            version (int): Bumped by every change; send it back as `If-Match` or `expected_version`.
            video_id (None | str): Short video of the sale, if any.
     """

    after_sales: list[AfterSale]
    allowed_actions: list[str]
    author: AuthorCommission | None
    buyer: Buyer
    buyer_note: None | str
    city: str
    close_reason: None | str
    closed_at: datetime.datetime | None
    completed_at: datetime.datetime | None
    created_at: datetime.datetime
    discount_amount: int
    disputes: list[Dispute]
    flag_reason: None | str
    flagged: bool
    goods_amount: int
    id: int
    items: list[OrderItem]
    merchant_remark: None | str
    order_no: str
    paid_amount: int
    paid_at: datetime.datetime | None
    pay_method: None | PayMethod
    pay_status: PayStatus
    payment_reminders: list[PaymentReminder]
    province: str
    receiver: Receiver
    refundable_amount: int
    refunded_amount: int
    refunds: list[Refund]
    room_id: None | str
    shipments: list[Shipment]
    shipped_at: datetime.datetime | None
    shipping_fee: int
    shop_id: int
    signed_at: datetime.datetime | None
    status: OrderStatus
    timeline: list[TimelineEvent]
    tracking_numbers: list[str]
    traffic_source: TrafficSource
    updated_at: datetime.datetime
    version: int
    video_id: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.after_sale import AfterSale # noqa: PLC0415
        from ..models.author_commission import AuthorCommission # noqa: PLC0415
        from ..models.buyer import Buyer # noqa: PLC0415
        from ..models.dispute import Dispute # noqa: PLC0415
        from ..models.order_item import OrderItem # noqa: PLC0415
        from ..models.payment_reminder import PaymentReminder # noqa: PLC0415
        from ..models.receiver import Receiver # noqa: PLC0415
        from ..models.refund import Refund # noqa: PLC0415
        from ..models.shipment import Shipment # noqa: PLC0415
        from ..models.timeline_event import TimelineEvent # noqa: PLC0415
        after_sales = []
        for after_sales_item_data in self.after_sales:
            after_sales_item = after_sales_item_data.to_dict()
            after_sales.append(after_sales_item)



        allowed_actions = self.allowed_actions



        author: dict[str, Any] | None
        if isinstance(self.author, AuthorCommission):
            author = self.author.to_dict()
        else:
            author = self.author

        buyer = self.buyer.to_dict()

        buyer_note: None | str
        buyer_note = self.buyer_note

        city = self.city

        close_reason: None | str
        close_reason = self.close_reason

        closed_at: None | str
        if isinstance(self.closed_at, datetime.datetime):
            closed_at = self.closed_at.isoformat()
        else:
            closed_at = self.closed_at

        completed_at: None | str
        if isinstance(self.completed_at, datetime.datetime):
            completed_at = self.completed_at.isoformat()
        else:
            completed_at = self.completed_at

        created_at = self.created_at.isoformat()

        discount_amount = self.discount_amount

        disputes = []
        for disputes_item_data in self.disputes:
            disputes_item = disputes_item_data.to_dict()
            disputes.append(disputes_item)



        flag_reason: None | str
        flag_reason = self.flag_reason

        flagged = self.flagged

        goods_amount = self.goods_amount

        id = self.id

        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)



        merchant_remark: None | str
        merchant_remark = self.merchant_remark

        order_no = self.order_no

        paid_amount = self.paid_amount

        paid_at: None | str
        if isinstance(self.paid_at, datetime.datetime):
            paid_at = self.paid_at.isoformat()
        else:
            paid_at = self.paid_at

        pay_method: None | str
        if isinstance(self.pay_method, PayMethod):
            pay_method = self.pay_method.value
        else:
            pay_method = self.pay_method

        pay_status = self.pay_status.value

        payment_reminders = []
        for payment_reminders_item_data in self.payment_reminders:
            payment_reminders_item = payment_reminders_item_data.to_dict()
            payment_reminders.append(payment_reminders_item)



        province = self.province

        receiver = self.receiver.to_dict()

        refundable_amount = self.refundable_amount

        refunded_amount = self.refunded_amount

        refunds = []
        for refunds_item_data in self.refunds:
            refunds_item = refunds_item_data.to_dict()
            refunds.append(refunds_item)



        room_id: None | str
        room_id = self.room_id

        shipments = []
        for shipments_item_data in self.shipments:
            shipments_item = shipments_item_data.to_dict()
            shipments.append(shipments_item)



        shipped_at: None | str
        if isinstance(self.shipped_at, datetime.datetime):
            shipped_at = self.shipped_at.isoformat()
        else:
            shipped_at = self.shipped_at

        shipping_fee = self.shipping_fee

        shop_id = self.shop_id

        signed_at: None | str
        if isinstance(self.signed_at, datetime.datetime):
            signed_at = self.signed_at.isoformat()
        else:
            signed_at = self.signed_at

        status = self.status.value

        timeline = []
        for timeline_item_data in self.timeline:
            timeline_item = timeline_item_data.to_dict()
            timeline.append(timeline_item)



        tracking_numbers = self.tracking_numbers



        traffic_source = self.traffic_source.value

        updated_at = self.updated_at.isoformat()

        version = self.version

        video_id: None | str
        video_id = self.video_id


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "after_sales": after_sales,
            "allowed_actions": allowed_actions,
            "author": author,
            "buyer": buyer,
            "buyer_note": buyer_note,
            "city": city,
            "close_reason": close_reason,
            "closed_at": closed_at,
            "completed_at": completed_at,
            "created_at": created_at,
            "discount_amount": discount_amount,
            "disputes": disputes,
            "flag_reason": flag_reason,
            "flagged": flagged,
            "goods_amount": goods_amount,
            "id": id,
            "items": items,
            "merchant_remark": merchant_remark,
            "order_no": order_no,
            "paid_amount": paid_amount,
            "paid_at": paid_at,
            "pay_method": pay_method,
            "pay_status": pay_status,
            "payment_reminders": payment_reminders,
            "province": province,
            "receiver": receiver,
            "refundable_amount": refundable_amount,
            "refunded_amount": refunded_amount,
            "refunds": refunds,
            "room_id": room_id,
            "shipments": shipments,
            "shipped_at": shipped_at,
            "shipping_fee": shipping_fee,
            "shop_id": shop_id,
            "signed_at": signed_at,
            "status": status,
            "timeline": timeline,
            "tracking_numbers": tracking_numbers,
            "traffic_source": traffic_source,
            "updated_at": updated_at,
            "version": version,
            "video_id": video_id,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.after_sale import AfterSale # noqa: PLC0415
        from ..models.author_commission import AuthorCommission # noqa: PLC0415
        from ..models.buyer import Buyer # noqa: PLC0415
        from ..models.dispute import Dispute # noqa: PLC0415
        from ..models.order_item import OrderItem # noqa: PLC0415
        from ..models.payment_reminder import PaymentReminder # noqa: PLC0415
        from ..models.receiver import Receiver # noqa: PLC0415
        from ..models.refund import Refund # noqa: PLC0415
        from ..models.shipment import Shipment # noqa: PLC0415
        from ..models.timeline_event import TimelineEvent # noqa: PLC0415
        d = dict(src_dict)
        after_sales = []
        _after_sales = d.pop("after_sales")
        for after_sales_item_data in (_after_sales):
            after_sales_item = AfterSale.from_dict(after_sales_item_data)



            after_sales.append(after_sales_item)


        allowed_actions = cast(list[str], d.pop("allowed_actions"))


        def _parse_author(data: object) -> AuthorCommission | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                author_type_0 = AuthorCommission.from_dict(data)



                return author_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AuthorCommission | None, data)

        author = _parse_author(d.pop("author"))


        buyer = Buyer.from_dict(d.pop("buyer"))




        def _parse_buyer_note(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        buyer_note = _parse_buyer_note(d.pop("buyer_note"))


        city = d.pop("city")

        def _parse_close_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        close_reason = _parse_close_reason(d.pop("close_reason"))


        def _parse_closed_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                closed_at_type_0 = datetime.datetime.fromisoformat(data)



                return closed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        closed_at = _parse_closed_at(d.pop("closed_at"))


        def _parse_completed_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                completed_at_type_0 = datetime.datetime.fromisoformat(data)



                return completed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        completed_at = _parse_completed_at(d.pop("completed_at"))


        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        discount_amount = d.pop("discount_amount")

        disputes = []
        _disputes = d.pop("disputes")
        for disputes_item_data in (_disputes):
            disputes_item = Dispute.from_dict(disputes_item_data)



            disputes.append(disputes_item)


        def _parse_flag_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        flag_reason = _parse_flag_reason(d.pop("flag_reason"))


        flagged = d.pop("flagged")

        goods_amount = d.pop("goods_amount")

        id = d.pop("id")

        items = []
        _items = d.pop("items")
        for items_item_data in (_items):
            items_item = OrderItem.from_dict(items_item_data)



            items.append(items_item)


        def _parse_merchant_remark(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        merchant_remark = _parse_merchant_remark(d.pop("merchant_remark"))


        order_no = d.pop("order_no")

        paid_amount = d.pop("paid_amount")

        def _parse_paid_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                paid_at_type_0 = datetime.datetime.fromisoformat(data)



                return paid_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        paid_at = _parse_paid_at(d.pop("paid_at"))


        def _parse_pay_method(data: object) -> None | PayMethod:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                pay_method_type_0 = PayMethod(data)



                return pay_method_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PayMethod, data)

        pay_method = _parse_pay_method(d.pop("pay_method"))


        pay_status = PayStatus(d.pop("pay_status"))




        payment_reminders = []
        _payment_reminders = d.pop("payment_reminders")
        for payment_reminders_item_data in (_payment_reminders):
            payment_reminders_item = PaymentReminder.from_dict(payment_reminders_item_data)



            payment_reminders.append(payment_reminders_item)


        province = d.pop("province")

        receiver = Receiver.from_dict(d.pop("receiver"))




        refundable_amount = d.pop("refundable_amount")

        refunded_amount = d.pop("refunded_amount")

        refunds = []
        _refunds = d.pop("refunds")
        for refunds_item_data in (_refunds):
            refunds_item = Refund.from_dict(refunds_item_data)



            refunds.append(refunds_item)


        def _parse_room_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        room_id = _parse_room_id(d.pop("room_id"))


        shipments = []
        _shipments = d.pop("shipments")
        for shipments_item_data in (_shipments):
            shipments_item = Shipment.from_dict(shipments_item_data)



            shipments.append(shipments_item)


        def _parse_shipped_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                shipped_at_type_0 = datetime.datetime.fromisoformat(data)



                return shipped_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        shipped_at = _parse_shipped_at(d.pop("shipped_at"))


        shipping_fee = d.pop("shipping_fee")

        shop_id = d.pop("shop_id")

        def _parse_signed_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                signed_at_type_0 = datetime.datetime.fromisoformat(data)



                return signed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        signed_at = _parse_signed_at(d.pop("signed_at"))


        status = OrderStatus(d.pop("status"))




        timeline = []
        _timeline = d.pop("timeline")
        for timeline_item_data in (_timeline):
            timeline_item = TimelineEvent.from_dict(timeline_item_data)



            timeline.append(timeline_item)


        tracking_numbers = cast(list[str], d.pop("tracking_numbers"))


        traffic_source = TrafficSource(d.pop("traffic_source"))




        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))




        version = d.pop("version")

        def _parse_video_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        video_id = _parse_video_id(d.pop("video_id"))


        order_detail = cls(
            after_sales=after_sales,
            allowed_actions=allowed_actions,
            author=author,
            buyer=buyer,
            buyer_note=buyer_note,
            city=city,
            close_reason=close_reason,
            closed_at=closed_at,
            completed_at=completed_at,
            created_at=created_at,
            discount_amount=discount_amount,
            disputes=disputes,
            flag_reason=flag_reason,
            flagged=flagged,
            goods_amount=goods_amount,
            id=id,
            items=items,
            merchant_remark=merchant_remark,
            order_no=order_no,
            paid_amount=paid_amount,
            paid_at=paid_at,
            pay_method=pay_method,
            pay_status=pay_status,
            payment_reminders=payment_reminders,
            province=province,
            receiver=receiver,
            refundable_amount=refundable_amount,
            refunded_amount=refunded_amount,
            refunds=refunds,
            room_id=room_id,
            shipments=shipments,
            shipped_at=shipped_at,
            shipping_fee=shipping_fee,
            shop_id=shop_id,
            signed_at=signed_at,
            status=status,
            timeline=timeline,
            tracking_numbers=tracking_numbers,
            traffic_source=traffic_source,
            updated_at=updated_at,
            version=version,
            video_id=video_id,
        )


        order_detail.additional_properties = d
        return order_detail

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
