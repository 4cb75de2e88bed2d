from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.author_content import AuthorContent
  from ..models.author_source import AuthorSource





T = TypeVar("T", bound="AuthorMetrics")



@_attrs_define
class AuthorMetrics:
    """ One influencer's orders, GMV and commission.

        Attributes:
            aov (int | None): gmv / orders paid in the range, fen rounded half up; null without any.
            author_id (int):
            by_content (list[AuthorContent]): Top rooms and videos, most GMV first (≤ 20).
            by_source (list[AuthorSource]): Most GMV first.
            commission (int): Integer fen (12990 is ¥129.90).
            gmv (int): Paid amount of orders paid in the range, in fen.
            nickname (None | str):
            orders (int): Orders created in the range.
            paid_orders (int): Orders paid in the range (by paid_at, whenever created).
     """

    aov: int | None
    author_id: int
    by_content: list[AuthorContent]
    by_source: list[AuthorSource]
    commission: int
    gmv: int
    nickname: None | str
    orders: int
    paid_orders: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.author_content import AuthorContent # noqa: PLC0415
        from ..models.author_source import AuthorSource # noqa: PLC0415
        aov: int | None
        aov = self.aov

        author_id = self.author_id

        by_content = []
        for by_content_item_data in self.by_content:
            by_content_item = by_content_item_data.to_dict()
            by_content.append(by_content_item)



        by_source = []
        for by_source_item_data in self.by_source:
            by_source_item = by_source_item_data.to_dict()
            by_source.append(by_source_item)



        commission = self.commission

        gmv = self.gmv

        nickname: None | str
        nickname = self.nickname

        orders = self.orders

        paid_orders = self.paid_orders


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "aov": aov,
            "author_id": author_id,
            "by_content": by_content,
            "by_source": by_source,
            "commission": commission,
            "gmv": gmv,
            "nickname": nickname,
            "orders": orders,
            "paid_orders": paid_orders,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.author_content import AuthorContent # noqa: PLC0415
        from ..models.author_source import AuthorSource # noqa: PLC0415
        d = dict(src_dict)
        def _parse_aov(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        aov = _parse_aov(d.pop("aov"))


        author_id = d.pop("author_id")

        by_content = []
        _by_content = d.pop("by_content")
        for by_content_item_data in (_by_content):
            by_content_item = AuthorContent.from_dict(by_content_item_data)



            by_content.append(by_content_item)


        by_source = []
        _by_source = d.pop("by_source")
        for by_source_item_data in (_by_source):
            by_source_item = AuthorSource.from_dict(by_source_item_data)



            by_source.append(by_source_item)


        commission = d.pop("commission")

        gmv = d.pop("gmv")

        def _parse_nickname(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        nickname = _parse_nickname(d.pop("nickname"))


        orders = d.pop("orders")

        paid_orders = d.pop("paid_orders")

        author_metrics = cls(
            aov=aov,
            author_id=author_id,
            by_content=by_content,
            by_source=by_source,
            commission=commission,
            gmv=gmv,
            nickname=nickname,
            orders=orders,
            paid_orders=paid_orders,
        )


        author_metrics.additional_properties = d
        return author_metrics

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
