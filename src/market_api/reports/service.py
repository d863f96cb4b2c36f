"""Report jobs in the database: created by the generate methods, taken under a lease and finished by
the builders (lease.py), read by report info."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, delete, func, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from market_api.accounts.models import Business, Campaign
from market_api.platform.clock import Clock
from market_api.platform.leases import LeaseColumns, lease_now
from market_api.reports.build_file import Outcome
from market_api.reports.models import FormatSpeed, Report

# Starting points for estimates, until this installation has measured its own speed (rows/s).
DEFAULT_SPEED = {"FILE": 60_000.0, "CSV": 160_000.0, "JSON": 160_000.0}
# Fixed cost of a job (queueing, starting, storing the file), in milliseconds.
JOB_OVERHEAD_MS = 500
# Candidates a runner tries in one claim when other runners take them first.
CLAIM_TRIES = 5
# Weight of the newest measurement in the moving average of a format's speed.
SPEED_WEIGHT = 0.3

LEASE = LeaseColumns(Report.lease_owner, Report.lease_until)
# The lease holder of a report a fault rule keeps PROCESSING; its lease lasts until getReportInfo releases it.
HOLD_OWNER = "fault-rule-hold"
HOLD_LEASE = timedelta(days=3650)


async def speed_of(session: AsyncSession, report_format: str) -> float:
    """Rows per second a format is written at: measured on this installation, else DEFAULT_SPEED."""
    measured = await session.scalar(select(FormatSpeed.rows_per_second).where(FormatSpeed.format == report_format))
    return measured or DEFAULT_SPEED[report_format]


async def estimate_ms(session: AsyncSession, report_format: str, rows: int) -> int:
    """How long a report of `rows` rows should take, in milliseconds (estimatedGenerationTime)."""
    return JOB_OVERHEAD_MS + int(rows / await speed_of(session, report_format) * 1000)


async def create(
    session: AsyncSession, clock: Clock, business_id: int, kind: str, report_format: str, params: dict[str, Any],
    expected_rows: int, fault: dict[str, Any] | None = None,
) -> Report:
    """Add a PENDING job for a report of `kind` for the business, with its estimate (not committed).

    `fault`: the outcome a fault rule gave it (`market_api.control.faults.report_outcome`). FAILED: a builder
    takes it as usual and records the failure without building. PROCESSING: it is held, PROCESSING and
    taken by no builder, until `release_hold` (which getReportInfo calls once its time has come); its
    estimate covers the hold."""
    now = clock.now()
    estimate = await estimate_ms(session, report_format, expected_rows)
    report = Report(
        id=secrets.token_hex(16), business_id=business_id, kind=kind, format=report_format, params=params,
        status="PENDING", requested_at=now, expected_rows=expected_rows, estimated_ms=estimate, attempts=0,
        fault=fault,
    )
    until = held_until(fault, now)
    if until is not None:
        report.status, report.started_at = "PROCESSING", now
        report.lease_owner, report.lease_until = HOLD_OWNER, lease_now() + HOLD_LEASE
        report.estimated_ms = estimate + int((until - now).total_seconds() * 1000)
    session.add(report)
    await session.flush()
    return report


def held_until(fault: dict[str, Any] | None, requested_at: datetime) -> datetime | None:
    """Until when (service clock) a report a fault rule holds PROCESSING (`fault`: its `Report.fault`,
    ``{"status": "PROCESSING", "forSeconds": T, "rule": id}``) stays so; None for any other report."""
    if not fault or fault.get("status") != "PROCESSING":
        return None
    return requested_at + timedelta(seconds=int(fault["forSeconds"]))


def hold_over(report: Report, now: datetime) -> bool:
    """Whether `report` is held by a fault rule (PROCESSING, no builder) and its hold ended by `now` (the
    service clock)."""
    until = held_until(report.fault, report.requested_at)
    return until is not None and report.lease_owner == HOLD_OWNER and now >= until


async def release_hold(session: AsyncSession, report_id: str) -> bool:
    """Give a report a fault rule held back to the builders (PENDING); commits. True when this call did it
    (of several processes only one does)."""
    result = await session.execute(
        update(Report).where(Report.id == report_id, Report.lease_owner == HOLD_OWNER)
        .values(status="PENDING", lease_owner=None, lease_until=None))
    await session.commit()
    return result.rowcount == 1  # type: ignore[attr-defined]  # an UPDATE's CursorResult; the stubs say Result


def _free(now: datetime) -> ColumnElement[bool]:
    """Waiting, or held by a builder whose lease ran out (its process died)."""
    return or_(Report.status == "PENDING", (Report.status == "PROCESSING") & LEASE.lapsed(now))


async def claim(session: AsyncSession, report_id: str, owner: str, lease: timedelta) -> Report | None:
    """Take one job (the next free one, or the one a queue message names) for `owner` for `lease`, if
    it is still free: the UPDATE re-checks, so of several builders only one wins. None if it is not."""
    now = lease_now()
    taken = await LEASE.take(session, (Report.id == report_id) & _free(now), owner, lease, now,
                             status="PROCESSING", started_at=now, attempts=Report.attempts + 1)
    if not taken:
        return None
    return await session.get(Report, report_id, populate_existing=True)


async def claim_next(session: AsyncSession, owner: str, lease: timedelta) -> Report | None:
    """Take the oldest free job. Safe with several runners on one database."""
    for _attempt in range(CLAIM_TRIES):
        candidate = await session.scalar(
            select(Report.id).where(_free(lease_now())).order_by(Report.requested_at).limit(1))
        if candidate is None:
            return None
        report = await claim(session, candidate, owner, lease)
        if report is not None:
            return report
    return None  # others keep winning the race: try again at the next round


async def rehearse(session: AsyncSession, clock: Clock, owner: str, lease: timedelta) -> None:
    """Run once the statements a report's way through the embedded runner takes (its estimate, its claim,
    its outcome) on a report that does not exist: nothing changes, but SQLAlchemy compiles each statement
    the first time it runs, which the first report after start would otherwise wait for."""
    await speed_of(session, "FILE")
    await claim(session, "", owner, lease)  # report ids are 32 hex digits: "" is none
    await finish(session, clock, "", owner, Outcome("FAILED"))


async def status_of(session: AsyncSession, report_id: str) -> str | None:
    """The job's status (PENDING, PROCESSING, DONE, FAILED); None when there is no such job."""
    return await session.scalar(select(Report.status).where(Report.id == report_id))


