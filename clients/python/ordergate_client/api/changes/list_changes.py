from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.change_page import ChangePage
from ...models.problem import Problem
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    shop_id: int,
    *,
    cursor: None | str | Unset = UNSET,
    limit: int | Unset = 200,
    wait: float | Unset = 0.0,
    types: None | str | Unset = UNSET,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    json_cursor: None | str | Unset
    if isinstance(cursor, Unset):
        json_cursor = UNSET
    else:
        json_cursor = cursor
    params["cursor"] = json_cursor

    params["limit"] = limit

    params["wait"] = wait

    json_types: None | str | Unset
    if isinstance(types, Unset):
        json_types = UNSET
    else:
        json_types = types
    params["types"] = json_types


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/shops/{shop_id}/changes".format(shop_id=quote(str(shop_id), safe=""),),
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> ChangePage | Problem | None:
    if response.status_code == 200:
        response_200 = ChangePage.from_dict(response.json())



        return response_200

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())



        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())



        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())



        return response_403

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())



        return response_404

    if response.status_code == 410:
        response_410 = Problem.from_dict(response.json())



        return response_410

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[ChangePage | Problem]:
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
    cursor: None | str | Unset = UNSET,
    limit: int | Unset = 200,
    wait: float | Unset = 0.0,
    types: None | str | Unset = UNSET,

) -> Response[ChangePage | Problem]:
    """ Committed changes after a cursor, in commit order, never skipping one

     Rows of the shop's change log after `cursor`, oldest first, up to `limit`. Omit the cursor to start
    at the beginning of retention; `cursor=now` returns the head cursor without data. With `wait` > 0
    and nothing new, the request is held until a change arrives or `wait` seconds pass. Loop forever on
    `next_cursor`.

    Args:
        shop_id (int): Shop id
        cursor (None | str | Unset): `next_cursor` of a previous page; omit to start at the
            beginning of retention
        limit (int | Unset):  Default: 200.
        wait (float | Unset):  Default: 0.0.
        types (None | str | Unset): Comma-separated change types among: order.created, order.paid,
            order.shipped, order.signed, order.completed, order.closed, order.updated,
            after_sale.created, after_sale.updated, dispute.created, dispute.updated,
            shipment.updated, shipment.tracking_updated, address_change.requested,
            address_change.approved, address_change.rejected, complaint.opened, complaint.responded,
            order.refunded

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ChangePage | Problem]
     """


    kwargs = _get_kwargs(
        shop_id=shop_id,
cursor=cursor,
limit=limit,
wait=wait,
types=types,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    shop_id: int,
    *,
    client: AuthenticatedClient,
    cursor: None | str | Unset = UNSET,
    limit: int | Unset = 200,
    wait: float | Unset = 0.0,
    types: None | str | Unset = UNSET,

) -> ChangePage | Problem | None:
    """ Committed changes after a cursor, in commit order, never skipping one

     Rows of the shop's change log after `cursor`, oldest first, up to `limit`. Omit the cursor to start
    at the beginning of retention; `cursor=now` returns the head cursor without data. With `wait` > 0
    and nothing new, the request is held until a change arrives or `wait` seconds pass. Loop forever on
    `next_cursor`.

    Args:
        shop_id (int): Shop id
        cursor (None | str | Unset): `next_cursor` of a previous page; omit to start at the
            beginning of retention
        limit (int | Unset):  Default: 200.
        wait (float | Unset):  Default: 0.0.
        types (None | str | Unset): Comma-separated change types among: order.created, order.paid,
            order.shipped, order.signed, order.completed, order.closed, order.updated,
            after_sale.created, after_sale.updated, dispute.created, dispute.updated,
            shipment.updated, shipment.tracking_updated, address_change.requested,
            address_change.approved, address_change.rejected, complaint.opened, complaint.responded,
            order.refunded

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ChangePage | Problem
     """


    return sync_detailed(
        shop_id=shop_id,
client=client,
cursor=cursor,
limit=limit,
wait=wait,
types=types,

    ).parsed

async def asyncio_detailed(
    shop_id: int,
    *,
    client: AuthenticatedClient,
    cursor: None | str | Unset = UNSET,
    limit: int | Unset = 200,
    wait: float | Unset = 0.0,
    types: None | str | Unset = UNSET,

) -> Response[ChangePage | Problem]:
    """ Committed changes after a cursor, in commit order, never skipping one

     Rows of the shop's change log after `cursor`, oldest first, up to `limit`. Omit the cursor to start
    at the beginning of retention; `cursor=now` returns the head cursor without data. With `wait` > 0
    and nothing new, the request is held until a change arrives or `wait` seconds pass. Loop forever on
    `next_cursor`.

    Args:
        shop_id (int): Shop id
        cursor (None | str | Unset): `next_cursor` of a previous page; omit to start at the
            beginning of retention
        limit (int | Unset):  Default: 200.
        wait (float | Unset):  Default: 0.0.
        types (None | str | Unset): Comma-separated change types among: order.created, order.paid,
            order.shipped, order.signed, order.completed, order.closed, order.updated,
            after_sale.created, after_sale.updated, dispute.created, dispute.updated,
            shipment.updated, shipment.tracking_updated, address_change.requested,
            address_change.approved, address_change.rejected, complaint.opened, complaint.responded,
            order.refunded

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ChangePage | Problem]
     """


    kwargs = _get_kwargs(
        shop_id=shop_id,
cursor=cursor,
limit=limit,
wait=wait,
types=types,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    shop_id: int,
    *,
    client: AuthenticatedClient,
    cursor: None | str | Unset = UNSET,
    limit: int | Unset = 200,
    wait: float | Unset = 0.0,
    types: None | str | Unset = UNSET,

) -> ChangePage | Problem | None:
    """ Committed changes after a cursor, in commit order, never skipping one

     Rows of the shop's change log after `cursor`, oldest first, up to `limit`. Omit the cursor to start
    at the beginning of retention; `cursor=now` returns the head cursor without data. With `wait` > 0
    and nothing new, the request is held until a change arrives or `wait` seconds pass. Loop forever on
    `next_cursor`.

    Args:
        shop_id (int): Shop id
        cursor (None | str | Unset): `next_cursor` of a previous page; omit to start at the
            beginning of retention
        limit (int | Unset):  Default: 200.
        wait (float | Unset):  Default: 0.0.
        types (None | str | Unset): Comma-separated change types among: order.created, order.paid,
            order.shipped, order.signed, order.completed, order.closed, order.updated,
            after_sale.created, after_sale.updated, dispute.created, dispute.updated,
            shipment.updated, shipment.tracking_updated, address_change.requested,
            address_change.approved, address_change.rejected, complaint.opened, complaint.responded,
            order.refunded

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ChangePage | Problem
     """


    return (await asyncio_detailed(
        shop_id=shop_id,
client=client,
cursor=cursor,
limit=limit,
wait=wait,
types=types,

    )).parsed
