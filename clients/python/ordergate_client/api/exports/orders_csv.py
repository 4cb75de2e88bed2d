from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.after_sale_status import AfterSaleStatus
from ...models.day_range_name import DayRangeName
from ...models.granularity import Granularity
from ...models.locale import Locale
from ...models.order_status import OrderStatus
from ...models.pay_method import PayMethod
from ...models.pay_status import PayStatus
from ...models.problem import Problem
from ...models.traffic_source import TrafficSource
from ...types import File, FileTypes
from ...types import UNSET, Unset
from io import BytesIO
from typing import cast
import datetime



def _get_kwargs(
    shop_id: int,
    *,
    order_no: None | str | Unset = UNSET,
    product_id: int | None | Unset = UNSET,
    buyer_id: None | str | Unset = UNSET,
    buyer_nickname: None | str | Unset = UNSET,
    status: list[OrderStatus] | None | Unset = UNSET,
    pay_status: list[PayStatus] | None | Unset = UNSET,
    pay_method: list[PayMethod] | None | Unset = UNSET,
    created_from: datetime.datetime | None | Unset = UNSET,
    created_to: datetime.datetime | None | Unset = UNSET,
    updated_from: datetime.datetime | None | Unset = UNSET,
    updated_to: datetime.datetime | None | Unset = UNSET,
    range_: DayRangeName | None | Unset = UNSET,
    flagged: bool | None | Unset = UNSET,
    has_after_sale: bool | None | Unset = UNSET,
    after_sale_status: list[AfterSaleStatus] | None | Unset = UNSET,
    author_id: int | None | Unset = UNSET,
    traffic_source: list[TrafficSource] | None | Unset = UNSET,
    province: None | str | Unset = UNSET,
    tracking_no: None | str | Unset = UNSET,
    min_paid: int | None | Unset = UNSET,
    max_paid: int | None | Unset = UNSET,
    buyer_note_contains: None | str | Unset = UNSET,
    merchant_remark_contains: None | str | Unset = UNSET,
    fields: list[str] | Unset = UNSET,
    granularity: Granularity | Unset = UNSET,
    locale: Locale | Unset = UNSET,
    bom: bool | Unset = False,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    json_order_no: None | str | Unset
    if isinstance(order_no, Unset):
        json_order_no = UNSET
    else:
        json_order_no = order_no
    params["order_no"] = json_order_no

    json_product_id: int | None | Unset
    if isinstance(product_id, Unset):
        json_product_id = UNSET
    else:
        json_product_id = product_id
    params["product_id"] = json_product_id

    json_buyer_id: None | str | Unset
    if isinstance(buyer_id, Unset):
        json_buyer_id = UNSET
    else:
        json_buyer_id = buyer_id
    params["buyer_id"] = json_buyer_id

    json_buyer_nickname: None | str | Unset
    if isinstance(buyer_nickname, Unset):
        json_buyer_nickname = UNSET
    else:
        json_buyer_nickname = buyer_nickname
    params["buyer_nickname"] = json_buyer_nickname

    json_status: list[str] | None | Unset
    if isinstance(status, Unset):
        json_status = UNSET
    elif isinstance(status, list):
        json_status = []
        for status_type_0_item_data in status:
            status_type_0_item = status_type_0_item_data.value
            json_status.append(status_type_0_item)


    else:
        json_status = status
    params["status"] = json_status

    json_pay_status: list[str] | None | Unset
    if isinstance(pay_status, Unset):
        json_pay_status = UNSET
    elif isinstance(pay_status, list):
        json_pay_status = []
        for pay_status_type_0_item_data in pay_status:
            pay_status_type_0_item = pay_status_type_0_item_data.value
            json_pay_status.append(pay_status_type_0_item)


    else:
        json_pay_status = pay_status
    params["pay_status"] = json_pay_status

    json_pay_method: list[str] | None | Unset
    if isinstance(pay_method, Unset):
        json_pay_method = UNSET
    elif isinstance(pay_method, list):
        json_pay_method = []
        for pay_method_type_0_item_data in pay_method:
            pay_method_type_0_item = pay_method_type_0_item_data.value
            json_pay_method.append(pay_method_type_0_item)


    else:
        json_pay_method = pay_method
    params["pay_method"] = json_pay_method

    json_created_from: None | str | Unset
    if isinstance(created_from, Unset):
        json_created_from = UNSET
    elif isinstance(created_from, datetime.datetime):
        json_created_from = created_from.isoformat()
    else:
        json_created_from = created_from
    params["created_from"] = json_created_from

    json_created_to: None | str | Unset
    if isinstance(created_to, Unset):
        json_created_to = UNSET
    elif isinstance(created_to, datetime.datetime):
        json_created_to = created_to.isoformat()
    else:
        json_created_to = created_to
    params["created_to"] = json_created_to

    json_updated_from: None | str | Unset
    if isinstance(updated_from, Unset):
        json_updated_from = UNSET
    elif isinstance(updated_from, datetime.datetime):
        json_updated_from = updated_from.isoformat()
    else:
        json_updated_from = updated_from
    params["updated_from"] = json_updated_from

    json_updated_to: None | str | Unset
    if isinstance(updated_to, Unset):
        json_updated_to = UNSET
    elif isinstance(updated_to, datetime.datetime):
        json_updated_to = updated_to.isoformat()
    else:
        json_updated_to = updated_to
    params["updated_to"] = json_updated_to

    json_range_: None | str | Unset
    if isinstance(range_, Unset):
        json_range_ = UNSET
    elif isinstance(range_, DayRangeName):
        json_range_ = range_.value
    else:
        json_range_ = range_
    params["range"] = json_range_

    json_flagged: bool | None | Unset
    if isinstance(flagged, Unset):
        json_flagged = UNSET
    else:
        json_flagged = flagged
    params["flagged"] = json_flagged

    json_has_after_sale: bool | None | Unset
    if isinstance(has_after_sale, Unset):
        json_has_after_sale = UNSET
    else:
        json_has_after_sale = has_after_sale
    params["has_after_sale"] = json_has_after_sale

    json_after_sale_status: list[str] | None | Unset
    if isinstance(after_sale_status, Unset):
        json_after_sale_status = UNSET
    elif isinstance(after_sale_status, list):
        json_after_sale_status = []
        for after_sale_status_type_0_item_data in after_sale_status:
            after_sale_status_type_0_item = after_sale_status_type_0_item_data.value
            json_after_sale_status.append(after_sale_status_type_0_item)


    else:
        json_after_sale_status = after_sale_status
    params["after_sale_status"] = json_after_sale_status

    json_author_id: int | None | Unset
    if isinstance(author_id, Unset):
        json_author_id = UNSET
    else:
        json_author_id = author_id
    params["author_id"] = json_author_id

    json_traffic_source: list[str] | None | Unset
    if isinstance(traffic_source, Unset):
        json_traffic_source = UNSET
    elif isinstance(traffic_source, list):
        json_traffic_source = []
        for traffic_source_type_0_item_data in traffic_source:
            traffic_source_type_0_item = traffic_source_type_0_item_data.value
            json_traffic_source.append(traffic_source_type_0_item)


    else:
        json_traffic_source = traffic_source
    params["traffic_source"] = json_traffic_source

    json_province: None | str | Unset
    if isinstance(province, Unset):
        json_province = UNSET
    else:
        json_province = province
    params["province"] = json_province

    json_tracking_no: None | str | Unset
    if isinstance(tracking_no, Unset):
        json_tracking_no = UNSET
    else:
        json_tracking_no = tracking_no
    params["tracking_no"] = json_tracking_no

    json_min_paid: int | None | Unset
    if isinstance(min_paid, Unset):
        json_min_paid = UNSET
    else:
        json_min_paid = min_paid
    params["min_paid"] = json_min_paid

    json_max_paid: int | None | Unset
    if isinstance(max_paid, Unset):
        json_max_paid = UNSET
    else:
        json_max_paid = max_paid
    params["max_paid"] = json_max_paid

    json_buyer_note_contains: None | str | Unset
    if isinstance(buyer_note_contains, Unset):
        json_buyer_note_contains = UNSET
    else:
        json_buyer_note_contains = buyer_note_contains
    params["buyer_note_contains"] = json_buyer_note_contains

    json_merchant_remark_contains: None | str | Unset
    if isinstance(merchant_remark_contains, Unset):
        json_merchant_remark_contains = UNSET
    else:
        json_merchant_remark_contains = merchant_remark_contains
    params["merchant_remark_contains"] = json_merchant_remark_contains

    json_fields: list[str] | Unset = UNSET
    if not isinstance(fields, Unset):
        json_fields = fields


    params["fields"] = json_fields

    json_granularity: str | Unset = UNSET
    if not isinstance(granularity, Unset):
        json_granularity = granularity.value

    params["granularity"] = json_granularity

    json_locale: str | Unset = UNSET
    if not isinstance(locale, Unset):
        json_locale = locale.value

    params["locale"] = json_locale

    params["bom"] = bom


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/shops/{shop_id}/orders.csv".format(shop_id=quote(str(shop_id), safe=""),),
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> File | Problem | None:
    if response.status_code == 200:
        response_200 = File(
             payload = BytesIO(response.content)
        )



        return response_200

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())



        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())



        return response_403

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())



        return response_404

    if response.status_code == 413:
        response_413 = Problem.from_dict(response.json())



        return response_413

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())



        return response_422

    if response.status_code == 429:
        response_429 = Problem.from_dict(response.json())



        return response_429

    if response.status_code == 503:
        response_503 = Problem.from_dict(response.json())



        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[File | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    shop_id: int,
    *,
    client: AuthenticatedClient,
    order_no: None | str | Unset = UNSET,
    product_id: int | None | Unset = UNSET,
    buyer_id: None | str | Unset = UNSET,
    buyer_nickname: None | str | Unset = UNSET,
    status: list[OrderStatus] | None | Unset = UNSET,
    pay_status: list[PayStatus] | None | Unset = UNSET,
    pay_method: list[PayMethod] | None | Unset = UNSET,
    created_from: datetime.datetime | None | Unset = UNSET,
    created_to: datetime.datetime | None | Unset = UNSET,
    updated_from: datetime.datetime | None | Unset = UNSET,
    updated_to: datetime.datetime | None | Unset = UNSET,
    range_: DayRangeName | None | Unset = UNSET,
    flagged: bool | None | Unset = UNSET,
    has_after_sale: bool | None | Unset = UNSET,
    after_sale_status: list[AfterSaleStatus] | None | Unset = UNSET,
    author_id: int | None | Unset = UNSET,
    traffic_source: list[TrafficSource] | None | Unset = UNSET,
    province: None | str | Unset = UNSET,
    tracking_no: None | str | Unset = UNSET,
    min_paid: int | None | Unset = UNSET,
    max_paid: int | None | Unset = UNSET,
    buyer_note_contains: None | str | Unset = UNSET,
    merchant_remark_contains: None | str | Unset = UNSET,
    fields: list[str] | Unset = UNSET,
    granularity: Granularity | Unset = UNSET,
    locale: Locale | Unset = UNSET,
    bom: bool | Unset = False,

) -> Response[File | Problem]:
    """ Stream matching orders as CSV (≤ 100,000 rows; larger sets: export jobs)

    Args:
        shop_id (int): Shop id
        order_no (None | str | Unset): Exact order number
        product_id (int | None | Unset): Has this product
        buyer_id (None | str | Unset): Exact buyer id
        buyer_nickname (None | str | Unset): Nickname prefix, case-insensitive
        status (list[OrderStatus] | None | Unset): Repeatable
        pay_status (list[PayStatus] | None | Unset): Repeatable
        pay_method (list[PayMethod] | None | Unset): Repeatable
        created_from (datetime.datetime | None | Unset): Inclusive, RFC 3339
        created_to (datetime.datetime | None | Unset): Exclusive, RFC 3339
        updated_from (datetime.datetime | None | Unset): Inclusive, RFC 3339
        updated_to (datetime.datetime | None | Unset): Exclusive, RFC 3339
        range_ (DayRangeName | None | Unset): Created within whole days in the shop's timezone
        flagged (bool | None | Unset):
        has_after_sale (bool | None | Unset):
        after_sale_status (list[AfterSaleStatus] | None | Unset): Has an after-sale in one of
            these states (repeatable)
        author_id (int | None | Unset):
        traffic_source (list[TrafficSource] | None | Unset): Repeatable
        province (None | str | Unset): Exact province
        tracking_no (None | str | Unset): Has a parcel with this tracking number
        min_paid (int | None | Unset): Fen, inclusive
        max_paid (int | None | Unset): Fen, inclusive
        buyer_note_contains (None | str | Unset): The buyer's note contains this text (case-
            insensitive)
        merchant_remark_contains (None | str | Unset): The merchant remark contains this text
            (case-insensitive)
        fields (list[str] | Unset): Columns: repeat the parameter or separate names with commas
        granularity (Granularity | Unset): One line per order, or one line per order item.
        locale (Locale | Unset): Column headers: `en` the field names, `zh` Chinese labels.
        bom (bool | Unset):  Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[File | Problem]
     """


    kwargs = _get_kwargs(
        shop_id=shop_id,
order_no=order_no,
product_id=product_id,
buyer_id=buyer_id,
buyer_nickname=buyer_nickname,
status=status,
pay_status=pay_status,
pay_method=pay_method,
created_from=created_from,
created_to=created_to,
updated_from=updated_from,
updated_to=updated_to,
range_=range_,
flagged=flagged,
has_after_sale=has_after_sale,
after_sale_status=after_sale_status,
author_id=author_id,
traffic_source=traffic_source,
province=province,
tracking_no=tracking_no,
min_paid=min_paid,
max_paid=max_paid,
buyer_note_contains=buyer_note_contains,
merchant_remark_contains=merchant_remark_contains,
fields=fields,
granularity=granularity,
locale=locale,
bom=bom,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    shop_id: int,
    *,
    client: AuthenticatedClient,
    order_no: None | str | Unset = UNSET,
    product_id: int | None | Unset = UNSET,
    buyer_id: None | str | Unset = UNSET,
    buyer_nickname: None | str | Unset = UNSET,
    status: list[OrderStatus] | None | Unset = UNSET,
    pay_status: list[PayStatus] | None | Unset = UNSET,
    pay_method: list[PayMethod] | None | Unset = UNSET,
    created_from: datetime.datetime | None | Unset = UNSET,
    created_to: datetime.datetime | None | Unset = UNSET,
    updated_from: datetime.datetime | None | Unset = UNSET,
    updated_to: datetime.datetime | None | Unset = UNSET,
    range_: DayRangeName | None | Unset = UNSET,
    flagged: bool | None | Unset = UNSET,
    has_after_sale: bool | None | Unset = UNSET,
    after_sale_status: list[AfterSaleStatus] | None | Unset = UNSET,
    author_id: int | None | Unset = UNSET,
    traffic_source: list[TrafficSource] | None | Unset = UNSET,
    province: None | str | Unset = UNSET,
    tracking_no: None | str | Unset = UNSET,
    min_paid: int | None | Unset = UNSET,
    max_paid: int | None | Unset = UNSET,
    buyer_note_contains: None | str | Unset = UNSET,
    merchant_remark_contains: None | str | Unset = UNSET,
    fields: list[str] | Unset = UNSET,
    granularity: Granularity | Unset = UNSET,
    locale: Locale | Unset = UNSET,
    bom: bool | Unset = False,

) -> File | Problem | None:
    """ Stream matching orders as CSV (≤ 100,000 rows; larger sets: export jobs)

    Args:
        shop_id (int): Shop id
        order_no (None | str | Unset): Exact order number
        product_id (int | None | Unset): Has this product
        buyer_id (None | str | Unset): Exact buyer id
        buyer_nickname (None | str | Unset): Nickname prefix, case-insensitive
        status (list[OrderStatus] | None | Unset): Repeatable
        pay_status (list[PayStatus] | None | Unset): Repeatable
        pay_method (list[PayMethod] | None | Unset): Repeatable
        created_from (datetime.datetime | None | Unset): Inclusive, RFC 3339
        created_to (datetime.datetime | None | Unset): Exclusive, RFC 3339
        updated_from (datetime.datetime | None | Unset): Inclusive, RFC 3339
        updated_to (datetime.datetime | None | Unset): Exclusive, RFC 3339
        range_ (DayRangeName | None | Unset): Created within whole days in the shop's timezone
        flagged (bool | None | Unset):
        has_after_sale (bool | None | Unset):
        after_sale_status (list[AfterSaleStatus] | None | Unset): Has an after-sale in one of
            these states (repeatable)
        author_id (int | None | Unset):
        traffic_source (list[TrafficSource] | None | Unset): Repeatable
        province (None | str | Unset): Exact province
        tracking_no (None | str | Unset): Has a parcel with this tracking number
        min_paid (int | None | Unset): Fen, inclusive
        max_paid (int | None | Unset): Fen, inclusive
        buyer_note_contains (None | str | Unset): The buyer's note contains this text (case-
            insensitive)
        merchant_remark_contains (None | str | Unset): The merchant remark contains this text
            (case-insensitive)
        fields (list[str] | Unset): Columns: repeat the parameter or separate names with commas
        granularity (Granularity | Unset): One line per order, or one line per order item.
        locale (Locale | Unset): Column headers: `en` the field names, `zh` Chinese labels.
        bom (bool | Unset):  Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        File | Problem
     """


    return sync_detailed(
        shop_id=shop_id,
client=client,
order_no=order_no,
product_id=product_id,
buyer_id=buyer_id,
buyer_nickname=buyer_nickname,
status=status,
pay_status=pay_status,
pay_method=pay_method,
created_from=created_from,
created_to=created_to,
updated_from=updated_from,
updated_to=updated_to,
range_=range_,
flagged=flagged,
has_after_sale=has_after_sale,
after_sale_status=after_sale_status,
author_id=author_id,
traffic_source=traffic_source,
province=province,
tracking_no=tracking_no,
min_paid=min_paid,
max_paid=max_paid,
buyer_note_contains=buyer_note_contains,
merchant_remark_contains=merchant_remark_contains,
fields=fields,
granularity=granularity,
locale=locale,
bom=bom,

    ).parsed

