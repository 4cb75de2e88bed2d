from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.after_sale_status import AfterSaleStatus
from ..models.after_sale_type import AfterSaleType
from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.exchange_offer import ExchangeOffer





T = TypeVar("T", bound="AfterSale")



@_attrs_define
class AfterSale:
    """ A buyer's refund, return or exchange request on an order, and where it stands.

        Attributes:
            allowed_actions (list[str]): Actions the caller (its role and scopes) may take now (POST .../actions): approve,
                reject, request_return, confirm_return_received, refund, offer_exchange, close.
            amount (int): Amount to refund, in fen (12990 = ¥129.90).
            created_at (datetime.datetime): When the buyer opened it.
            exchange_offer (ExchangeOffer | None): The exchange the merchant offered instead of the refund, if any.
            id (int): After-sale id (unique within the shop).
            order_id (int): The order it is about.
            reason (str): The buyer's reason.
            reject_reason (None | str): The merchant's reason when rejected, else null.
            resolved_at (datetime.datetime | None): When it reached a final state (refunded, rejected, ...), else null.
            shop_id (int):
            status (AfterSaleStatus): requested -> approved | rejected; approved -> awaiting_return (returns, exchanges) or
                refunded (refund only); awaiting_return -> returned -> refunded | exchanged; open ones can
                be closed.
            type_ (AfterSaleType): What the buyer asks for: money back only, return for money, or return for another.
            updated_at (datetime.datetime): RFC 3339 instant in UTC.
            version (int): Bumped by every change (ETag / If-Match).
     """

    allowed_actions: list[str]
    amount: int
    created_at: datetime.datetime
    exchange_offer: ExchangeOffer | None
    id: int
    order_id: int
    reason: str
    reject_reason: None | str
    resolved_at: datetime.datetime | None
    shop_id: int
    status: AfterSaleStatus
    type_: AfterSaleType
    updated_at: datetime.datetime
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.exchange_offer import ExchangeOffer # noqa: PLC0415
        allowed_actions = self.allowed_actions



        amount = self.amount

        created_at = self.created_at.isoformat()

        exchange_offer: dict[str, Any] | None
        if isinstance(self.exchange_offer, ExchangeOffer):
            exchange_offer = self.exchange_offer.to_dict()
        else:
            exchange_offer = self.exchange_offer

        id = self.id

        order_id = self.order_id

        reason = self.reason

        reject_reason: None | str
        reject_reason = self.reject_reason

        resolved_at: None | str
        if isinstance(self.resolved_at, datetime.datetime):
            resolved_at = self.resolved_at.isoformat()
        else:
            resolved_at = self.resolved_at

        shop_id = self.shop_id

        status = self.status.value

        type_ = self.type_.value

        updated_at = self.updated_at.isoformat()

        version = self.version


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "allowed_actions": allowed_actions,
            "amount": amount,
            "created_at": created_at,
            "exchange_offer": exchange_offer,
            "id": id,
            "order_id": order_id,
            "reason": reason,
            "reject_reason": reject_reason,
            "resolved_at": resolved_at,
            "shop_id": shop_id,
            "status": status,
            "type": type_,
            "updated_at": updated_at,
            "version": version,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.exchange_offer import ExchangeOffer # noqa: PLC0415
        d = dict(src_dict)
        allowed_actions = cast(list[str], d.pop("allowed_actions"))


        amount = d.pop("amount")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        def _parse_exchange_offer(data: object) -> ExchangeOffer | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                exchange_offer_type_0 = ExchangeOffer.from_dict(data)



                return exchange_offer_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ExchangeOffer | None, data)

        exchange_offer = _parse_exchange_offer(d.pop("exchange_offer"))


        id = d.pop("id")

        order_id = d.pop("order_id")

        reason = d.pop("reason")

        def _parse_reject_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        reject_reason = _parse_reject_reason(d.pop("reject_reason"))


        def _parse_resolved_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                resolved_at_type_0 = datetime.datetime.fromisoformat(data)



                return resolved_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        resolved_at = _parse_resolved_at(d.pop("resolved_at"))


        shop_id = d.pop("shop_id")

        status = AfterSaleStatus(d.pop("status"))




        type_ = AfterSaleType(d.pop("type"))




        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))




        version = d.pop("version")

        after_sale = cls(
            allowed_actions=allowed_actions,
            amount=amount,
            created_at=created_at,
            exchange_offer=exchange_offer,
            id=id,
            order_id=order_id,
            reason=reason,
            reject_reason=reject_reason,
            resolved_at=resolved_at,
            shop_id=shop_id,
            status=status,
            type_=type_,
            updated_at=updated_at,
            version=version,
        )


        after_sale.additional_properties = d
        return after_sale

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
