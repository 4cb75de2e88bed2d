from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.after_sale_status import AfterSaleStatus
from ..models.day_range_name import DayRangeName
from ..models.order_status import OrderStatus
from ..models.pay_method import PayMethod
from ..models.pay_status import PayStatus
from ..models.traffic_source import TrafficSource
from ..types import UNSET, Unset
from typing import cast
import datetime






T = TypeVar("T", bound="OrderFilter")



@_attrs_define
class OrderFilter:
    """ Every filter of the order list; all optional, combined with AND.

        Attributes:
            after_sale_status (list[AfterSaleStatus] | None | Unset): Has an after-sale in one of these states (repeatable)
            author_id (int | None | Unset):
            buyer_id (None | str | Unset): Exact buyer id
            buyer_nickname (None | str | Unset): Nickname prefix, case-insensitive
            buyer_note_contains (None | str | Unset): The buyer's note contains this text (case-insensitive)
            created_from (datetime.datetime | None | Unset): Inclusive, RFC 3339
            created_to (datetime.datetime | None | Unset): Exclusive, RFC 3339
            flagged (bool | None | Unset):
            has_after_sale (bool | None | Unset):
            max_paid (int | None | Unset): Fen, inclusive
            merchant_remark_contains (None | str | Unset): The merchant remark contains this text (case-insensitive)
            min_paid (int | None | Unset): Fen, inclusive
            order_no (None | str | Unset): Exact order number
            pay_method (list[PayMethod] | None | Unset): Repeatable
            pay_status (list[PayStatus] | None | Unset): Repeatable
            product_id (int | None | Unset): Has this product
            province (None | str | Unset): Exact province
            range_ (DayRangeName | None | Unset): Created within whole days in the shop's timezone
            status (list[OrderStatus] | None | Unset): Repeatable
            tracking_no (None | str | Unset): Has a parcel with this tracking number
            traffic_source (list[TrafficSource] | None | Unset): Repeatable
            updated_from (datetime.datetime | None | Unset): Inclusive, RFC 3339
            updated_to (datetime.datetime | None | Unset): Exclusive, RFC 3339
     """

    after_sale_status: list[AfterSaleStatus] | None | Unset = UNSET
    author_id: int | None | Unset = UNSET
    buyer_id: None | str | Unset = UNSET
    buyer_nickname: None | str | Unset = UNSET
    buyer_note_contains: None | str | Unset = UNSET
    created_from: datetime.datetime | None | Unset = UNSET
    created_to: datetime.datetime | None | Unset = UNSET
    flagged: bool | None | Unset = UNSET
    has_after_sale: bool | None | Unset = UNSET
    max_paid: int | None | Unset = UNSET
    merchant_remark_contains: None | str | Unset = UNSET
    min_paid: int | None | Unset = UNSET
    order_no: None | str | Unset = UNSET
    pay_method: list[PayMethod] | None | Unset = UNSET
    pay_status: list[PayStatus] | None | Unset = UNSET
    product_id: int | None | Unset = UNSET
    province: None | str | Unset = UNSET
    range_: DayRangeName | None | Unset = UNSET
    status: list[OrderStatus] | None | Unset = UNSET
    tracking_no: None | str | Unset = UNSET
    traffic_source: list[TrafficSource] | None | Unset = UNSET
    updated_from: datetime.datetime | None | Unset = UNSET
    updated_to: datetime.datetime | None | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        after_sale_status: list[str] | None | Unset
        if isinstance(self.after_sale_status, Unset):
            after_sale_status = UNSET
        elif isinstance(self.after_sale_status, list):
            after_sale_status = []
            for after_sale_status_type_0_item_data in self.after_sale_status:
                after_sale_status_type_0_item = after_sale_status_type_0_item_data.value
                after_sale_status.append(after_sale_status_type_0_item)


        else:
            after_sale_status = self.after_sale_status

        author_id: int | None | Unset
        if isinstance(self.author_id, Unset):
            author_id = UNSET
        else:
            author_id = self.author_id

        buyer_id: None | str | Unset
        if isinstance(self.buyer_id, Unset):
            buyer_id = UNSET
        else:
            buyer_id = self.buyer_id

        buyer_nickname: None | str | Unset
        if isinstance(self.buyer_nickname, Unset):
            buyer_nickname = UNSET
        else:
            buyer_nickname = self.buyer_nickname

        buyer_note_contains: None | str | Unset
        if isinstance(self.buyer_note_contains, Unset):
            buyer_note_contains = UNSET
        else:
            buyer_note_contains = self.buyer_note_contains

        created_from: None | str | Unset
        if isinstance(self.created_from, Unset):
            created_from = UNSET
        elif isinstance(self.created_from, datetime.datetime):
            created_from = self.created_from.isoformat()
        else:
            created_from = self.created_from

        created_to: None | str | Unset
        if isinstance(self.created_to, Unset):
            created_to = UNSET
        elif isinstance(self.created_to, datetime.datetime):
            created_to = self.created_to.isoformat()
        else:
            created_to = self.created_to

        flagged: bool | None | Unset
        if isinstance(self.flagged, Unset):
            flagged = UNSET
        else:
            flagged = self.flagged

        has_after_sale: bool | None | Unset
        if isinstance(self.has_after_sale, Unset):
            has_after_sale = UNSET
        else:
            has_after_sale = self.has_after_sale

        max_paid: int | None | Unset
        if isinstance(self.max_paid, Unset):
            max_paid = UNSET
        else:
            max_paid = self.max_paid

        merchant_remark_contains: None | str | Unset
        if isinstance(self.merchant_remark_contains, Unset):
            merchant_remark_contains = UNSET
        else:
            merchant_remark_contains = self.merchant_remark_contains

        min_paid: int | None | Unset
        if isinstance(self.min_paid, Unset):
            min_paid = UNSET
        else:
            min_paid = self.min_paid

        order_no: None | str | Unset
        if isinstance(self.order_no, Unset):
            order_no = UNSET
        else:
            order_no = self.order_no

        pay_method: list[str] | None | Unset
        if isinstance(self.pay_method, Unset):
            pay_method = UNSET
        elif isinstance(self.pay_method, list):
            pay_method = []
            for pay_method_type_0_item_data in self.pay_method:
                pay_method_type_0_item = pay_method_type_0_item_data.value
                pay_method.append(pay_method_type_0_item)


        else:
            pay_method = self.pay_method

        pay_status: list[str] | None | Unset
        if isinstance(self.pay_status, Unset):
            pay_status = UNSET
        elif isinstance(self.pay_status, list):
            pay_status = []
            for pay_status_type_0_item_data in self.pay_status:
                pay_status_type_0_item = pay_status_type_0_item_data.value
                pay_status.append(pay_status_type_0_item)


        else:
            pay_status = self.pay_status

        product_id: int | None | Unset
        if isinstance(self.product_id, Unset):
            product_id = UNSET
        else:
            product_id = self.product_id

        province: None | str | Unset
        if isinstance(self.province, Unset):
            province = UNSET
        else:
            province = self.province

        range_: None | str | Unset
        if isinstance(self.range_, Unset):
            range_ = UNSET
        elif isinstance(self.range_, DayRangeName):
            range_ = self.range_.value
        else:
            range_ = self.range_

        status: list[str] | None | Unset
        if isinstance(self.status, Unset):
            status = UNSET
        elif isinstance(self.status, list):
            status = []
            for status_type_0_item_data in self.status:
                status_type_0_item = status_type_0_item_data.value
                status.append(status_type_0_item)


        else:
            status = self.status

        tracking_no: None | str | Unset
        if isinstance(self.tracking_no, Unset):
            tracking_no = UNSET
        else:
            tracking_no = self.tracking_no

        traffic_source: list[str] | None | Unset
        if isinstance(self.traffic_source, Unset):
            traffic_source = UNSET
        elif isinstance(self.traffic_source, list):
            traffic_source = []
            for traffic_source_type_0_item_data in self.traffic_source:
                traffic_source_type_0_item = traffic_source_type_0_item_data.value
                traffic_source.append(traffic_source_type_0_item)


        else:
            traffic_source = self.traffic_source

        updated_from: None | str | Unset
        if isinstance(self.updated_from, Unset):
            updated_from = UNSET
        elif isinstance(self.updated_from, datetime.datetime):
            updated_from = self.updated_from.isoformat()
        else:
            updated_from = self.updated_from

        updated_to: None | str | Unset
        if isinstance(self.updated_to, Unset):
            updated_to = UNSET
        elif isinstance(self.updated_to, datetime.datetime):
            updated_to = self.updated_to.isoformat()
        else:
            updated_to = self.updated_to


        field_dict: dict[str, Any] = {}

        field_dict.update({
        })
        if after_sale_status is not UNSET:
            field_dict["after_sale_status"] = after_sale_status
        if author_id is not UNSET:
            field_dict["author_id"] = author_id
        if buyer_id is not UNSET:
            field_dict["buyer_id"] = buyer_id
        if buyer_nickname is not UNSET:
            field_dict["buyer_nickname"] = buyer_nickname
        if buyer_note_contains is not UNSET:
            field_dict["buyer_note_contains"] = buyer_note_contains
        if created_from is not UNSET:
            field_dict["created_from"] = created_from
        if created_to is not UNSET:
            field_dict["created_to"] = created_to
        if flagged is not UNSET:
            field_dict["flagged"] = flagged
        if has_after_sale is not UNSET:
            field_dict["has_after_sale"] = has_after_sale
        if max_paid is not UNSET:
            field_dict["max_paid"] = max_paid
        if merchant_remark_contains is not UNSET:
            field_dict["merchant_remark_contains"] = merchant_remark_contains
        if min_paid is not UNSET:
            field_dict["min_paid"] = min_paid
        if order_no is not UNSET:
            field_dict["order_no"] = order_no
        if pay_method is not UNSET:
            field_dict["pay_method"] = pay_method
        if pay_status is not UNSET:
            field_dict["pay_status"] = pay_status
        if product_id is not UNSET:
            field_dict["product_id"] = product_id
        if province is not UNSET:
            field_dict["province"] = province
        if range_ is not UNSET:
            field_dict["range"] = range_
        if status is not UNSET:
            field_dict["status"] = status
        if tracking_no is not UNSET:
            field_dict["tracking_no"] = tracking_no
        if traffic_source is not UNSET:
            field_dict["traffic_source"] = traffic_source
        if updated_from is not UNSET:
            field_dict["updated_from"] = updated_from
        if updated_to is not UNSET:
            field_dict["updated_to"] = updated_to

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        def _parse_after_sale_status(data: object) -> list[AfterSaleStatus] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                after_sale_status_type_0 = []
                _after_sale_status_type_0 = data
                for after_sale_status_type_0_item_data in (_after_sale_status_type_0):
                    after_sale_status_type_0_item = AfterSaleStatus(after_sale_status_type_0_item_data)



                    after_sale_status_type_0.append(after_sale_status_type_0_item)

                return after_sale_status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[AfterSaleStatus] | None | Unset, data)

        after_sale_status = _parse_after_sale_status(d.pop("after_sale_status", UNSET))


        def _parse_author_id(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        author_id = _parse_author_id(d.pop("author_id", UNSET))


        def _parse_buyer_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        buyer_id = _parse_buyer_id(d.pop("buyer_id", UNSET))


        def _parse_buyer_nickname(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        buyer_nickname = _parse_buyer_nickname(d.pop("buyer_nickname", UNSET))


        def _parse_buyer_note_contains(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        buyer_note_contains = _parse_buyer_note_contains(d.pop("buyer_note_contains", UNSET))


        def _parse_created_from(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                created_from_type_0 = datetime.datetime.fromisoformat(data)



                return created_from_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        created_from = _parse_created_from(d.pop("created_from", UNSET))


        def _parse_created_to(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                created_to_type_0 = datetime.datetime.fromisoformat(data)



                return created_to_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        created_to = _parse_created_to(d.pop("created_to", UNSET))


        def _parse_flagged(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        flagged = _parse_flagged(d.pop("flagged", UNSET))


        def _parse_has_after_sale(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        has_after_sale = _parse_has_after_sale(d.pop("has_after_sale", UNSET))


        def _parse_max_paid(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        max_paid = _parse_max_paid(d.pop("max_paid", UNSET))


        def _parse_merchant_remark_contains(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        merchant_remark_contains = _parse_merchant_remark_contains(d.pop("merchant_remark_contains", UNSET))


        def _parse_min_paid(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        min_paid = _parse_min_paid(d.pop("min_paid", UNSET))


        def _parse_order_no(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        order_no = _parse_order_no(d.pop("order_no", UNSET))


        def _parse_pay_method(data: object) -> list[PayMethod] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                pay_method_type_0 = []
                _pay_method_type_0 = data
                for pay_method_type_0_item_data in (_pay_method_type_0):
                    pay_method_type_0_item = PayMethod(pay_method_type_0_item_data)



                    pay_method_type_0.append(pay_method_type_0_item)

                return pay_method_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[PayMethod] | None | Unset, data)

        pay_method = _parse_pay_method(d.pop("pay_method", UNSET))


        def _parse_pay_status(data: object) -> list[PayStatus] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                pay_status_type_0 = []
                _pay_status_type_0 = data
                for pay_status_type_0_item_data in (_pay_status_type_0):
                    pay_status_type_0_item = PayStatus(pay_status_type_0_item_data)



                    pay_status_type_0.append(pay_status_type_0_item)

                return pay_status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[PayStatus] | None | Unset, data)

        pay_status = _parse_pay_status(d.pop("pay_status", UNSET))


        def _parse_product_id(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        product_id = _parse_product_id(d.pop("product_id", UNSET))


        def _parse_province(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        province = _parse_province(d.pop("province", UNSET))


        def _parse_range_(data: object) -> DayRangeName | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                range_type_0 = DayRangeName(data)



                return range_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(DayRangeName | None | Unset, data)

        range_ = _parse_range_(d.pop("range", UNSET))


        def _parse_status(data: object) -> list[OrderStatus] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                status_type_0 = []
                _status_type_0 = data
                for status_type_0_item_data in (_status_type_0):
                    status_type_0_item = OrderStatus(status_type_0_item_data)



                    status_type_0.append(status_type_0_item)

                return status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[OrderStatus] | None | Unset, data)

        status = _parse_status(d.pop("status", UNSET))


        def _parse_tracking_no(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        tracking_no = _parse_tracking_no(d.pop("tracking_no", UNSET))


        def _parse_traffic_source(data: object) -> list[TrafficSource] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                traffic_source_type_0 = []
                _traffic_source_type_0 = data
                for traffic_source_type_0_item_data in (_traffic_source_type_0):
                    traffic_source_type_0_item = TrafficSource(traffic_source_type_0_item_data)



                    traffic_source_type_0.append(traffic_source_type_0_item)

                return traffic_source_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[TrafficSource] | None | Unset, data)

        traffic_source = _parse_traffic_source(d.pop("traffic_source", UNSET))


        def _parse_updated_from(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                updated_from_type_0 = datetime.datetime.fromisoformat(data)



                return updated_from_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        updated_from = _parse_updated_from(d.pop("updated_from", UNSET))


        def _parse_updated_to(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                updated_to_type_0 = datetime.datetime.fromisoformat(data)



                return updated_to_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        updated_to = _parse_updated_to(d.pop("updated_to", UNSET))


        order_filter = cls(
            after_sale_status=after_sale_status,
            author_id=author_id,
            buyer_id=buyer_id,
            buyer_nickname=buyer_nickname,
            buyer_note_contains=buyer_note_contains,
            created_from=created_from,
            created_to=created_to,
            flagged=flagged,
            has_after_sale=has_after_sale,
            max_paid=max_paid,
            merchant_remark_contains=merchant_remark_contains,
            min_paid=min_paid,
            order_no=order_no,
            pay_method=pay_method,
            pay_status=pay_status,
            product_id=product_id,
            province=province,
            range_=range_,
            status=status,
            tracking_no=tracking_no,
            traffic_source=traffic_source,
            updated_from=updated_from,
            updated_to=updated_to,
        )

        return order_filter

