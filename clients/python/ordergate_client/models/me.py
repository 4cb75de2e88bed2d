from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.account_summary import AccountSummary
  from ..models.app_summary import AppSummary
  from ..models.shop_access import ShopAccess





T = TypeVar("T", bound="Me")



@_attrs_define
class Me:
    """ The token's account, app, shops and scopes.

        Attributes:
            account (AccountSummary | None): Null for a client-credentials token.
            app (AppSummary | None): Null for a token of no app.
            scopes (list[str]): Every scope the token has on at least one shop.
            shops (list[ShopAccess]): The shops it may touch, by id.
            token_id (int | None): Id of this token.
     """

    account: AccountSummary | None
    app: AppSummary | None
    scopes: list[str]
    shops: list[ShopAccess]
    token_id: int | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.account_summary import AccountSummary # noqa: PLC0415
        from ..models.app_summary import AppSummary # noqa: PLC0415
        from ..models.shop_access import ShopAccess # noqa: PLC0415
        account: dict[str, Any] | None
        if isinstance(self.account, AccountSummary):
            account = self.account.to_dict()
        else:
            account = self.account

        app: dict[str, Any] | None
        if isinstance(self.app, AppSummary):
            app = self.app.to_dict()
        else:
            app = self.app

        scopes = self.scopes



        shops = []
        for shops_item_data in self.shops:
            shops_item = shops_item_data.to_dict()
            shops.append(shops_item)



        token_id: int | None
        token_id = self.token_id


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "account": account,
            "app": app,
            "scopes": scopes,
            "shops": shops,
            "token_id": token_id,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.account_summary import AccountSummary # noqa: PLC0415
        from ..models.app_summary import AppSummary # noqa: PLC0415
        from ..models.shop_access import ShopAccess # noqa: PLC0415
        d = dict(src_dict)
        def _parse_account(data: object) -> AccountSummary | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                account_type_0 = AccountSummary.from_dict(data)



                return account_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AccountSummary | None, data)

        account = _parse_account(d.pop("account"))


        def _parse_app(data: object) -> AppSummary | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                app_type_0 = AppSummary.from_dict(data)



                return app_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AppSummary | None, data)

        app = _parse_app(d.pop("app"))


        scopes = cast(list[str], d.pop("scopes"))


        shops = []
        _shops = d.pop("shops")
        for shops_item_data in (_shops):
            shops_item = ShopAccess.from_dict(shops_item_data)



            shops.append(shops_item)


        def _parse_token_id(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        token_id = _parse_token_id(d.pop("token_id"))


        me = cls(
            account=account,
            app=app,
            scopes=scopes,
            shops=shops,
            token_id=token_id,
        )


        me.additional_properties = d
        return me

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
