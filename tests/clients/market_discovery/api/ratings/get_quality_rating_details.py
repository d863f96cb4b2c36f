from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.api_error_response import ApiErrorResponse
from ...models.get_quality_rating_details_response import GetQualityRatingDetailsResponse
from ...types import Response


def _get_kwargs(
    campaign_id: int,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v2/campaigns/{campaign_id}/ratings/quality/details".format(
            campaign_id=quote(str(campaign_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ApiErrorResponse | GetQualityRatingDetailsResponse | None:
    if response.status_code == 200:
        response_200 = GetQualityRatingDetailsResponse.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ApiErrorResponse.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ApiErrorResponse.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ApiErrorResponse.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = ApiErrorResponse.from_dict(response.json())

        return response_404

    if response.status_code == 420:
        response_420 = ApiErrorResponse.from_dict(response.json())

        return response_420

    if response.status_code == 500:
        response_500 = ApiErrorResponse.from_dict(response.json())

        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ApiErrorResponse | GetQualityRatingDetailsResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    campaign_id: int,
    *,
    client: AuthenticatedClient | Client,
) -> Response[ApiErrorResponse | GetQualityRatingDetailsResponse]:
    """Заказы, которые повлияли на индекс качества

     {% include notitle [access](../../_auto/method_scopes/getQualityRatingDetails.md) %}

    Возвращает список заказов, которые повлияли на индекс качества магазина. Чтобы узнать значение
    индекса качества, выполните запрос
    [POST v2/businesses/{businessId}/ratings/quality](../../reference/ratings/getQualityRatings.md).

    {% include notitle [limit](../../_auto/method_limits/getQualityRatingDetails.md) %}

    Args:
        campaign_id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiErrorResponse | GetQualityRatingDetailsResponse]
    """

    kwargs = _get_kwargs(
        campaign_id=campaign_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    campaign_id: int,
    *,
    client: AuthenticatedClient | Client,
) -> ApiErrorResponse | GetQualityRatingDetailsResponse | None:
    """Заказы, которые повлияли на индекс качества

     {% include notitle [access](../../_auto/method_scopes/getQualityRatingDetails.md) %}

    Возвращает список заказов, которые повлияли на индекс качества магазина. Чтобы узнать значение
    индекса качества, выполните запрос
    [POST v2/businesses/{businessId}/ratings/quality](../../reference/ratings/getQualityRatings.md).

    {% include notitle [limit](../../_auto/method_limits/getQualityRatingDetails.md) %}

    Args:
        campaign_id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiErrorResponse | GetQualityRatingDetailsResponse
    """

    return sync_detailed(
        campaign_id=campaign_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    campaign_id: int,
    *,
    client: AuthenticatedClient | Client,
) -> Response[ApiErrorResponse | GetQualityRatingDetailsResponse]:
    """Заказы, которые повлияли на индекс качества

     {% include notitle [access](../../_auto/method_scopes/getQualityRatingDetails.md) %}

    Возвращает список заказов, которые повлияли на индекс качества магазина. Чтобы узнать значение
    индекса качества, выполните запрос
    [POST v2/businesses/{businessId}/ratings/quality](../../reference/ratings/getQualityRatings.md).

    {% include notitle [limit](../../_auto/method_limits/getQualityRatingDetails.md) %}

    Args:
        campaign_id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiErrorResponse | GetQualityRatingDetailsResponse]
    """

    kwargs = _get_kwargs(
        campaign_id=campaign_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    campaign_id: int,
    *,
    client: AuthenticatedClient | Client,
) -> ApiErrorResponse | GetQualityRatingDetailsResponse | None:
    """Заказы, которые повлияли на индекс качества

     {% include notitle [access](../../_auto/method_scopes/getQualityRatingDetails.md) %}

    Возвращает список заказов, которые повлияли на индекс качества магазина. Чтобы узнать значение
    индекса качества, выполните запрос
    [POST v2/businesses/{businessId}/ratings/quality](../../reference/ratings/getQualityRatings.md).

    {% include notitle [limit](../../_auto/method_limits/getQualityRatingDetails.md) %}

    Args:
        campaign_id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiErrorResponse | GetQualityRatingDetailsResponse
    """

    return (
        await asyncio_detailed(
            campaign_id=campaign_id,
            client=client,
        )
    ).parsed
