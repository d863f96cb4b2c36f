from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.api_error_response import ApiErrorResponse
from ...models.get_categories_request import GetCategoriesRequest
from ...models.get_categories_response import GetCategoriesResponse
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: GetCategoriesRequest | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v2/categories/tree",
    }

    if not isinstance(body, Unset):
        _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ApiErrorResponse | GetCategoriesResponse | None:
    if response.status_code == 200:
        response_200 = GetCategoriesResponse.from_dict(response.json())

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
) -> Response[ApiErrorResponse | GetCategoriesResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: GetCategoriesRequest | Unset = UNSET,
) -> Response[ApiErrorResponse | GetCategoriesResponse]:
    """Дерево категорий

     {% include notitle [access](../../_auto/method_scopes/getCategoriesTree.md) %}

    Возвращает дерево категорий Маркета.

    {% include notitle [limit](../../_auto/method_limits/getCategoriesTree.md) %}

    Args:
        body (GetCategoriesRequest | Unset): Параметры запроса категорий.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiErrorResponse | GetCategoriesResponse]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: GetCategoriesRequest | Unset = UNSET,
) -> ApiErrorResponse | GetCategoriesResponse | None:
    """Дерево категорий

     {% include notitle [access](../../_auto/method_scopes/getCategoriesTree.md) %}

    Возвращает дерево категорий Маркета.

    {% include notitle [limit](../../_auto/method_limits/getCategoriesTree.md) %}

    Args:
        body (GetCategoriesRequest | Unset): Параметры запроса категорий.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiErrorResponse | GetCategoriesResponse
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: GetCategoriesRequest | Unset = UNSET,
) -> Response[ApiErrorResponse | GetCategoriesResponse]:
    """Дерево категорий

     {% include notitle [access](../../_auto/method_scopes/getCategoriesTree.md) %}

    Возвращает дерево категорий Маркета.

    {% include notitle [limit](../../_auto/method_limits/getCategoriesTree.md) %}

    Args:
        body (GetCategoriesRequest | Unset): Параметры запроса категорий.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiErrorResponse | GetCategoriesResponse]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: GetCategoriesRequest | Unset = UNSET,
) -> ApiErrorResponse | GetCategoriesResponse | None:
    """Дерево категорий

     {% include notitle [access](../../_auto/method_scopes/getCategoriesTree.md) %}

    Возвращает дерево категорий Маркета.

    {% include notitle [limit](../../_auto/method_limits/getCategoriesTree.md) %}

    Args:
        body (GetCategoriesRequest | Unset): Параметры запроса категорий.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiErrorResponse | GetCategoriesResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
