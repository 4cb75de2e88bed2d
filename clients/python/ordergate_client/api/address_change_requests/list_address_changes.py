from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.address_change_request_page import AddressChangeRequestPage
from ...models.address_change_status import AddressChangeStatus
from ...models.problem import Problem
from ...types import UNSET, Unset
from typing import cast
from typing import Literal, cast
import datetime



def _get_kwargs(
    shop_id: int,
    *,
    order_id: int | None | Unset = UNSET,
    created_from: datetime.datetime | None | Unset = UNSET,
    created_to: datetime.datetime | None | Unset = UNSET,
    sort: Literal['-created_at'] | Unset = '-created_at',
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    status: list[AddressChangeStatus] | None | Unset = UNSET,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    json_order_id: int | None | Unset
    if isinstance(order_id, Unset):
        json_order_id = UNSET
    else:
        json_order_id = order_id
    params["order_id"] = json_order_id

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

    params["sort"] = sort

    params["limit"] = limit

    json_cursor: None | str | Unset
    if isinstance(cursor, Unset):
        json_cursor = UNSET
    else:
        json_cursor = cursor
    params["cursor"] = json_cursor

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


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/shops/{shop_id}/address-change-requests".format(shop_id=quote(str(shop_id), safe=""),),
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> AddressChangeRequestPage | Problem | None:
    if response.status_code == 200:
        response_200 = AddressChangeRequestPage.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[AddressChangeRequestPage | Problem]:
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
    order_id: int | None | Unset = UNSET,
    created_from: datetime.datetime | None | Unset = UNSET,
    created_to: datetime.datetime | None | Unset = UNSET,
    sort: Literal['-created_at'] | Unset = '-created_at',
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    status: list[AddressChangeStatus] | None | Unset = UNSET,

) -> Response[AddressChangeRequestPage | Problem]:
    """ List buyers' address-change requests (newest first, keyset; `status=pending`)

    Args:
        shop_id (int): Shop id
        order_id (int | None | Unset):
        created_from (datetime.datetime | None | Unset): Inclusive
        created_to (datetime.datetime | None | Unset): Exclusive
        sort (Literal['-created_at'] | Unset):  Default: '-created_at'.
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):
        status (list[AddressChangeStatus] | None | Unset): Repeatable

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AddressChangeRequestPage | Problem]
     """


    kwargs = _get_kwargs(
        shop_id=shop_id,
order_id=order_id,
created_from=created_from,
created_to=created_to,
sort=sort,
limit=limit,
cursor=cursor,
status=status,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    shop_id: int,
    *,
    client: AuthenticatedClient,
    order_id: int | None | Unset = UNSET,
    created_from: datetime.datetime | None | Unset = UNSET,
    created_to: datetime.datetime | None | Unset = UNSET,
    sort: Literal['-created_at'] | Unset = '-created_at',
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    status: list[AddressChangeStatus] | None | Unset = UNSET,

) -> AddressChangeRequestPage | Problem | None:
    """ List buyers' address-change requests (newest first, keyset; `status=pending`)

    Args:
        shop_id (int): Shop id
        order_id (int | None | Unset):
        created_from (datetime.datetime | None | Unset): Inclusive
        created_to (datetime.datetime | None | Unset): Exclusive
        sort (Literal['-created_at'] | Unset):  Default: '-created_at'.
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):
        status (list[AddressChangeStatus] | None | Unset): Repeatable

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AddressChangeRequestPage | Problem
     """


    return sync_detailed(
        shop_id=shop_id,
client=client,
order_id=order_id,
created_from=created_from,
created_to=created_to,
sort=sort,
limit=limit,
cursor=cursor,
status=status,

    ).parsed

async def asyncio_detailed(
    shop_id: int,
    *,
    client: AuthenticatedClient,
    order_id: int | None | Unset = UNSET,
    created_from: datetime.datetime | None | Unset = UNSET,
    created_to: datetime.datetime | None | Unset = UNSET,
    sort: Literal['-created_at'] | Unset = '-created_at',
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    status: list[AddressChangeStatus] | None | Unset = UNSET,

) -> Response[AddressChangeRequestPage | Problem]:
    """ List buyers' address-change requests (newest first, keyset; `status=pending`)

    Args:
        shop_id (int): Shop id
        order_id (int | None | Unset):
        created_from (datetime.datetime | None | Unset): Inclusive
        created_to (datetime.datetime | None | Unset): Exclusive
        sort (Literal['-created_at'] | Unset):  Default: '-created_at'.
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):
        status (list[AddressChangeStatus] | None | Unset): Repeatable

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AddressChangeRequestPage | Problem]
     """


    kwargs = _get_kwargs(
        shop_id=shop_id,
order_id=order_id,
created_from=created_from,
created_to=created_to,
sort=sort,
limit=limit,
cursor=cursor,
status=status,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    shop_id: int,
    *,
    client: AuthenticatedClient,
    order_id: int | None | Unset = UNSET,
    created_from: datetime.datetime | None | Unset = UNSET,
    created_to: datetime.datetime | None | Unset = UNSET,
    sort: Literal['-created_at'] | Unset = '-created_at',
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    status: list[AddressChangeStatus] | None | Unset = UNSET,

) -> AddressChangeRequestPage | Problem | None:
    """ List buyers' address-change requests (newest first, keyset; `status=pending`)

    Args:
        shop_id (int): Shop id
        order_id (int | None | Unset):
        created_from (datetime.datetime | None | Unset): Inclusive
        created_to (datetime.datetime | None | Unset): Exclusive
        sort (Literal['-created_at'] | Unset):  Default: '-created_at'.
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):
        status (list[AddressChangeStatus] | None | Unset): Repeatable

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AddressChangeRequestPage | Problem
     """


    return (await asyncio_detailed(
        shop_id=shop_id,
client=client,
order_id=order_id,
created_from=created_from,
created_to=created_to,
sort=sort,
limit=limit,
cursor=cursor,
status=status,

    )).parsed