async def pending_count(session: AsyncSession) -> int:
    """How many jobs are waiting to be taken."""
    return await session.scalar(select(func.count()).select_from(Report).where(Report.status == "PENDING")) or 0


async def extend_lease(session: AsyncSession, report_id: str, owner: str, lease: timedelta) -> bool:
    """Renew `owner`'s lease on a job being built; False when another builder has taken it."""
    return await LEASE.renew(session, (Report.id == report_id) & (Report.status == "PROCESSING"), owner, lease)


async def release(session: AsyncSession, report_id: str, owner: str) -> None:
    """Give a job back to the queue (its build broke for a reason other than its data)."""
    await session.execute(
        update(Report).where(Report.id == report_id, Report.lease_owner == owner)
        .values(status="PENDING", lease_owner=None, lease_until=None))
    await session.commit()


async def finish(session: AsyncSession, clock: Clock, report_id: str, owner: str, outcome: Outcome) -> None:
    """Record the outcome, if this runner still holds the job."""
    values = dict(status=outcome.status, sub_status=outcome.sub_status, finished_at=clock.now(),
                  rows=outcome.rows, file_key=outcome.file_key, file_name=outcome.file_name,
                  lease_owner=None, lease_until=None, estimated_ms=0)
    result = await session.execute(
        update(Report).where(Report.id == report_id, Report.lease_owner == owner).values(**values))
    await session.commit()
    # The result of an UPDATE is a CursorResult, which has rowcount; SQLAlchemy's stubs say Result.
    recorded = result.rowcount == 1  # type: ignore[attr-defined]
    if recorded and outcome.status == "DONE" and outcome.rows and outcome.seconds > 0:
        report_format = await session.scalar(select(Report.format).where(Report.id == report_id))
        if report_format is not None:  # the job was just updated; nothing deletes it in between
            await _record_speed(session, report_format, outcome.rows / outcome.seconds)


