from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.after_sale_summary import AfterSaleSummary
  from ..models.buyer import Buyer
  from ..models.item_out import ItemOut





T = TypeVar("T", bound="OrderRow")



@_attrs_define
class OrderRow:
    """ 
        Attributes:
            after_sale (AfterSaleSummary):
            author_id (int | None):
            buyer (Buyer):
            city (str):
            created_at (str):
            flagged (bool):
            id (int):
            items (list[ItemOut]):
            order_no (str):
            paid_amount (int):
            paid_at (None | str):
            pay_method (None | str):
            pay_status (str):
            province (str):
            shop_id (int):
            status (str):
            tracking_numbers (list[str]):
            traffic_source (str):
            updated_at (str):
            version (int):
     """

    after_sale: AfterSaleSummary
    author_id: int | None
    buyer: Buyer
    city: str
    created_at: str
    flagged: bool
    id: int
    items: list[ItemOut]
    order_no: str
    paid_amount: int
    paid_at: None | str
    pay_method: None | str
    pay_status: str
    province: str
    shop_id: int
    status: str
    tracking_numbers: list[str]
    traffic_source: str
    updated_at: str
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.after_sale_summary import AfterSaleSummary # noqa: PLC0415
        from ..models.buyer import Buyer # noqa: PLC0415
        from ..models.item_out import ItemOut # noqa: PLC0415
        after_sale = self.after_sale.to_dict()

        author_id: int | None
        author_id = self.author_id

        buyer = self.buyer.to_dict()

        city = self.city

        created_at = self.created_at

        flagged = self.flagged

        id = self.id

        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)



        order_no = self.order_no

        paid_amount = self.paid_amount

        paid_at: None | str
        paid_at = self.paid_at

        pay_method: None | str
        pay_method = self.pay_method

        pay_status = self.pay_status

        province = self.province

        shop_id = self.shop_id

        status = self.status

        tracking_numbers = self.tracking_numbers



        traffic_source = self.traffic_source

        updated_at = self.updated_at

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
        from ..models.item_out import ItemOut # noqa: PLC0415
        d = dict(src_dict)
        after_sale = AfterSaleSummary.from_dict(d.pop("after_sale"))




        def _parse_author_id(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        author_id = _parse_author_id(d.pop("author_id"))


        buyer = Buyer.from_dict(d.pop("buyer"))




        city = d.pop("city")

        created_at = d.pop("created_at")

        flagged = d.pop("flagged")

        id = d.pop("id")

        items = []
        _items = d.pop("items")
        for items_item_data in (_items):
            items_item = ItemOut.from_dict(items_item_data)



            items.append(items_item)


        order_no = d.pop("order_no")

        paid_amount = d.pop("paid_amount")

        def _parse_paid_at(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        paid_at = _parse_paid_at(d.pop("paid_at"))


        def _parse_pay_method(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        pay_method = _parse_pay_method(d.pop("pay_method"))


        pay_status = d.pop("pay_status")

        province = d.pop("province")

        shop_id = d.pop("shop_id")

        status = d.pop("status")

        tracking_numbers = cast(list[str], d.pop("tracking_numbers"))


        traffic_source = d.pop("traffic_source")

        updated_at = d.pop("updated_at")

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
