from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.export_format import ExportFormat
from ..models.granularity import Granularity
from ..models.locale import Locale
from ..types import UNSET, Unset
from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.order_filter import OrderFilter





T = TypeVar("T", bound="MultiShopExportCreate")



@_attrs_define
class MultiShopExportCreate:
    """ 
        Attributes:
            created_from (datetime.date): First day (shop timezone, inclusive)
            created_to (datetime.date): Last day (shop timezone, inclusive); ≤ 90 days
            bom (bool | Unset): CSV only: start with a UTF-8 BOM for Excel Default: False.
            fields (list[str] | Unset):
            filters (OrderFilter | Unset): Every filter of the order list; all optional, combined with AND.
            format_ (ExportFormat | Unset): File format of an export job.
            granularity (Granularity | Unset): One line per order, or one line per order item.
            locale (Locale | Unset): Column headers: `en` the field names, `zh` Chinese labels.
            shop_ids (list[int] | None | Unset): Shops to export (each granted with the `exports` scope); default: every
                shop the token grants with it
     """

    created_from: datetime.date
    created_to: datetime.date
    bom: bool | Unset = False
    fields: list[str] | Unset = UNSET
    filters: OrderFilter | Unset = UNSET
    format_: ExportFormat | Unset = UNSET
    granularity: Granularity | Unset = UNSET
    locale: Locale | Unset = UNSET
    shop_ids: list[int] | None | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.order_filter import OrderFilter # noqa: PLC0415
        created_from = self.created_from.isoformat()

        created_to = self.created_to.isoformat()

        bom = self.bom

        fields: list[str] | Unset = UNSET
        if not isinstance(self.fields, Unset):
            fields = self.fields



        filters: dict[str, Any] | Unset = UNSET
        if not isinstance(self.filters, Unset):
            filters = self.filters.to_dict()

        format_: str | Unset = UNSET
        if not isinstance(self.format_, Unset):
            format_ = self.format_.value


        granularity: str | Unset = UNSET
        if not isinstance(self.granularity, Unset):
            granularity = self.granularity.value


        locale: str | Unset = UNSET
        if not isinstance(self.locale, Unset):
            locale = self.locale.value


        shop_ids: list[int] | None | Unset
        if isinstance(self.shop_ids, Unset):
            shop_ids = UNSET
        elif isinstance(self.shop_ids, list):
            shop_ids = self.shop_ids


        else:
            shop_ids = self.shop_ids


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "created_from": created_from,
            "created_to": created_to,
        })
        if bom is not UNSET:
            field_dict["bom"] = bom
        if fields is not UNSET:
            field_dict["fields"] = fields
        if filters is not UNSET:
            field_dict["filters"] = filters
        if format_ is not UNSET:
            field_dict["format"] = format_
        if granularity is not UNSET:
            field_dict["granularity"] = granularity
        if locale is not UNSET:
            field_dict["locale"] = locale
        if shop_ids is not UNSET:
            field_dict["shop_ids"] = shop_ids

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.order_filter import OrderFilter # noqa: PLC0415
        d = dict(src_dict)
        created_from = datetime.date.fromisoformat(d.pop("created_from"))




        created_to = datetime.date.fromisoformat(d.pop("created_to"))




        bom = d.pop("bom", UNSET)

        fields = cast(list[str], d.pop("fields", UNSET))


        _filters = d.pop("filters", UNSET)
        filters: OrderFilter | Unset
        if isinstance(_filters,  Unset):
            filters = UNSET
        else:
            filters = OrderFilter.from_dict(_filters)




        _format_ = d.pop("format", UNSET)
        format_: ExportFormat | Unset
        if isinstance(_format_,  Unset):
            format_ = UNSET
        else:
            format_ = ExportFormat(_format_)




        _granularity = d.pop("granularity", UNSET)
        granularity: Granularity | Unset
        if isinstance(_granularity,  Unset):
            granularity = UNSET
        else:
            granularity = Granularity(_granularity)




        _locale = d.pop("locale", UNSET)
        locale: Locale | Unset
        if isinstance(_locale,  Unset):
            locale = UNSET
        else:
            locale = Locale(_locale)




        def _parse_shop_ids(data: object) -> list[int] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                shop_ids_type_0 = cast(list[int], data)

                return shop_ids_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[int] | None | Unset, data)

        shop_ids = _parse_shop_ids(d.pop("shop_ids", UNSET))


        multi_shop_export_create = cls(
            created_from=created_from,
            created_to=created_to,
            bom=bom,
            fields=fields,
            filters=filters,
            format_=format_,
            granularity=granularity,
            locale=locale,
            shop_ids=shop_ids,
        )

        return multi_shop_export_create

