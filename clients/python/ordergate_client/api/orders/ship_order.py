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
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    shop_id: int,
    order_id: int,
    *,
    body: OrderShip,
    idempotency_key: str | Unset = UNSET,
    if_match: str | Unset = UNSET,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    if not isinstance(if_match, Unset):
        headers["If-Match"] = if_match



    

    

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/shops/{shop_id}/orders/{order_id}/shipments".format(shop_id=quote(str(shop_id), safe=""),order_id=quote(str(order_id), safe=""),),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Order | Problem | None:
    if response.status_code == 201:
        response_201 = Order.from_dict(response.json())



        return response_201

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
    idempotency_key: str | Unset = UNSET,
    if_match: str | Unset = UNSET,

) -> Response[Order | Problem]:
    """ Ship a parcel (all or some units): paid -> partially_shipped -> shipped

    Args:
        shop_id (int): Shop id
        order_id (int): Order id
        idempotency_key (str | Unset): Makes the write safe to retry: the same key and body replay
            the stored response for 24 h; the same key with another body is 422 idempotency_mismatch.
        if_match (str | Unset): The entity version as ETag ("3"); stale -> 409.
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
idempotency_key=idempotency_key,
if_match=if_match,

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
    idempotency_key: str | Unset = UNSET,
    if_match: str | Unset = UNSET,

) -> Order | Problem | None:
    """ Ship a parcel (all or some units): paid -> partially_shipped -> shipped

    Args:
        shop_id (int): Shop id
        order_id (int): Order id
        idempotency_key (str | Unset): Makes the write safe to retry: the same key and body replay
            the stored response for 24 h; the same key with another body is 422 idempotency_mismatch.
        if_match (str | Unset): The entity version as ETag ("3"); stale -> 409.
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
idempotency_key=idempotency_key,
if_match=if_match,

    ).parsed

async def asyncio_detailed(
    shop_id: int,
    order_id: int,
    *,
    client: AuthenticatedClient,
    body: OrderShip,
    idempotency_key: str | Unset = UNSET,
    if_match: str | Unset = UNSET,

) -> Response[Order | Problem]:
    """ Ship a parcel (all or some units): paid -> partially_shipped -> shipped

    Args:
        shop_id (int): Shop id
        order_id (int): Order id
        idempotency_key (str | Unset): Makes the write safe to retry: the same key and body replay
            the stored response for 24 h; the same key with another body is 422 idempotency_mismatch.
        if_match (str | Unset): The entity version as ETag ("3"); stale -> 409.
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
idempotency_key=idempotency_key,
if_match=if_match,

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
    idempotency_key: str | Unset = UNSET,
    if_match: str | Unset = UNSET,

) -> Order | Problem | None:
    """ Ship a parcel (all or some units): paid -> partially_shipped -> shipped

    Args:
        shop_id (int): Shop id
        order_id (int): Order id
        idempotency_key (str | Unset): Makes the write safe to retry: the same key and body replay
            the stored response for 24 h; the same key with another body is 422 idempotency_mismatch.
        if_match (str | Unset): The entity version as ETag ("3"); stale -> 409.
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
idempotency_key=idempotency_key,
if_match=if_match,

    )).parsed
