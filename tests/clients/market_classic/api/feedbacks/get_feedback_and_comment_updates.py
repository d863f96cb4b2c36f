import datetime
from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.api_error_response import ApiErrorResponse
from ...models.get_feedback_list_response import GetFeedbackListResponse
from ...types import UNSET, Response, Unset


def _get_kwargs(
    campaign_id: int,
    *,
    page_token: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    from_date: datetime.date | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["page_token"] = page_token

    params["limit"] = limit

    json_from_date: str | Unset = UNSET
    if not isinstance(from_date, Unset):
        json_from_date = from_date.isoformat()
    params["from_date"] = json_from_date

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/campaigns/{campaign_id}/feedback/updates".format(
            campaign_id=quote(str(campaign_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ApiErrorResponse | GetFeedbackListResponse | None:
    if response.status_code == 200:
        response_200 = GetFeedbackListResponse.from_dict(response.json())

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
) -> Response[ApiErrorResponse | GetFeedbackListResponse]:
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
    page_token: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    from_date: datetime.date | Unset = UNSET,
) -> Response[ApiErrorResponse | GetFeedbackListResponse]:
    """Новые и обновленные отзывы о магазине

     {% include notitle [access](../../_auto/method_scopes/getFeedbackAndCommentUpdates.md) %}

    {% note warning "Этот метод устарел" %}

    Не используйте его.

    {% endnote %}

    Возвращает новые и обновленные отзывы о магазине на Маркете.

    Результаты возвращаются постранично, одна страница содержит не более 20 отзывов. Выходные данные
    содержат идентификатор следующей страницы.

    |**⚙️ Лимит:** 100 запросов в час|
    |-|

    Args:
        campaign_id (int):
        page_token (str | Unset):
        limit (int | Unset):
        from_date (datetime.date | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiErrorResponse | GetFeedbackListResponse]
    """

    kwargs = _get_kwargs(
        campaign_id=campaign_id,
        page_token=page_token,
        limit=limit,
        from_date=from_date,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    campaign_id: int,
    *,
    client: AuthenticatedClient | Client,
    page_token: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    from_date: datetime.date | Unset = UNSET,
) -> ApiErrorResponse | GetFeedbackListResponse | None:
    """Новые и обновленные отзывы о магазине

     {% include notitle [access](../../_auto/method_scopes/getFeedbackAndCommentUpdates.md) %}

    {% note warning "Этот метод устарел" %}

    Не используйте его.

    {% endnote %}

    Возвращает новые и обновленные отзывы о магазине на Маркете.

    Результаты возвращаются постранично, одна страница содержит не более 20 отзывов. Выходные данные
    содержат идентификатор следующей страницы.

    |**⚙️ Лимит:** 100 запросов в час|
    |-|

    Args:
        campaign_id (int):
        page_token (str | Unset):
        limit (int | Unset):
        from_date (datetime.date | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiErrorResponse | GetFeedbackListResponse
    """

    return sync_detailed(
        campaign_id=campaign_id,
        client=client,
        page_token=page_token,
        limit=limit,
        from_date=from_date,
    ).parsed


async def asyncio_detailed(
    campaign_id: int,
    *,
    client: AuthenticatedClient | Client,
    page_token: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    from_date: datetime.date | Unset = UNSET,
) -> Response[ApiErrorResponse | GetFeedbackListResponse]:
    """Новые и обновленные отзывы о магазине

     {% include notitle [access](../../_auto/method_scopes/getFeedbackAndCommentUpdates.md) %}

    {% note warning "Этот метод устарел" %}

    Не используйте его.

    {% endnote %}

    Возвращает новые и обновленные отзывы о магазине на Маркете.

    Результаты возвращаются постранично, одна страница содержит не более 20 отзывов. Выходные данные
    содержат идентификатор следующей страницы.

    |**⚙️ Лимит:** 100 запросов в час|
    |-|

    Args:
        campaign_id (int):
        page_token (str | Unset):
        limit (int | Unset):
        from_date (datetime.date | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiErrorResponse | GetFeedbackListResponse]
    """

    kwargs = _get_kwargs(
        campaign_id=campaign_id,
        page_token=page_token,
        limit=limit,
        from_date=from_date,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    campaign_id: int,
    *,
    client: AuthenticatedClient | Client,
    page_token: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    from_date: datetime.date | Unset = UNSET,
) -> ApiErrorResponse | GetFeedbackListResponse | None:
    """Новые и обновленные отзывы о магазине

     {% include notitle [access](../../_auto/method_scopes/getFeedbackAndCommentUpdates.md) %}

    {% note warning "Этот метод устарел" %}

    Не используйте его.

    {% endnote %}

    Возвращает новые и обновленные отзывы о магазине на Маркете.

    Результаты возвращаются постранично, одна страница содержит не более 20 отзывов. Выходные данные
    содержат идентификатор следующей страницы.

    |**⚙️ Лимит:** 100 запросов в час|
    |-|

    Args:
        campaign_id (int):
        page_token (str | Unset):
        limit (int | Unset):
        from_date (datetime.date | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiErrorResponse | GetFeedbackListResponse
    """

    return (
        await asyncio_detailed(
            campaign_id=campaign_id,
            client=client,
            page_token=page_token,
            limit=limit,
            from_date=from_date,
        )
    ).parsed
