from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.after_sale_type import AfterSaleType
from ..models.exchange_offer_status import ExchangeOfferStatus
from typing import cast
import datetime






T = TypeVar("T", bound="ExchangeOffer")



@_attrs_define
class ExchangeOffer:
    """ An exchange offered instead of a refund, and the buyer's answer.

        Attributes:
            answered_at (datetime.datetime | None): Null while pending.
            from_type (AfterSaleType): What the buyer asks for: money back only, return for money, or return for another.
            offered_at (datetime.datetime): RFC 3339 instant in UTC.
            status (ExchangeOfferStatus): The merchant offered an exchange instead of a refund: the buyer's answer.
     """

    answered_at: datetime.datetime | None
    from_type: AfterSaleType
    offered_at: datetime.datetime
    status: ExchangeOfferStatus
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        answered_at: None | str
        if isinstance(self.answered_at, datetime.datetime):
            answered_at = self.answered_at.isoformat()
        else:
            answered_at = self.answered_at

        from_type = self.from_type.value

        offered_at = self.offered_at.isoformat()

        status = self.status.value


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "answered_at": answered_at,
            "from_type": from_type,
            "offered_at": offered_at,
            "status": status,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        def _parse_answered_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                answered_at_type_0 = datetime.datetime.fromisoformat(data)



                return answered_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        answered_at = _parse_answered_at(d.pop("answered_at"))


        from_type = AfterSaleType(d.pop("from_type"))




        offered_at = datetime.datetime.fromisoformat(d.pop("offered_at"))




        status = ExchangeOfferStatus(d.pop("status"))




        exchange_offer = cls(
            answered_at=answered_at,
            from_type=from_type,
            offered_at=offered_at,
            status=status,
        )


        exchange_offer.additional_properties = d
        return exchange_offer

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
