from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.author_metrics import AuthorMetrics





T = TypeVar("T", bound="AuthorsReport")



@_attrs_define
class AuthorsReport:
    """ Per influencer (orders without one left out), most GMV first.

        Attributes:
            authors (list[AuthorMetrics]):
            from_ (str): First day (inclusive).
            shop_id (int): The shop.
            timezone (str): IANA timezone of the shop's days.
            to (str): Last day (inclusive).
     """

    authors: list[AuthorMetrics]
    from_: str
    shop_id: int
    timezone: str
    to: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.author_metrics import AuthorMetrics # noqa: PLC0415
        authors = []
        for authors_item_data in self.authors:
            authors_item = authors_item_data.to_dict()
            authors.append(authors_item)



        from_ = self.from_

        shop_id = self.shop_id

        timezone = self.timezone

        to = self.to


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "authors": authors,
            "from": from_,
            "shop_id": shop_id,
            "timezone": timezone,
            "to": to,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.author_metrics import AuthorMetrics # noqa: PLC0415
        d = dict(src_dict)
        authors = []
        _authors = d.pop("authors")
        for authors_item_data in (_authors):
            authors_item = AuthorMetrics.from_dict(authors_item_data)



            authors.append(authors_item)


        from_ = d.pop("from")

        shop_id = d.pop("shop_id")

        timezone = d.pop("timezone")

        to = d.pop("to")

        authors_report = cls(
            authors=authors,
            from_=from_,
            shop_id=shop_id,
            timezone=timezone,
            to=to,
        )


        authors_report.additional_properties = d
        return authors_report

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
