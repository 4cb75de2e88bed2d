from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.address_change_create import AddressChangeCreate
from ...models.address_change_request import AddressChangeRequest
from ...models.problem import Problem
from typing import cast



def _get_kwargs(
    shop_id: int,
    order_id: int,
    *,
    body: AddressChangeCreate,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}


    

    

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/internal/v1/shops/{shop_id}/orders/{order_id}/address-change-requests".format(shop_id=quote(str(shop_id), safe=""),order_id=quote(str(order_id), safe=""),),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> AddressChangeRequest | Problem | None:
    if response.status_code == 201:
        response_201 = AddressChangeRequest.from_dict(response.json())



        return response_201

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())



        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())



        return response_401

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())



        return response_404

    if response.status_code == 409:
        response_409 = Problem.from_dict(response.json())



        return response_409

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[AddressChangeRequest | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    shop_id: int,
    order_id: int,
    *,
    client: AuthenticatedClient,
    body: AddressChangeCreate,

) -> Response[AddressChangeRequest | Problem]:
    """ Buyer asks to change the receiver (unshipped orders; one pending per order)

    Args:
        shop_id (int): Shop id
        order_id (int): Order id
        body (AddressChangeCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AddressChangeRequest | Problem]
     """


    kwargs = _get_kwargs(
        shop_id=shop_id,
order_id=order_id,
body=body,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    shop_id: int,
    order_id: int,
    *,
    client: AuthenticatedClient,
    body: AddressChangeCreate,

) -> AddressChangeRequest | Problem | None:
    """ Buyer asks to change the receiver (unshipped orders; one pending per order)

    Args:
        shop_id (int): Shop id
        order_id (int): Order id
        body (AddressChangeCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AddressChangeRequest | Problem
     """


    return sync_detailed(
        shop_id=shop_id,
order_id=order_id,
client=client,
body=body,

    ).parsed

async def asyncio_detailed(
    shop_id: int,
    order_id: int,
    *,
    client: AuthenticatedClient,
    body: AddressChangeCreate,

) -> Response[AddressChangeRequest | Problem]:
    """ Buyer asks to change the receiver (unshipped orders; one pending per order)

    Args:
        shop_id (int): Shop id
        order_id (int): Order id
        body (AddressChangeCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AddressChangeRequest | Problem]
     """


    kwargs = _get_kwargs(
        shop_id=shop_id,
order_id=order_id,
body=body,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    shop_id: int,
    order_id: int,
    *,
    client: AuthenticatedClient,
    body: AddressChangeCreate,

) -> AddressChangeRequest | Problem | None:
    """ Buyer asks to change the receiver (unshipped orders; one pending per order)

    Args:
        shop_id (int): Shop id
        order_id (int): Order id
        body (AddressChangeCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AddressChangeRequest | Problem
     """


    return (await asyncio_detailed(
        shop_id=shop_id,
order_id=order_id,
client=client,
body=body,

    )).parsed
