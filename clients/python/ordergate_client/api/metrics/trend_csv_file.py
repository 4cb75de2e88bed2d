from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.group_by import GroupBy
from ...models.metric_name import MetricName
from ...models.problem import Problem
from ...models.trend_interval import TrendInterval
from ...types import File, FileTypes
from ...types import UNSET, Unset
from io import BytesIO
from typing import cast
import datetime



def _get_kwargs(
    shop_id: int,
    *,
    from_: datetime.date,
    to: datetime.date,
    interval: TrendInterval | Unset = UNSET,
    group_by: GroupBy | None | Unset = UNSET,
    metric: list[MetricName] | None | Unset = UNSET,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    json_from_ = from_.isoformat()
    params["from"] = json_from_

    json_to = to.isoformat()
    params["to"] = json_to

    json_interval: str | Unset = UNSET
    if not isinstance(interval, Unset):
        json_interval = interval.value

    params["interval"] = json_interval

    json_group_by: None | str | Unset
    if isinstance(group_by, Unset):
        json_group_by = UNSET
    elif isinstance(group_by, GroupBy):
        json_group_by = group_by.value
    else:
        json_group_by = group_by
    params["group_by"] = json_group_by

    json_metric: list[str] | None | Unset
    if isinstance(metric, Unset):
        json_metric = UNSET
    elif isinstance(metric, list):
        json_metric = []
        for metric_type_0_item_data in metric:
            metric_type_0_item = metric_type_0_item_data.value
            json_metric.append(metric_type_0_item)


    else:
        json_metric = metric
    params["metric"] = json_metric


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/shops/{shop_id}/metrics/trend.csv".format(shop_id=quote(str(shop_id), safe=""),),
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
    interval: TrendInterval | Unset = UNSET,
    group_by: GroupBy | None | Unset = UNSET,
    metric: list[MetricName] | None | Unset = UNSET,

) -> Response[File | Problem]:
    """ The trend as a CSV file (a line per point of each series; money in yuan)

    Args:
        shop_id (int): Shop id
        from_ (datetime.date): First day (YYYY-MM-DD, shop timezone, inclusive; years 2000-2999)
        to (datetime.date): Last day (YYYY-MM-DD, shop timezone, inclusive; years 2000-2999)
        interval (TrendInterval | Unset): Bucket size of a trend (shop timezone); hour: at most 7
            days.
        group_by (GroupBy | None | Unset): Split each day by
        metric (list[MetricName] | None | Unset): Repeatable (default: all metrics)

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
interval=interval,
group_by=group_by,
metric=metric,

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
    interval: TrendInterval | Unset = UNSET,
    group_by: GroupBy | None | Unset = UNSET,
    metric: list[MetricName] | None | Unset = UNSET,

) -> File | Problem | None:
    """ The trend as a CSV file (a line per point of each series; money in yuan)

    Args:
        shop_id (int): Shop id
        from_ (datetime.date): First day (YYYY-MM-DD, shop timezone, inclusive; years 2000-2999)
        to (datetime.date): Last day (YYYY-MM-DD, shop timezone, inclusive; years 2000-2999)
        interval (TrendInterval | Unset): Bucket size of a trend (shop timezone); hour: at most 7
            days.
        group_by (GroupBy | None | Unset): Split each day by
        metric (list[MetricName] | None | Unset): Repeatable (default: all metrics)

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
interval=interval,
group_by=group_by,
metric=metric,

    ).parsed

async def asyncio_detailed(
    shop_id: int,
    *,
    client: AuthenticatedClient,
    from_: datetime.date,
    to: datetime.date,
    interval: TrendInterval | Unset = UNSET,
    group_by: GroupBy | None | Unset = UNSET,
    metric: list[MetricName] | None | Unset = UNSET,

) -> Response[File | Problem]:
    """ The trend as a CSV file (a line per point of each series; money in yuan)

    Args:
        shop_id (int): Shop id
        from_ (datetime.date): First day (YYYY-MM-DD, shop timezone, inclusive; years 2000-2999)
        to (datetime.date): Last day (YYYY-MM-DD, shop timezone, inclusive; years 2000-2999)
        interval (TrendInterval | Unset): Bucket size of a trend (shop timezone); hour: at most 7
            days.
        group_by (GroupBy | None | Unset): Split each day by
        metric (list[MetricName] | None | Unset): Repeatable (default: all metrics)

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
interval=interval,
group_by=group_by,
metric=metric,

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
    interval: TrendInterval | Unset = UNSET,
    group_by: GroupBy | None | Unset = UNSET,
    metric: list[MetricName] | None | Unset = UNSET,

) -> File | Problem | None:
    """ The trend as a CSV file (a line per point of each series; money in yuan)

    Args:
        shop_id (int): Shop id
        from_ (datetime.date): First day (YYYY-MM-DD, shop timezone, inclusive; years 2000-2999)
        to (datetime.date): Last day (YYYY-MM-DD, shop timezone, inclusive; years 2000-2999)
        interval (TrendInterval | Unset): Bucket size of a trend (shop timezone); hour: at most 7
            days.
        group_by (GroupBy | None | Unset): Split each day by
        metric (list[MetricName] | None | Unset): Repeatable (default: all metrics)

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
interval=interval,
group_by=group_by,
metric=metric,

    )).parsed
