from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.bulk_slice_plan import BulkSlicePlan
from ...models.problem import Problem
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    shop_id: int,
    *,
    slices: int | Unset = 4,
    cursor: None | str | Unset = UNSET,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    params["slices"] = slices

    json_cursor: None | str | Unset
    if isinstance(cursor, Unset):
        json_cursor = UNSET
    else:
        json_cursor = cursor
    params["cursor"] = json_cursor


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/shops/{shop_id}/changes/bulk/slices".format(shop_id=quote(str(shop_id), safe=""),),
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> BulkSlicePlan | Problem | None:
    if response.status_code == 200:
        response_200 = BulkSlicePlan.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[BulkSlicePlan | Problem]:
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
    slices: int | Unset = 4,
    cursor: None | str | Unset = UNSET,

) -> Response[BulkSlicePlan | Problem]:
    """ Cut the bulk stream into disjoint slices for a parallel initial copy

     Up to `slices` consecutive, disjoint ranges covering every change after `cursor` up to the head, of
    about the same number of changes (fewer slices when there are fewer changes). Stream each with `GET
    /changes/bulk?cursor={cursor}&until={until}` (in parallel; a slice is final and can be streamed
    again after a failure), store them all, then follow `GET /changes` from `next_cursor`: nothing is
    missed, nothing repeats.

    Args:
        shop_id (int): Shop id
        slices (int | Unset): How many slices to cut (at most). Default: 4.
        cursor (None | str | Unset): `next_cursor` of a previous page; omit to start at the
            beginning of retention

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BulkSlicePlan | Problem]
     """


    kwargs = _get_kwargs(
        shop_id=shop_id,
slices=slices,
cursor=cursor,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    shop_id: int,
    *,
    client: AuthenticatedClient,
    slices: int | Unset = 4,
    cursor: None | str | Unset = UNSET,

) -> BulkSlicePlan | Problem | None:
    """ Cut the bulk stream into disjoint slices for a parallel initial copy

     Up to `slices` consecutive, disjoint ranges covering every change after `cursor` up to the head, of
    about the same number of changes (fewer slices when there are fewer changes). Stream each with `GET
    /changes/bulk?cursor={cursor}&until={until}` (in parallel; a slice is final and can be streamed
    again after a failure), store them all, then follow `GET /changes` from `next_cursor`: nothing is
    missed, nothing repeats.

    Args:
        shop_id (int): Shop id
        slices (int | Unset): How many slices to cut (at most). Default: 4.
        cursor (None | str | Unset): `next_cursor` of a previous page; omit to start at the
            beginning of retention

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BulkSlicePlan | Problem
     """


    return sync_detailed(
        shop_id=shop_id,
client=client,
slices=slices,
cursor=cursor,

    ).parsed

async def asyncio_detailed(
    shop_id: int,
    *,
    client: AuthenticatedClient,
    slices: int | Unset = 4,
    cursor: None | str | Unset = UNSET,

) -> Response[BulkSlicePlan | Problem]:
    """ Cut the bulk stream into disjoint slices for a parallel initial copy

     Up to `slices` consecutive, disjoint ranges covering every change after `cursor` up to the head, of
    about the same number of changes (fewer slices when there are fewer changes). Stream each with `GET
    /changes/bulk?cursor={cursor}&until={until}` (in parallel; a slice is final and can be streamed
    again after a failure), store them all, then follow `GET /changes` from `next_cursor`: nothing is
    missed, nothing repeats.

    Args:
        shop_id (int): Shop id
        slices (int | Unset): How many slices to cut (at most). Default: 4.
        cursor (None | str | Unset): `next_cursor` of a previous page; omit to start at the
            beginning of retention

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BulkSlicePlan | Problem]
     """


    kwargs = _get_kwargs(
        shop_id=shop_id,
slices=slices,
cursor=cursor,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    shop_id: int,
    *,
    client: AuthenticatedClient,
    slices: int | Unset = 4,
    cursor: None | str | Unset = UNSET,

) -> BulkSlicePlan | Problem | None:
    """ Cut the bulk stream into disjoint slices for a parallel initial copy

     Up to `slices` consecutive, disjoint ranges covering every change after `cursor` up to the head, of
    about the same number of changes (fewer slices when there are fewer changes). Stream each with `GET
    /changes/bulk?cursor={cursor}&until={until}` (in parallel; a slice is final and can be streamed
    again after a failure), store them all, then follow `GET /changes` from `next_cursor`: nothing is
    missed, nothing repeats.

    Args:
        shop_id (int): Shop id
        slices (int | Unset): How many slices to cut (at most). Default: 4.
        cursor (None | str | Unset): `next_cursor` of a previous page; omit to start at the
            beginning of retention

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BulkSlicePlan | Problem
     """


    return (await asyncio_detailed(
        shop_id=shop_id,
client=client,
slices=slices,
cursor=cursor,

    )).parsed
