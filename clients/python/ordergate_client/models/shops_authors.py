from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.author_metrics import AuthorMetrics
  from ..models.authors_report import AuthorsReport





T = TypeVar("T", bound="ShopsAuthors")



@_attrs_define
class ShopsAuthors:
    """ Per influencer over several shops together, and per shop.

        Attributes:
            authors (list[AuthorMetrics]):
            by_shop (list[AuthorsReport]):
            from_ (str): First day (inclusive).
            shop_ids (list[int]): The shops aggregated.
            to (str): Last day (inclusive).
     """

    authors: list[AuthorMetrics]
    by_shop: list[AuthorsReport]
    from_: str
    shop_ids: list[int]
    to: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.author_metrics import AuthorMetrics # noqa: PLC0415
        from ..models.authors_report import AuthorsReport # noqa: PLC0415
        authors = []
        for authors_item_data in self.authors:
            authors_item = authors_item_data.to_dict()
            authors.append(authors_item)



        by_shop = []
        for by_shop_item_data in self.by_shop:
            by_shop_item = by_shop_item_data.to_dict()
            by_shop.append(by_shop_item)



        from_ = self.from_

        shop_ids = self.shop_ids



        to = self.to


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "authors": authors,
            "by_shop": by_shop,
            "from": from_,
            "shop_ids": shop_ids,
            "to": to,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.author_metrics import AuthorMetrics # noqa: PLC0415
        from ..models.authors_report import AuthorsReport # noqa: PLC0415
        d = dict(src_dict)
        authors = []
        _authors = d.pop("authors")
        for authors_item_data in (_authors):
            authors_item = AuthorMetrics.from_dict(authors_item_data)



            authors.append(authors_item)


        by_shop = []
        _by_shop = d.pop("by_shop")
        for by_shop_item_data in (_by_shop):
            by_shop_item = AuthorsReport.from_dict(by_shop_item_data)



            by_shop.append(by_shop_item)


        from_ = d.pop("from")

        shop_ids = cast(list[int], d.pop("shop_ids"))


        to = d.pop("to")

        shops_authors = cls(
            authors=authors,
            by_shop=by_shop,
            from_=from_,
            shop_ids=shop_ids,
            to=to,
        )


        shops_authors.additional_properties = d
        return shops_authors

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
