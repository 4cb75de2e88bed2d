from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.problem import Problem
from ...types import File, FileTypes
from ...types import UNSET, Unset
from io import BytesIO
from typing import cast



def _get_kwargs(
    shop_id: int,
    *,
    cursor: None | str | Unset = UNSET,
    until: None | str | Unset = UNSET,
    types: None | str | Unset = UNSET,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    json_cursor: None | str | Unset
    if isinstance(cursor, Unset):
        json_cursor = UNSET
    else:
        json_cursor = cursor
    params["cursor"] = json_cursor

    json_until: None | str | Unset
    if isinstance(until, Unset):
        json_until = UNSET
    else:
        json_until = until
    params["until"] = json_until

    json_types: None | str | Unset
    if isinstance(types, Unset):
        json_types = UNSET
    else:
        json_types = types
    params["types"] = json_types


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/shops/{shop_id}/changes/bulk".format(shop_id=quote(str(shop_id), safe=""),),
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> File | Problem | None:
    if response.status_code == 200:
        response_200 = File(
             payload = BytesIO(response.content)
        )



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
    cursor: None | str | Unset = UNSET,
    until: None | str | Unset = UNSET,
    types: None | str | Unset = UNSET,

) -> Response[File | Problem]:
    """ Every change after a cursor up to the head, as one NDJSON stream

     For initial syncs and long catch-ups: the rows `GET /changes` would return page after page, one JSON
    object per line (`application/x-ndjson`), streamed as PostgreSQL produces them, up to the horizon at
    the time of the request. In every change line `data` is the last member, so a client may store the
    entity's JSON without parsing it. The last line is `{"next_cursor": ..., "count": n}`: continue with
    `GET /changes` from that cursor. A stream that ends without it is incomplete: request it again. With
    `until` (a cursor, e.g. a slice's from `GET /changes/bulk/slices`) the stream stops after that
    position and the trailer's `next_cursor` is `until` itself (or the head, if `until` is past it).

    Args:
        shop_id (int): Shop id
        cursor (None | str | Unset): `next_cursor` of a previous page; omit to start at the
            beginning of retention
        until (None | str | Unset): A cursor: stop after this position (inclusive), e.g. a slice's
            `until` from `GET /changes/bulk/slices`; omit to stream up to the head
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
        Response[File | Problem]
     """


    kwargs = _get_kwargs(
        shop_id=shop_id,
cursor=cursor,
until=until,
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
    until: None | str | Unset = UNSET,
    types: None | str | Unset = UNSET,

) -> File | Problem | None:
    """ Every change after a cursor up to the head, as one NDJSON stream

     For initial syncs and long catch-ups: the rows `GET /changes` would return page after page, one JSON
    object per line (`application/x-ndjson`), streamed as PostgreSQL produces them, up to the horizon at
    the time of the request. In every change line `data` is the last member, so a client may store the
    entity's JSON without parsing it. The last line is `{"next_cursor": ..., "count": n}`: continue with
    `GET /changes` from that cursor. A stream that ends without it is incomplete: request it again. With
    `until` (a cursor, e.g. a slice's from `GET /changes/bulk/slices`) the stream stops after that
    position and the trailer's `next_cursor` is `until` itself (or the head, if `until` is past it).

    Args:
        shop_id (int): Shop id
        cursor (None | str | Unset): `next_cursor` of a previous page; omit to start at the
            beginning of retention
        until (None | str | Unset): A cursor: stop after this position (inclusive), e.g. a slice's
            `until` from `GET /changes/bulk/slices`; omit to stream up to the head
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
        File | Problem
     """


    return sync_detailed(
        shop_id=shop_id,
client=client,
cursor=cursor,
until=until,
types=types,

    ).parsed

async def asyncio_detailed(
    shop_id: int,
    *,
    client: AuthenticatedClient,
    cursor: None | str | Unset = UNSET,
    until: None | str | Unset = UNSET,
    types: None | str | Unset = UNSET,

) -> Response[File | Problem]:
    """ Every change after a cursor up to the head, as one NDJSON stream

     For initial syncs and long catch-ups: the rows `GET /changes` would return page after page, one JSON
    object per line (`application/x-ndjson`), streamed as PostgreSQL produces them, up to the horizon at
    the time of the request. In every change line `data` is the last member, so a client may store the
    entity's JSON without parsing it. The last line is `{"next_cursor": ..., "count": n}`: continue with
    `GET /changes` from that cursor. A stream that ends without it is incomplete: request it again. With
    `until` (a cursor, e.g. a slice's from `GET /changes/bulk/slices`) the stream stops after that
    position and the trailer's `next_cursor` is `until` itself (or the head, if `until` is past it).

    Args:
        shop_id (int): Shop id
        cursor (None | str | Unset): `next_cursor` of a previous page; omit to start at the
            beginning of retention
        until (None | str | Unset): A cursor: stop after this position (inclusive), e.g. a slice's
            `until` from `GET /changes/bulk/slices`; omit to stream up to the head
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
        Response[File | Problem]
     """


    kwargs = _get_kwargs(
        shop_id=shop_id,
cursor=cursor,
until=until,
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
    until: None | str | Unset = UNSET,
    types: None | str | Unset = UNSET,

) -> File | Problem | None:
    """ Every change after a cursor up to the head, as one NDJSON stream

     For initial syncs and long catch-ups: the rows `GET /changes` would return page after page, one JSON
    object per line (`application/x-ndjson`), streamed as PostgreSQL produces them, up to the horizon at
    the time of the request. In every change line `data` is the last member, so a client may store the
    entity's JSON without parsing it. The last line is `{"next_cursor": ..., "count": n}`: continue with
    `GET /changes` from that cursor. A stream that ends without it is incomplete: request it again. With
    `until` (a cursor, e.g. a slice's from `GET /changes/bulk/slices`) the stream stops after that
    position and the trailer's `next_cursor` is `until` itself (or the head, if `until` is past it).

    Args:
        shop_id (int): Shop id
        cursor (None | str | Unset): `next_cursor` of a previous page; omit to start at the
            beginning of retention
        until (None | str | Unset): A cursor: stop after this position (inclusive), e.g. a slice's
            `until` from `GET /changes/bulk/slices`; omit to stream up to the head
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
        File | Problem
     """


    return (await asyncio_detailed(
        shop_id=shop_id,
client=client,
cursor=cursor,
until=until,
types=types,

    )).parsed
