from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.list_deliveries_status_type_0 import ListDeliveriesStatusType0
from ...models.problem import Problem
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    endpoint_id: int,
    *,
    status: ListDeliveriesStatusType0 | None | Unset = UNSET,
    before: int | None | Unset = UNSET,
    limit: int | Unset = 50,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    json_status: None | str | Unset
    if isinstance(status, Unset):
        json_status = UNSET
    elif isinstance(status, ListDeliveriesStatusType0):
        json_status = status.value
    else:
        json_status = status
    params["status"] = json_status

    json_before: int | None | Unset
    if isinstance(before, Unset):
        json_before = UNSET
    else:
        json_before = before
    params["before"] = json_before

    params["limit"] = limit


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/webhook-endpoints/{endpoint_id}/deliveries".format(endpoint_id=quote(str(endpoint_id), safe=""),),
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Any | Problem | None:
    if response.status_code == 200:
        response_200 = response.json()
        return response_200

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())



        return response_401

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Any | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    endpoint_id: int,
    *,
    client: AuthenticatedClient,
    status: ListDeliveriesStatusType0 | None | Unset = UNSET,
    before: int | None | Unset = UNSET,
    limit: int | Unset = 50,

) -> Response[Any | Problem]:
    """ The delivery log, newest first (keyset)

    Args:
        endpoint_id (int): Webhook endpoint id
        status (ListDeliveriesStatusType0 | None | Unset):
        before (int | None | Unset): Ids below
        limit (int | Unset):  Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Problem]
     """


    kwargs = _get_kwargs(
        endpoint_id=endpoint_id,
status=status,
before=before,
limit=limit,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    endpoint_id: int,
    *,
    client: AuthenticatedClient,
    status: ListDeliveriesStatusType0 | None | Unset = UNSET,
    before: int | None | Unset = UNSET,
    limit: int | Unset = 50,

) -> Any | Problem | None:
    """ The delivery log, newest first (keyset)

    Args:
        endpoint_id (int): Webhook endpoint id
        status (ListDeliveriesStatusType0 | None | Unset):
        before (int | None | Unset): Ids below
        limit (int | Unset):  Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Problem
     """


    return sync_detailed(
        endpoint_id=endpoint_id,
client=client,
status=status,
before=before,
limit=limit,

    ).parsed

async def asyncio_detailed(
    endpoint_id: int,
    *,
    client: AuthenticatedClient,
    status: ListDeliveriesStatusType0 | None | Unset = UNSET,
    before: int | None | Unset = UNSET,
    limit: int | Unset = 50,

) -> Response[Any | Problem]:
    """ The delivery log, newest first (keyset)

    Args:
        endpoint_id (int): Webhook endpoint id
        status (ListDeliveriesStatusType0 | None | Unset):
        before (int | None | Unset): Ids below
        limit (int | Unset):  Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Problem]
     """


    kwargs = _get_kwargs(
        endpoint_id=endpoint_id,
status=status,
before=before,
limit=limit,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    endpoint_id: int,
    *,
    client: AuthenticatedClient,
    status: ListDeliveriesStatusType0 | None | Unset = UNSET,
    before: int | None | Unset = UNSET,
    limit: int | Unset = 50,

) -> Any | Problem | None:
    """ The delivery log, newest first (keyset)

    Args:
        endpoint_id (int): Webhook endpoint id
        status (ListDeliveriesStatusType0 | None | Unset):
        before (int | None | Unset): Ids below
        limit (int | Unset):  Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Problem
     """


    return (await asyncio_detailed(
        endpoint_id=endpoint_id,
client=client,
status=status,
before=before,
limit=limit,

    )).parsed
