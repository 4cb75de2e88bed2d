from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.order import Order
from ...models.order_ship import OrderShip
from ...models.problem import Problem
from typing import cast



def _get_kwargs(
    shop_id: int,
    order_id: int,
    *,
    body: OrderShip,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}


    

    

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/internal/v1/shops/{shop_id}/orders/{order_id}/ship".format(shop_id=quote(str(shop_id), safe=""),order_id=quote(str(order_id), safe=""),),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Order | Problem | None:
    if response.status_code == 200:
        response_200 = Order.from_dict(response.json())



        return response_200

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Order | Problem]:
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
    body: OrderShip,

) -> Response[Order | Problem]:
    """ Record a parcel handed to a carrier

    Args:
        shop_id (int): Shop id
        order_id (int): Order id
        body (OrderShip): One parcel: ``carrier_code`` + ``tracking_no``, with ``lines`` (default:
            every unit not
            yet shipped). The deprecated ``carrier`` (a free-text name) and ``items`` (whole lines:
            the rest of each listed line) still work. Send exactly one of ``carrier_code`` and
            ``carrier``, and at most one of ``lines`` and ``items``: otherwise 422 validation_error.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Order | Problem]
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
    body: OrderShip,

) -> Order | Problem | None:
    """ Record a parcel handed to a carrier

    Args:
        shop_id (int): Shop id
        order_id (int): Order id
        body (OrderShip): One parcel: ``carrier_code`` + ``tracking_no``, with ``lines`` (default:
            every unit not
            yet shipped). The deprecated ``carrier`` (a free-text name) and ``items`` (whole lines:
            the rest of each listed line) still work. Send exactly one of ``carrier_code`` and
            ``carrier``, and at most one of ``lines`` and ``items``: otherwise 422 validation_error.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Order | Problem
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
    body: OrderShip,

) -> Response[Order | Problem]:
    """ Record a parcel handed to a carrier

    Args:
        shop_id (int): Shop id
        order_id (int): Order id
        body (OrderShip): One parcel: ``carrier_code`` + ``tracking_no``, with ``lines`` (default:
            every unit not
            yet shipped). The deprecated ``carrier`` (a free-text name) and ``items`` (whole lines:
            the rest of each listed line) still work. Send exactly one of ``carrier_code`` and
            ``carrier``, and at most one of ``lines`` and ``items``: otherwise 422 validation_error.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Order | Problem]
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
    body: OrderShip,

) -> Order | Problem | None:
    """ Record a parcel handed to a carrier

    Args:
        shop_id (int): Shop id
        order_id (int): Order id
        body (OrderShip): One parcel: ``carrier_code`` + ``tracking_no``, with ``lines`` (default:
            every unit not
            yet shipped). The deprecated ``carrier`` (a free-text name) and ``items`` (whole lines:
            the rest of each listed line) still work. Send exactly one of ``carrier_code`` and
            ``carrier``, and at most one of ``lines`` and ``items``: otherwise 422 validation_error.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Order | Problem
     """


    return (await asyncio_detailed(
        shop_id=shop_id,
order_id=order_id,
client=client,
body=body,

    )).parsed
