from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.problem import Problem
from ...types import File, FileTypes
from io import BytesIO
from typing import cast
import datetime



def _get_kwargs(
    shop_id: int,
    *,
    from_: datetime.date,
    to: datetime.date,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    json_from_ = from_.isoformat()
    params["from"] = json_from_

    json_to = to.isoformat()
    params["to"] = json_to


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/shops/{shop_id}/metrics/summary.csv".format(shop_id=quote(str(shop_id), safe=""),),
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> File | Problem | None:
    if response.status_code == 200:
        response_200 = File(
             payload = BytesIO(response.content)
        )



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
    from_: datetime.date,
    to: datetime.date,

) -> Response[File | Problem]:
    """ The summary as a CSV file (metric, value, previous; money in yuan)

    Args:
        shop_id (int): Shop id
        from_ (datetime.date): First day (YYYY-MM-DD, shop timezone, inclusive; years 2000-2999)
        to (datetime.date): Last day (YYYY-MM-DD, shop timezone, inclusive; years 2000-2999)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[File | Problem]
     """


    kwargs = _get_kwargs(
        shop_id=shop_id,
from_=from_,
to=to,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    shop_id: int,
    *,
    client: AuthenticatedClient,
    from_: datetime.date,
    to: datetime.date,

) -> File | Problem | None:
    """ The summary as a CSV file (metric, value, previous; money in yuan)

    Args:
        shop_id (int): Shop id
        from_ (datetime.date): First day (YYYY-MM-DD, shop timezone, inclusive; years 2000-2999)
        to (datetime.date): Last day (YYYY-MM-DD, shop timezone, inclusive; years 2000-2999)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        File | Problem
     """


    return sync_detailed(
        shop_id=shop_id,
client=client,
from_=from_,
to=to,

    ).parsed

async def asyncio_detailed(
    shop_id: int,
    *,
    client: AuthenticatedClient,
    from_: datetime.date,
    to: datetime.date,

) -> Response[File | Problem]:
    """ The summary as a CSV file (metric, value, previous; money in yuan)

    Args:
        shop_id (int): Shop id
        from_ (datetime.date): First day (YYYY-MM-DD, shop timezone, inclusive; years 2000-2999)
        to (datetime.date): Last day (YYYY-MM-DD, shop timezone, inclusive; years 2000-2999)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[File | Problem]
     """


    kwargs = _get_kwargs(
        shop_id=shop_id,
from_=from_,
to=to,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    shop_id: int,
    *,
    client: AuthenticatedClient,
    from_: datetime.date,
    to: datetime.date,

) -> File | Problem | None:
    """ The summary as a CSV file (metric, value, previous; money in yuan)

    Args:
        shop_id (int): Shop id
        from_ (datetime.date): First day (YYYY-MM-DD, shop timezone, inclusive; years 2000-2999)
        to (datetime.date): Last day (YYYY-MM-DD, shop timezone, inclusive; years 2000-2999)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        File | Problem
     """


    return (await asyncio_detailed(
        shop_id=shop_id,
client=client,
from_=from_,
to=to,

    )).parsed
