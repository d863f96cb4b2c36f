"""The report methods (seeds 002, 003, 004): generate the goods-feedback and stock reports, read a
report's status, and download a finished file the service keeps itself."""

from __future__ import annotations

import contextlib
from typing import Any

from fastapi import APIRouter, Depends, Query
from fastapi.responses import FileResponse
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Receive, Scope, Send

from market_api.access.operations import Call, Resources
from market_api.accounts.placements import MARKET_WAREHOUSE_MODELS
from market_api.control import faults
from market_api.platform.clock import moscow_iso, today
from market_api.platform.errors import ApiError
from market_api.platform.faults import failpoint
from market_api.platform.responses import json_ok
from market_api.platform.runtime import Runtime, db_session, runtime
from market_api.platform.storage import LocalStorage, SignedLink, StoredFile
from market_api.reports import service
from market_api.reports.builders import expected_rows, report_day
from market_api.reports.files import KINDS
from market_api.reports.models import Report
from market_api.reports.queue_worker import send_job
from market_api.reports.schemas import GenerateParams, GoodsFeedbackRequest, ReportInfoParams, StocksRequest

router = APIRouter(tags=["reports"])
FILE_NOT_FOUND = "Report file not found, or its link has expired"


async def _queue(call: Call[GenerateParams, Any], kind: str, params: dict[str, Any]) -> Response:
    """Store the report job, hand it to the builders, answer its id and estimate."""
    rt, business = call.runtime, call.business
    assert business is not None  # admitted calls of the generate methods name a business
    async with rt.read_connection() as connection:
        expected = await expected_rows(connection, kind, params)
    async with rt.sessions() as session:
        report = await service.create(session, rt.clock, business.id, kind, call.params.format, params, expected,
                                      faults.report_outcome(call.request))
        held = report.status != "PENDING"  # a fault rule holds it PROCESSING: it is queued when released
        state = call.request.app.state
        if state.report_queue is not None and not held:
            # Sent before the commit: if this process dies in between, the worker finds no job and drops
            # the message; sent after, a death in between would leave a job nobody was told about.
            await send_job(state.report_queue, report.id)
        failpoint("report.queued")
        await session.commit()
    failpoint("report.committed")
    if state.runner is not None and not held:
        state.runner.notify()
    return json_ok({"reportId": report.id, "estimatedGenerationTime": report.estimated_ms})


async def _release_held(call: Call[ReportInfoParams, None], report: Report) -> None:
    """A report a fault rule held PROCESSING whose time has come goes to the builders (once, whichever
    process sees it first). Should the broker be away, the workers' round for jobs waiting too long sends
    it later."""
    rt = call.runtime
    async with rt.sessions() as session:
        released = await service.release_hold(session, report.id)
    if not released:
        return
    state = call.request.app.state
    if state.report_queue is not None:
        with contextlib.suppress(ApiError):
            await send_job(state.report_queue, report.id)
    if state.runner is not None:
        state.runner.notify()


async def goods_feedback_resources(call: Call[GenerateParams, GoodsFeedbackRequest]) -> Resources:
    """The goods-feedback report names a business."""
    return Resources(business_id=call.body.businessId)


async def generate_goods_feedback(call: Call[GenerateParams, GoodsFeedbackRequest]) -> Response:
    """generateGoodsFeedbackReport: the reviews-for-points report of the business."""
    return await _queue(call, "goods_feedback", {"businessId": call.body.businessId})


async def stocks_resources(call: Call[GenerateParams, StocksRequest]) -> Resources:
    """A stock report names one store, or a business and (optionally) some of its stores."""
    body = call.body
    if body.campaignId is not None:
        return Resources(campaign_ids=(body.campaignId,))
    return Resources(business_id=body.businessId, campaign_ids=tuple(body.campaignIds or ()))


async def generate_stocks(call: Call[GenerateParams, StocksRequest]) -> Response:
    """generateStocksOnWarehousesReport: report A (an FBY/LaaS store, for a day), B (another store's own
    warehouse) or C (a business's own warehouses) — reports.md."""
    params = call.body.model_dump(mode="json", exclude_none=True)
    if call.body.campaignId is not None and call.campaign.placement in MARKET_WAREHOUSE_MODELS:
        params["day"] = report_day(params, today(call.runtime.clock)).isoformat()
    return await _queue(call, "stocks", params)