async def _record_speed(session: AsyncSession, report_format: str, rows_per_second: float) -> None:
    """Fold a measurement into the format's moving average (its own transaction: the report's outcome
    is already stored, whatever happens here)."""
    changed = await session.execute(update(FormatSpeed).where(FormatSpeed.format == report_format).values(
        rows_per_second=(1 - SPEED_WEIGHT) * FormatSpeed.rows_per_second + SPEED_WEIGHT * rows_per_second))
    if changed.rowcount == 0:  # type: ignore[attr-defined]  # a CursorResult; the stubs say Result
        session.add(FormatSpeed(format=report_format, rows_per_second=rows_per_second))
    try:
        await session.commit()
    except IntegrityError:  # another process stored the first measurement at the same moment
        await session.rollback()


async def stranded(session: AsyncSession, older_than: timedelta) -> list[str]:
    """Jobs nobody has worked on for `older_than` (waiting, or held by a builder whose lease ran out)
    since they were last queued: their message may be lost, or held by a dead worker that the broker
    has not noticed yet. They are marked as queued again now; the UPDATE … RETURNING lets only one
    of several workers pick each job."""
    now = lease_now()
    quiet = func.coalesce(Report.queued_at, Report.requested_at) < now - older_than
    ids = (await session.scalars(
        update(Report).where(_free(now), quiet).values(queued_at=now).returning(Report.id))).all()
    await session.commit()
    return list(ids)


async def unqueue(session: AsyncSession, report_ids: list[str]) -> None:
    """Forget that these jobs were just queued again (their send failed)."""
    await session.execute(update(Report).where(Report.id.in_(report_ids)).values(queued_at=None))
    await session.commit()


async def expire(session: AsyncSession, clock: Clock, retention: timedelta) -> list[str]:
    """Forget reports finished longer than `retention` ago; returns the storage keys of their files."""
    old = (Report.finished_at.is_not(None)) & (Report.finished_at < clock.now() - retention)
    keys = [key for key in (await session.scalars(select(Report.file_key).where(old))).all() if key]
    await session.execute(delete(Report).where(old))
    await session.commit()
    return keys


def remaining_ms(report: Report, now: datetime) -> int:
    """What is left of the estimate: the estimate minus the time since the job was asked for."""
    if report.status in ("DONE", "FAILED"):
        return 0
    spent = int((now - report.requested_at).total_seconds() * 1000)
    return max(report.estimated_ms - spent, 0)


def named_stores(report: Report) -> set[int]:
    """The stores a report's request named (``campaignId``, ``campaignIds``); none for a business-wide one."""
    params = report.params or {}
    named = [params.get("campaignId"), *(params.get("campaignIds") or [])]
    return {store for store in named if isinstance(store, int)}


async def still_served(session: AsyncSession, report: Report) -> bool:
    """Whether a finished report's file may still be handed out: its business exists and is active, and so is
    every store its request named, still of that business. A download link is a bearer capability signed
    before; it stops working when its business or store is switched off or removed, as getReportInfo does."""
    if not await session.scalar(select(Business.active).where(Business.id == report.business_id)):
        return False
    stores = named_stores(report)
    if not stores:
        return True
    served = await session.scalar(select(func.count()).select_from(Campaign).where(
        Campaign.id.in_(stores), Campaign.business_id == report.business_id, Campaign.active.is_(True)))
    return served == len(stores)
