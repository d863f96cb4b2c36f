from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.api_error_response import ApiErrorResponse
from ...models.get_report_info_response import GetReportInfoResponse
from ...types import Response


def _get_kwargs(
    report_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/reports/info/{report_id}".format(
            report_id=quote(str(report_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ApiErrorResponse | GetReportInfoResponse | None:
    if response.status_code == 200:
        response_200 = GetReportInfoResponse.from_dict(response.json())

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
) -> Response[ApiErrorResponse | GetReportInfoResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    report_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[ApiErrorResponse | GetReportInfoResponse]:
    """Получение заданного отчета

     {% include notitle [access](../../_auto/method_scopes/getReportInfo.md) %}

    Возвращает статус генерации заданного отчета и, если отчет готов, ссылку для скачивания.

    Чтобы воспользоваться этим запросом, вначале нужно запустить генерацию отчета.
    [Инструкция](../../step-by-step/reports.md)

    |**⚙️ Лимит:** 100 запросов в минуту|
    |-|

    Args:
        report_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiErrorResponse | GetReportInfoResponse]
    """

    kwargs = _get_kwargs(
        report_id=report_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    report_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> ApiErrorResponse | GetReportInfoResponse | None:
    """Получение заданного отчета

     {% include notitle [access](../../_auto/method_scopes/getReportInfo.md) %}

    Возвращает статус генерации заданного отчета и, если отчет готов, ссылку для скачивания.

    Чтобы воспользоваться этим запросом, вначале нужно запустить генерацию отчета.
    [Инструкция](../../step-by-step/reports.md)

    |**⚙️ Лимит:** 100 запросов в минуту|
    |-|

    Args:
        report_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiErrorResponse | GetReportInfoResponse
    """

    return sync_detailed(
        report_id=report_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    report_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[ApiErrorResponse | GetReportInfoResponse]:
    """Получение заданного отчета

     {% include notitle [access](../../_auto/method_scopes/getReportInfo.md) %}

    Возвращает статус генерации заданного отчета и, если отчет готов, ссылку для скачивания.

    Чтобы воспользоваться этим запросом, вначале нужно запустить генерацию отчета.
    [Инструкция](../../step-by-step/reports.md)

    |**⚙️ Лимит:** 100 запросов в минуту|
    |-|

    Args:
        report_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiErrorResponse | GetReportInfoResponse]
    """

    kwargs = _get_kwargs(
        report_id=report_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    report_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> ApiErrorResponse | GetReportInfoResponse | None:
    """Получение заданного отчета

     {% include notitle [access](../../_auto/method_scopes/getReportInfo.md) %}

    Возвращает статус генерации заданного отчета и, если отчет готов, ссылку для скачивания.

    Чтобы воспользоваться этим запросом, вначале нужно запустить генерацию отчета.
    [Инструкция](../../step-by-step/reports.md)

    |**⚙️ Лимит:** 100 запросов в минуту|
    |-|

    Args:
        report_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiErrorResponse | GetReportInfoResponse
    """

    return (
        await asyncio_detailed(
            report_id=report_id,
            client=client,
        )
    ).parsed