async def report_resources(call: Call[ReportInfoParams, None]) -> Resources:
    """A report names the business it was made for; an OAuth user who reaches only one store of it
    reaches that store's reports. Unknown and unreachable reports alike are 404."""
    report_id = call.params.report_id
    async with call.runtime.sessions() as session:
        report = call.found = await session.get(Report, report_id)
    principal = call.principal
    if report is not None and principal.reaches_business(report.business_id):
        return Resources(business_id=report.business_id)
    campaign_id = report.params.get("campaignId") if report else None
    if not isinstance(campaign_id, int) or campaign_id not in principal.campaign_ids:
        raise ApiError(404, f"Report not found: '{report_id}'")
    return Resources(campaign_ids=(campaign_id,))


async def report_info(call: Call[ReportInfoParams, None]) -> Response:
    """getReportInfo: status, sub-status, times, and the download link of a finished report."""
    rt, report = call.runtime, call.found
    assert isinstance(report, Report)  # looked up by report_resources, which answers 404 when there is none
    if service.hold_over(report, rt.clock.now()):
        await _release_held(call, report)
    status = report.status
    if status == "PENDING" and service.held_until(report.fault, report.requested_at) is not None:
        status = "PROCESSING"  # held by a fault rule, then released: it does not go back to PENDING
    result: dict[str, Any] = {
        "status": status,
        "generationRequestedAt": moscow_iso(report.requested_at),
        "estimatedGenerationTime": service.remaining_ms(report, rt.clock.now()),
    }
    if report.sub_status:
        result["subStatus"] = report.sub_status
    if report.finished_at:
        result["generationFinishedAt"] = moscow_iso(report.finished_at)
    if report.status == "DONE" and report.file_key:
        result["file"] = await download_link(rt, report)
    return json_ok(result)


async def download_link(rt: Runtime, report: Report) -> str:
    """The link a finished report is downloaded from: presigned by S3-compatible storage for
    MARKET_API_S3_LINK_SECONDS (at most MARKET_API_DOWNLOAD_LINK_SECONDS; S3's real clock), or a link of this
    service signed for MARKET_API_DOWNLOAD_LINK_SECONDS (service clock)."""
    assert report.file_key is not None and report.file_name is not None
    stored = StoredFile(report.file_key, report.file_name, KINDS[report.format].content_type)
    # A presigned link cannot be revoked (a business switched off later keeps it): short-lived, see
    # MARKET_API_S3_LINK_SECONDS.
    presigned = rt.storage.presigned_url(stored, rt.settings.s3_link_lifetime)
    if presigned:
        return presigned
    expires = int(rt.clock.now().timestamp()) + rt.settings.download_link_seconds
    return SignedLink(report.id, report.file_name, expires).url(rt.settings.base_url, await rt.signer("downloads"))


@router.get("/downloads/{report_id}/{name}", include_in_schema=False)
async def download(
    report_id: str, name: str, request: Request, expires: int = Query(default=0), signature: str = Query(default=""),
    session: AsyncSession = Depends(db_session),
) -> Response:
    """A finished report's file, kept by the service itself, through a signed link that expires; 404 like an
    expired link once its business, or a store it names, is switched off or removed."""
    rt = runtime(request)
    link = SignedLink(report_id, name, expires)
    report = await session.get(Report, report_id)
    storage = rt.storage
    if (not isinstance(storage, LocalStorage)  # files in S3 are downloaded from S3
            or not link.is_valid(await rt.signer("downloads"), signature, rt.clock.now().timestamp())
            or report is None or report.file_name != name or report.file_key is None
            or not await service.still_served(session, report)  # its business or store switched off: gone
            or not storage.exists(report.file_key)):
        raise ApiError(404, FILE_NOT_FOUND)
    return WholeFileResponse(storage.path(report.file_key), media_type=KINDS[report.format].content_type,
                             filename=name, headers={"Accept-Ranges": "none"})


class WholeFileResponse(FileResponse):
    """A report file sent whole, as its ``Accept-Ranges: none`` says: a Range header is not read (a range
    the file cannot give, or a malformed one, would otherwise be answered outside the error envelope)."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Send the file, the request's Range and If-Range headers left out."""
        headers = [(key, value) for key, value in scope["headers"] if key not in (b"range", b"if-range")]
        await super().__call__({**scope, "headers": headers}, receive, send)