async def asyncio_detailed(
    shop_id: int,
    *,
    client: AuthenticatedClient,
    order_no: None | str | Unset = UNSET,
    product_id: int | None | Unset = UNSET,
    buyer_id: None | str | Unset = UNSET,
    buyer_nickname: None | str | Unset = UNSET,
    status: list[OrderStatus] | None | Unset = UNSET,
    pay_status: list[PayStatus] | None | Unset = UNSET,
    pay_method: list[PayMethod] | None | Unset = UNSET,
    created_from: datetime.datetime | None | Unset = UNSET,
    created_to: datetime.datetime | None | Unset = UNSET,
    updated_from: datetime.datetime | None | Unset = UNSET,
    updated_to: datetime.datetime | None | Unset = UNSET,
    range_: DayRangeName | None | Unset = UNSET,
    flagged: bool | None | Unset = UNSET,
    has_after_sale: bool | None | Unset = UNSET,
    after_sale_status: list[AfterSaleStatus] | None | Unset = UNSET,
    author_id: int | None | Unset = UNSET,
    traffic_source: list[TrafficSource] | None | Unset = UNSET,
    province: None | str | Unset = UNSET,
    tracking_no: None | str | Unset = UNSET,
    min_paid: int | None | Unset = UNSET,
    max_paid: int | None | Unset = UNSET,
    buyer_note_contains: None | str | Unset = UNSET,
    merchant_remark_contains: None | str | Unset = UNSET,
    fields: list[str] | Unset = UNSET,
    granularity: Granularity | Unset = UNSET,
    locale: Locale | Unset = UNSET,
    bom: bool | Unset = False,

) -> Response[File | Problem]:
    """ Stream matching orders as CSV (≤ 100,000 rows; larger sets: export jobs)

    Args:
        shop_id (int): Shop id
        order_no (None | str | Unset): Exact order number
        product_id (int | None | Unset): Has this product
        buyer_id (None | str | Unset): Exact buyer id
        buyer_nickname (None | str | Unset): Nickname prefix, case-insensitive
        status (list[OrderStatus] | None | Unset): Repeatable
        pay_status (list[PayStatus] | None | Unset): Repeatable
        pay_method (list[PayMethod] | None | Unset): Repeatable
        created_from (datetime.datetime | None | Unset): Inclusive, RFC 3339
        created_to (datetime.datetime | None | Unset): Exclusive, RFC 3339
        updated_from (datetime.datetime | None | Unset): Inclusive, RFC 3339
        updated_to (datetime.datetime | None | Unset): Exclusive, RFC 3339
        range_ (DayRangeName | None | Unset): Created within whole days in the shop's timezone
        flagged (bool | None | Unset):
        has_after_sale (bool | None | Unset):
        after_sale_status (list[AfterSaleStatus] | None | Unset): Has an after-sale in one of
            these states (repeatable)
        author_id (int | None | Unset):
        traffic_source (list[TrafficSource] | None | Unset): Repeatable
        province (None | str | Unset): Exact province
        tracking_no (None | str | Unset): Has a parcel with this tracking number
        min_paid (int | None | Unset): Fen, inclusive
        max_paid (int | None | Unset): Fen, inclusive
        buyer_note_contains (None | str | Unset): The buyer's note contains this text (case-
            insensitive)
        merchant_remark_contains (None | str | Unset): The merchant remark contains this text
            (case-insensitive)
        fields (list[str] | Unset): Columns: repeat the parameter or separate names with commas
        granularity (Granularity | Unset): One line per order, or one line per order item.
        locale (Locale | Unset): Column headers: `en` the field names, `zh` Chinese labels.
        bom (bool | Unset):  Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[File | Problem]
     """


    kwargs = _get_kwargs(
        shop_id=shop_id,
order_no=order_no,
product_id=product_id,
buyer_id=buyer_id,
buyer_nickname=buyer_nickname,
status=status,
pay_status=pay_status,
pay_method=pay_method,
created_from=created_from,
created_to=created_to,
updated_from=updated_from,
updated_to=updated_to,
range_=range_,
flagged=flagged,
has_after_sale=has_after_sale,
after_sale_status=after_sale_status,
author_id=author_id,
traffic_source=traffic_source,
province=province,
tracking_no=tracking_no,
min_paid=min_paid,
max_paid=max_paid,
buyer_note_contains=buyer_note_contains,
merchant_remark_contains=merchant_remark_contains,
fields=fields,
granularity=granularity,
locale=locale,
bom=bom,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    shop_id: int,
    *,
    client: AuthenticatedClient,
    order_no: None | str | Unset = UNSET,
    product_id: int | None | Unset = UNSET,
    buyer_id: None | str | Unset = UNSET,
    buyer_nickname: None | str | Unset = UNSET,
    status: list[OrderStatus] | None | Unset = UNSET,
    pay_status: list[PayStatus] | None | Unset = UNSET,
    pay_method: list[PayMethod] | None | Unset = UNSET,
    created_from: datetime.datetime | None | Unset = UNSET,
    created_to: datetime.datetime | None | Unset = UNSET,
    updated_from: datetime.datetime | None | Unset = UNSET,
    updated_to: datetime.datetime | None | Unset = UNSET,
    range_: DayRangeName | None | Unset = UNSET,
    flagged: bool | None | Unset = UNSET,
    has_after_sale: bool | None | Unset = UNSET,
    after_sale_status: list[AfterSaleStatus] | None | Unset = UNSET,
    author_id: int | None | Unset = UNSET,
    traffic_source: list[TrafficSource] | None | Unset = UNSET,
    province: None | str | Unset = UNSET,
    tracking_no: None | str | Unset = UNSET,
    min_paid: int | None | Unset = UNSET,
    max_paid: int | None | Unset = UNSET,
    buyer_note_contains: None | str | Unset = UNSET,
    merchant_remark_contains: None | str | Unset = UNSET,
    fields: list[str] | Unset = UNSET,
    granularity: Granularity | Unset = UNSET,
    locale: Locale | Unset = UNSET,
    bom: bool | Unset = False,

) -> File | Problem | None:
    """ Stream matching orders as CSV (≤ 100,000 rows; larger sets: export jobs)

    Args:
        shop_id (int): Shop id
        order_no (None | str | Unset): Exact order number
        product_id (int | None | Unset): Has this product
        buyer_id (None | str | Unset): Exact buyer id
        buyer_nickname (None | str | Unset): Nickname prefix, case-insensitive
        status (list[OrderStatus] | None | Unset): Repeatable
        pay_status (list[PayStatus] | None | Unset): Repeatable
        pay_method (list[PayMethod] | None | Unset): Repeatable
        created_from (datetime.datetime | None | Unset): Inclusive, RFC 3339
        created_to (datetime.datetime | None | Unset): Exclusive, RFC 3339
        updated_from (datetime.datetime | None | Unset): Inclusive, RFC 3339
        updated_to (datetime.datetime | None | Unset): Exclusive, RFC 3339
        range_ (DayRangeName | None | Unset): Created within whole days in the shop's timezone
        flagged (bool | None | Unset):
        has_after_sale (bool | None | Unset):
        after_sale_status (list[AfterSaleStatus] | None | Unset): Has an after-sale in one of
            these states (repeatable)
        author_id (int | None | Unset):
        traffic_source (list[TrafficSource] | None | Unset): Repeatable
        province (None | str | Unset): Exact province
        tracking_no (None | str | Unset): Has a parcel with this tracking number
        min_paid (int | None | Unset): Fen, inclusive
        max_paid (int | None | Unset): Fen, inclusive
        buyer_note_contains (None | str | Unset): The buyer's note contains this text (case-
            insensitive)
        merchant_remark_contains (None | str | Unset): The merchant remark contains this text
            (case-insensitive)
        fields (list[str] | Unset): Columns: repeat the parameter or separate names with commas
        granularity (Granularity | Unset): One line per order, or one line per order item.
        locale (Locale | Unset): Column headers: `en` the field names, `zh` Chinese labels.
        bom (bool | Unset):  Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        File | Problem
     """


    return (await asyncio_detailed(
        shop_id=shop_id,
client=client,
order_no=order_no,
product_id=product_id,
buyer_id=buyer_id,
buyer_nickname=buyer_nickname,
status=status,
pay_status=pay_status,
pay_method=pay_method,
created_from=created_from,
created_to=created_to,
updated_from=updated_from,
updated_to=updated_to,
range_=range_,
flagged=flagged,
has_after_sale=has_after_sale,
after_sale_status=after_sale_status,
author_id=author_id,
traffic_source=traffic_source,
province=province,
tracking_no=tracking_no,
min_paid=min_paid,
max_paid=max_paid,
buyer_note_contains=buyer_note_contains,
merchant_remark_contains=merchant_remark_contains,
fields=fields,
granularity=granularity,
locale=locale,
bom=bom,

    )).parsed
