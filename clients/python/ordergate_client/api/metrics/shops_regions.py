from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.problem import Problem
from ...models.shops_regions import ShopsRegions
from ...types import UNSET, Unset
from typing import cast
import datetime



def _get_kwargs(
    *,
    from_: datetime.date,
    to: datetime.date,
    shop_id: list[int] | None | Unset = UNSET,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    json_from_ = from_.isoformat()
    params["from"] = json_from_

    json_to = to.isoformat()
    params["to"] = json_to

    json_shop_id: list[int] | None | Unset
    if isinstance(shop_id, Unset):
        json_shop_id = UNSET
    elif isinstance(shop_id, list):
        json_shop_id = shop_id


    else:
        json_shop_id = shop_id
    params["shop_id"] = json_shop_id


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/metrics/regions",
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | ShopsRegions | None:
    if response.status_code == 200:
        response_200 = ShopsRegions.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Problem | ShopsRegions]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    from_: datetime.date,
    to: datetime.date,
    shop_id: list[int] | None | Unset = UNSET,

) -> Response[Problem | ShopsRegions]:
    """ Order density of several shops, and each

    Args:
        from_ (datetime.date): First day (YYYY-MM-DD, shop timezone, inclusive; years 2000-2999)
        to (datetime.date): Last day (YYYY-MM-DD, shop timezone, inclusive; years 2000-2999)
        shop_id (list[int] | None | Unset): Only these shops (repeatable; default every shop the
            token grants metrics:read on)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ShopsRegions]
     """


    kwargs = _get_kwargs(
        from_=from_,
to=to,
shop_id=shop_id,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient,
    from_: datetime.date,
    to: datetime.date,
    shop_id: list[int] | None | Unset = UNSET,

) -> Problem | ShopsRegions | None:
    """ Order density of several shops, and each

    Args:
        from_ (datetime.date): First day (YYYY-MM-DD, shop timezone, inclusive; years 2000-2999)
        to (datetime.date): Last day (YYYY-MM-DD, shop timezone, inclusive; years 2000-2999)
        shop_id (list[int] | None | Unset): Only these shops (repeatable; default every shop the
            token grants metrics:read on)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ShopsRegions
     """


    return sync_detailed(
        client=client,
from_=from_,
to=to,
shop_id=shop_id,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    from_: datetime.date,
    to: datetime.date,
    shop_id: list[int] | None | Unset = UNSET,

) -> Response[Problem | ShopsRegions]:
    """ Order density of several shops, and each

    Args:
        from_ (datetime.date): First day (YYYY-MM-DD, shop timezone, inclusive; years 2000-2999)
        to (datetime.date): Last day (YYYY-MM-DD, shop timezone, inclusive; years 2000-2999)
        shop_id (list[int] | None | Unset): Only these shops (repeatable; default every shop the
            token grants metrics:read on)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ShopsRegions]
     """


    kwargs = _get_kwargs(
        from_=from_,
to=to,
shop_id=shop_id,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient,
    from_: datetime.date,
    to: datetime.date,
    shop_id: list[int] | None | Unset = UNSET,

) -> Problem | ShopsRegions | None:
    """ Order density of several shops, and each

    Args:
        from_ (datetime.date): First day (YYYY-MM-DD, shop timezone, inclusive; years 2000-2999)
        to (datetime.date): Last day (YYYY-MM-DD, shop timezone, inclusive; years 2000-2999)
        shop_id (list[int] | None | Unset): Only these shops (repeatable; default every shop the
            token grants metrics:read on)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ShopsRegions
     """


    return (await asyncio_detailed(
        client=client,
from_=from_,
to=to,
shop_id=shop_id,

    )).parsed
