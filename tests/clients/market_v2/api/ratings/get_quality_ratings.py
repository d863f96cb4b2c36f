from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.api_error_response import ApiErrorResponse
from ...models.get_quality_rating_request import GetQualityRatingRequest
from ...models.get_quality_rating_response import GetQualityRatingResponse
from ...types import Response


def _get_kwargs(
    business_id: int,
    *,
    body: GetQualityRatingRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v2/businesses/{business_id}/ratings/quality".format(
            business_id=quote(str(business_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ApiErrorResponse | GetQualityRatingResponse | None:
    if response.status_code == 200:
        response_200 = GetQualityRatingResponse.from_dict(response.json())

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
) -> Response[ApiErrorResponse | GetQualityRatingResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    business_id: int,
    *,
    client: AuthenticatedClient | Client,
    body: GetQualityRatingRequest,
) -> Response[ApiErrorResponse | GetQualityRatingResponse]:
    """Индекс качества магазинов

     {% include notitle [access](../../_auto/method_scopes/getQualityRatings.md) %}

    Возвращает значение индекса качества магазинов и его составляющие.

    Подробнее об индексе качества читайте [в Справке Маркета для
    продавцов](https://yandex.ru/support2/marketplace/ru/quality/score/).

    {% include notitle [limit](../../_auto/method_limits/getQualityRatings.md) %}

    Args:
        business_id (int):
        body (GetQualityRatingRequest): Запрос информации по индексу качества.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiErrorResponse | GetQualityRatingResponse]
    """

    kwargs = _get_kwargs(
        business_id=business_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    business_id: int,
    *,
    client: AuthenticatedClient | Client,
    body: GetQualityRatingRequest,
) -> ApiErrorResponse | GetQualityRatingResponse | None:
    """Индекс качества магазинов

     {% include notitle [access](../../_auto/method_scopes/getQualityRatings.md) %}

    Возвращает значение индекса качества магазинов и его составляющие.

    Подробнее об индексе качества читайте [в Справке Маркета для
    продавцов](https://yandex.ru/support2/marketplace/ru/quality/score/).

    {% include notitle [limit](../../_auto/method_limits/getQualityRatings.md) %}

    Args:
        business_id (int):
        body (GetQualityRatingRequest): Запрос информации по индексу качества.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiErrorResponse | GetQualityRatingResponse
    """

    return sync_detailed(
        business_id=business_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    business_id: int,
    *,
    client: AuthenticatedClient | Client,
    body: GetQualityRatingRequest,
) -> Response[ApiErrorResponse | GetQualityRatingResponse]:
    """Индекс качества магазинов

     {% include notitle [access](../../_auto/method_scopes/getQualityRatings.md) %}

    Возвращает значение индекса качества магазинов и его составляющие.

    Подробнее об индексе качества читайте [в Справке Маркета для
    продавцов](https://yandex.ru/support2/marketplace/ru/quality/score/).

    {% include notitle [limit](../../_auto/method_limits/getQualityRatings.md) %}

    Args:
        business_id (int):
        body (GetQualityRatingRequest): Запрос информации по индексу качества.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiErrorResponse | GetQualityRatingResponse]
    """

    kwargs = _get_kwargs(
        business_id=business_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    business_id: int,
    *,
    client: AuthenticatedClient | Client,
    body: GetQualityRatingRequest,
) -> ApiErrorResponse | GetQualityRatingResponse | None:
    """Индекс качества магазинов

     {% include notitle [access](../../_auto/method_scopes/getQualityRatings.md) %}

    Возвращает значение индекса качества магазинов и его составляющие.

    Подробнее об индексе качества читайте [в Справке Маркета для
    продавцов](https://yandex.ru/support2/marketplace/ru/quality/score/).

    {% include notitle [limit](../../_auto/method_limits/getQualityRatings.md) %}

    Args:
        business_id (int):
        body (GetQualityRatingRequest): Запрос информации по индексу качества.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiErrorResponse | GetQualityRatingResponse
    """

    return (
        await asyncio_detailed(
            business_id=business_id,
            client=client,
            body=body,
        )
    ).parsed
