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
  from ..models.after_sale_summary import AfterSaleSummary
  from ..models.buyer import Buyer
  from ..models.order_item import OrderItem





T = TypeVar("T", bound="OrderRow")



@_attrs_define
class OrderRow:
    """ An order as the list shows it (no receiver: read the detail for that).

        Attributes:
            after_sale (AfterSaleSummary): The order's after-sales at a glance (details: GET .../after-sales?order_id=).
            author_id (int | None): Credited author, if any.
            buyer (Buyer):
            city (str):
            created_at (datetime.datetime): RFC 3339 instant in UTC.
            flagged (bool): Marked abnormal by the merchant.
            id (int):
            items (list[OrderItem]):
            order_no (str): 19-digit order number.
            paid_amount (int): Money in fen (12990 = ¥129.90).
            paid_at (datetime.datetime | None):
            pay_method (None | PayMethod):
            pay_status (PayStatus): Money state, independent of fulfilment (a shipped order can be partially refunded).
            province (str):
            shop_id (int):
            status (OrderStatus): Where the order is in its life: pending_payment -> paid -> (partially_shipped ->)
                shipped -> completed; an unpaid order can be closed, and a full refund closes a paid one.
            tracking_numbers (list[str]): Of every parcel, in order.
            traffic_source (TrafficSource): Where the buyer came from (live room, short video, product card, search, other).
            updated_at (datetime.datetime): RFC 3339 instant in UTC.
            version (int): Bumped by every change; send it back as `If-Match` or `expected_version`.
     """

    after_sale: AfterSaleSummary
    author_id: int | None
    buyer: Buyer
    city: str
    created_at: datetime.datetime
    flagged: bool
    id: int
    items: list[OrderItem]
    order_no: str
    paid_amount: int
    paid_at: datetime.datetime | None
    pay_method: None | PayMethod
    pay_status: PayStatus
    province: str
    shop_id: int
    status: OrderStatus
    tracking_numbers: list[str]
    traffic_source: TrafficSource
    updated_at: datetime.datetime
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.after_sale_summary import AfterSaleSummary # noqa: PLC0415
        from ..models.buyer import Buyer # noqa: PLC0415
        from ..models.order_item import OrderItem # noqa: PLC0415
        after_sale = self.after_sale.to_dict()

        author_id: int | None
        author_id = self.author_id

        buyer = self.buyer.to_dict()

        city = self.city

        created_at = self.created_at.isoformat()

        flagged = self.flagged

        id = self.id

        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)



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

        province = self.province

        shop_id = self.shop_id

        status = self.status.value

        tracking_numbers = self.tracking_numbers



        traffic_source = self.traffic_source.value

        updated_at = self.updated_at.isoformat()

        version = self.version


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "after_sale": after_sale,
            "author_id": author_id,
            "buyer": buyer,
            "city": city,
            "created_at": created_at,
            "flagged": flagged,
            "id": id,
            "items": items,
            "order_no": order_no,
            "paid_amount": paid_amount,
            "paid_at": paid_at,
            "pay_method": pay_method,
            "pay_status": pay_status,
            "province": province,
            "shop_id": shop_id,
            "status": status,
            "tracking_numbers": tracking_numbers,
            "traffic_source": traffic_source,
            "updated_at": updated_at,
            "version": version,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.after_sale_summary import AfterSaleSummary # noqa: PLC0415
        from ..models.buyer import Buyer # noqa: PLC0415
        from ..models.order_item import OrderItem # noqa: PLC0415
        d = dict(src_dict)
        after_sale = AfterSaleSummary.from_dict(d.pop("after_sale"))




        def _parse_author_id(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        author_id = _parse_author_id(d.pop("author_id"))


        buyer = Buyer.from_dict(d.pop("buyer"))




        city = d.pop("city")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        flagged = d.pop("flagged")

        id = d.pop("id")

        items = []
        _items = d.pop("items")
        for items_item_data in (_items):
            items_item = OrderItem.from_dict(items_item_data)



            items.append(items_item)


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




        province = d.pop("province")

        shop_id = d.pop("shop_id")

        status = OrderStatus(d.pop("status"))




        tracking_numbers = cast(list[str], d.pop("tracking_numbers"))


        traffic_source = TrafficSource(d.pop("traffic_source"))




        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))




        version = d.pop("version")

        order_row = cls(
            after_sale=after_sale,
            author_id=author_id,
            buyer=buyer,
            city=city,
            created_at=created_at,
            flagged=flagged,
            id=id,
            items=items,
            order_no=order_no,
            paid_amount=paid_amount,
            paid_at=paid_at,
            pay_method=pay_method,
            pay_status=pay_status,
            province=province,
            shop_id=shop_id,
            status=status,
            tracking_numbers=tracking_numbers,
            traffic_source=traffic_source,
            updated_at=updated_at,
            version=version,
        )


        order_row.additional_properties = d
        return order_row

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
