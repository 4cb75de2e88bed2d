from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.problem import Problem
from ...models.shipment_tracking import ShipmentTracking
from ...models.tracking_event_in import TrackingEventIn
from typing import cast



def _get_kwargs(
    shop_id: int,
    shipment_id: int,
    *,
    body: list[TrackingEventIn],

) -> dict[str, Any]:
    headers: dict[str, Any] = {}


    

    

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/internal/v1/shops/{shop_id}/shipments/{shipment_id}/tracking-events".format(shop_id=quote(str(shop_id), safe=""),shipment_id=quote(str(shipment_id), safe=""),),
    }

    _kwargs["json"] = []
    for componentsschemas_tracking_events_in_item_data in body:
        componentsschemas_tracking_events_in_item = componentsschemas_tracking_events_in_item_data.to_dict()
        _kwargs["json"].append(componentsschemas_tracking_events_in_item)



    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | ShipmentTracking | None:
    if response.status_code == 200:
        response_200 = ShipmentTracking.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Problem | ShipmentTracking]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    shop_id: int,
    shipment_id: int,
    *,
    client: AuthenticatedClient,
    body: list[TrackingEventIn],

) -> Response[Problem | ShipmentTracking]:
    """ Record carrier scans of a parcel (replayed scans are ignored)

    Args:
        shop_id (int): Shop id
        shipment_id (int): Shipment (parcel) id
        body (list[TrackingEventIn]): Carrier scans of one parcel; a scan already recorded (same
            ``at`` and ``status``) is
            ignored, so a push can be replayed.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ShipmentTracking]
     """


    kwargs = _get_kwargs(
        shop_id=shop_id,
shipment_id=shipment_id,
body=body,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    shop_id: int,
    shipment_id: int,
    *,
    client: AuthenticatedClient,
    body: list[TrackingEventIn],

) -> Problem | ShipmentTracking | None:
    """ Record carrier scans of a parcel (replayed scans are ignored)

    Args:
        shop_id (int): Shop id
        shipment_id (int): Shipment (parcel) id
        body (list[TrackingEventIn]): Carrier scans of one parcel; a scan already recorded (same
            ``at`` and ``status``) is
            ignored, so a push can be replayed.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ShipmentTracking
     """


    return sync_detailed(
        shop_id=shop_id,
shipment_id=shipment_id,
client=client,
body=body,

    ).parsed

async def asyncio_detailed(
    shop_id: int,
    shipment_id: int,
    *,
    client: AuthenticatedClient,
    body: list[TrackingEventIn],

) -> Response[Problem | ShipmentTracking]:
    """ Record carrier scans of a parcel (replayed scans are ignored)

    Args:
        shop_id (int): Shop id
        shipment_id (int): Shipment (parcel) id
        body (list[TrackingEventIn]): Carrier scans of one parcel; a scan already recorded (same
            ``at`` and ``status``) is
            ignored, so a push can be replayed.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ShipmentTracking]
     """


    kwargs = _get_kwargs(
        shop_id=shop_id,
shipment_id=shipment_id,
body=body,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    shop_id: int,
    shipment_id: int,
    *,
    client: AuthenticatedClient,
    body: list[TrackingEventIn],

) -> Problem | ShipmentTracking | None:
    """ Record carrier scans of a parcel (replayed scans are ignored)

    Args:
        shop_id (int): Shop id
        shipment_id (int): Shipment (parcel) id
        body (list[TrackingEventIn]): Carrier scans of one parcel; a scan already recorded (same
            ``at`` and ``status``) is
            ignored, so a push can be replayed.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ShipmentTracking
     """


    return (await asyncio_detailed(
        shop_id=shop_id,
shipment_id=shipment_id,
client=client,
body=body,

    )).parsed
