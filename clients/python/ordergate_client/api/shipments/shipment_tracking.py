from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.problem import Problem
from ...models.shipment_tracking import ShipmentTracking
from typing import cast



def _get_kwargs(
    shop_id: int,
    order_id: int,
    shipment_id: int,

) -> dict[str, Any]:
    

    

    

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/shops/{shop_id}/orders/{order_id}/shipments/{shipment_id}/tracking".format(shop_id=quote(str(shop_id), safe=""),order_id=quote(str(order_id), safe=""),shipment_id=quote(str(shipment_id), safe=""),),
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | ShipmentTracking | None:
    if response.status_code == 200:
        response_200 = ShipmentTracking.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Problem | ShipmentTracking]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    shop_id: int,
    order_id: int,
    shipment_id: int,
    *,
    client: AuthenticatedClient,

) -> Response[Problem | ShipmentTracking]:
    """ A parcel's logistics trace (carrier scans, oldest first)

    Args:
        shop_id (int): Shop id
        order_id (int): Order id
        shipment_id (int): Shipment (parcel) id

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ShipmentTracking]
     """


    kwargs = _get_kwargs(
        shop_id=shop_id,
order_id=order_id,
shipment_id=shipment_id,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    shop_id: int,
    order_id: int,
    shipment_id: int,
    *,
    client: AuthenticatedClient,

) -> Problem | ShipmentTracking | None:
    """ A parcel's logistics trace (carrier scans, oldest first)

    Args:
        shop_id (int): Shop id
        order_id (int): Order id
        shipment_id (int): Shipment (parcel) id

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ShipmentTracking
     """


    return sync_detailed(
        shop_id=shop_id,
order_id=order_id,
shipment_id=shipment_id,
client=client,

    ).parsed

async def asyncio_detailed(
    shop_id: int,
    order_id: int,
    shipment_id: int,
    *,
    client: AuthenticatedClient,

) -> Response[Problem | ShipmentTracking]:
    """ A parcel's logistics trace (carrier scans, oldest first)

    Args:
        shop_id (int): Shop id
        order_id (int): Order id
        shipment_id (int): Shipment (parcel) id

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ShipmentTracking]
     """


    kwargs = _get_kwargs(
        shop_id=shop_id,
order_id=order_id,
shipment_id=shipment_id,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    shop_id: int,
    order_id: int,
    shipment_id: int,
    *,
    client: AuthenticatedClient,

) -> Problem | ShipmentTracking | None:
    """ A parcel's logistics trace (carrier scans, oldest first)

    Args:
        shop_id (int): Shop id
        order_id (int): Order id
        shipment_id (int): Shipment (parcel) id

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ShipmentTracking
     """


    return (await asyncio_detailed(
        shop_id=shop_id,
order_id=order_id,
shipment_id=shipment_id,
client=client,

    )).parsed
