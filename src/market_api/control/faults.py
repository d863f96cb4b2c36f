"""Fault rules at run time (POST /admin/faults, `market-api faults`): answers, delays and report outcomes an
integrator asks for, to test how a client copes with them.

A rule names an operation (or ``"*"``: every one), optionally a business and a store, and what to do with a
matching call: answer `status` (420 as the limiter answers it, 500 or 503, in the error envelope) and/or wait
`latencyMs` first; or, for the two report-generating operations, give the report it creates a `report`
outcome (FAILED with a subStatus, or PROCESSING for `forSeconds` of the service clock). It applies to the
next `count` matching calls, or to each with `probability` drawn from `seed`, or to every one, until it is
deleted or the service clock reaches `expiresAt`.

Rules live in the database and are shared by every process: a change bumps the fault-rule version of the
shared state (`market_api.platform.shared_state`), and each process loads the rules again when it sees a
new version. With no rules a call costs one comparison of version numbers; a matching rule is claimed in
the database (one atomic UPDATE), so a `count` is kept across processes and a probability's draws follow
one sequence.

Order: rules are tried oldest first. A rule with only a latency adds its delay and the next rules are
tried too; the first rule with a status or a report outcome that claims the call decides the answer.
The answer names the rule that produced it in the ``X-Market-Api-Fault`` header (and the request log).
"""

from __future__ import annotations

import asyncio
import hashlib
import secrets
import time
import weakref
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import AwareDatetime, ConfigDict, Field, Strict, model_validator
from pydantic_core import PydanticCustomError
from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.requests import Request

from market_api.access.limits import rule_for
from market_api.control.clock import EARLIEST, LATEST
from market_api.control.models import FaultRule
from market_api.platform.clock import Clock, moscow_iso
from market_api.platform.errors import INTERNAL_ERROR, ApiError
from market_api.platform.limits import RateLimited, Window
from market_api.platform.runtime import Runtime
from market_api.platform.schemas import CamelModel
from market_api.platform.shared_state import SharedState, bump_faults_version
from market_api.platform.validation import INT64_MAX, Id64, shown

if TYPE_CHECKING:
    from market_api.access.operations import Call

FAULT_HEADER = "X-Market-Api-Fault"
"""The answer header that names the fault rule which produced the answer (absent on other answers)."""
SERVICE_UNAVAILABLE = "Service is temporarily unavailable. Please, try again later"
"""The message of a 503 a fault rule produces."""
ANY_OPERATION = "*"
REPORT_OPERATIONS = ("generateGoodsFeedbackReport", "generateStocksOnWarehousesReport")
"""The operations that create a report, the only ones a `report` outcome applies to."""
MAX_RULES = 1000
"""How many rules may exist at once."""
MAX_LATENCY_MS = 60_000
MAX_COUNT = 1_000_000
MAX_HOLD_SECONDS = 30 * 86_400
RULE_ID_LENGTH = 32

SubStatus = Literal["NO_DATA", "TOO_LARGE", "RESOURCE_NOT_FOUND"]


@cache
def operation_ids() -> frozenset[str]:
    """The operation ids of the operations table (`market_api.operations.OPERATIONS`)."""
    from market_api.operations import OPERATIONS  # the table imports the call flow, which imports this module

    return frozenset(operation.operation_id for operation in OPERATIONS)


@cache
def _limit_per(operation_id: str) -> str:
    from market_api.operations import OPERATIONS

    return next(operation.limit_per for operation in OPERATIONS if operation.operation_id == operation_id)


class ReportOutcome(CamelModel):
    """What a report created by a matching generate call does: ``{"status": "FAILED", "subStatus": "NO_DATA"
    | "TOO_LARGE" | "RESOURCE_NOT_FOUND"}`` (fails, no file), or ``{"status": "PROCESSING", "forSeconds": T}``
    (shows PROCESSING, no file, until T seconds of the service clock after it was asked for, 1..2,592,000;
    then it is built as usual)."""

    model_config = ConfigDict(extra="forbid")

    status: Literal["FAILED", "PROCESSING"]
    sub_status: SubStatus | None = None
    for_seconds: Annotated[int, Strict(), Field(ge=1, le=MAX_HOLD_SECONDS)] | None = None

    @model_validator(mode="after")
    def _fields_of_status(self) -> ReportOutcome:
        if self.status == "FAILED" and (self.sub_status is None or self.for_seconds is not None):
            raise PydanticCustomError("message", "A FAILED report outcome takes subStatus (and no forSeconds)")
        if self.status == "PROCESSING" and (self.for_seconds is None or self.sub_status is not None):
            raise PydanticCustomError("message", "A PROCESSING report outcome takes forSeconds (and no subStatus)")
        return self

    def stored(self, rule_id: str) -> dict[str, Any]:
        """The outcome as a report keeps it (`Report.fault`): camelCase fields and the rule's ``rule`` id."""
        return {**self.model_dump(by_alias=True, exclude_none=True), "rule": rule_id}


class FaultRuleIn(CamelModel):
    """A fault rule to add (POST /admin/faults body, `market-api faults add` options), camelCase on the wire.

    - `operationId`: an operation id of the service, or ``"*"`` (every operation);
    - `businessId`, `campaignId` (optional, 1..2^63-1): only calls of that business / naming that store;
    - `status` (420 | 500 | 503) and/or `latencyMs` (0..60,000 ms), or `report` (`ReportOutcome`, only for
      generateGoodsFeedbackReport and generateStocksOnWarehousesReport);
    - `count` (1..1,000,000): the next `count` matching calls; or `probability` (0 < p <= 1): each matching
      call with that chance, drawn from `seed` (0..2^63-1; a random one when absent), the same seed giving
      the same hits; neither: every matching call;
    - `expiresAt` (ISO 8601 with an offset): the rule stops applying then (service clock).
    Unknown fields and values out of these bounds are refused (400)."""

    model_config = ConfigDict(extra="forbid")

    operation_id: str = Field(min_length=1, max_length=64)
    business_id: Id64 | None = None
    campaign_id: Id64 | None = None
    status: Literal[420, 500, 503] | None = None
    latency_ms: Annotated[int, Strict(), Field(ge=0, le=MAX_LATENCY_MS)] | None = None
    report: ReportOutcome | None = None
    count: Annotated[int, Strict(), Field(ge=1, le=MAX_COUNT)] | None = None
    probability: Annotated[float, Strict(), Field(gt=0, le=1)] | None = None
    seed: Annotated[int, Strict(), Field(ge=0, le=INT64_MAX)] | None = None
    expires_at: AwareDatetime | None = None

    @model_validator(mode="after")
    def _consistent(self) -> FaultRuleIn:
        if self.operation_id != ANY_OPERATION and self.operation_id not in operation_ids():
            raise PydanticCustomError(
                "message", "Value of operationId ({value}) must be \"*\" or one of: {known}",
                {"value": shown(self.operation_id), "known": ", ".join(sorted(operation_ids()))})
        if self.report is not None:
            if self.status is not None or self.latency_ms is not None:
                raise PydanticCustomError("message", "A rule has either report, or status and/or latencyMs")
            if self.operation_id not in REPORT_OPERATIONS:
                raise PydanticCustomError("message", "report applies only to operationId {ops}",
                                          {"ops": " or ".join(REPORT_OPERATIONS)})
        elif self.status is None and self.latency_ms is None:
            raise PydanticCustomError("message", "A rule needs status, latencyMs or report")
        if self.count is not None and self.probability is not None:
            raise PydanticCustomError("message", "A rule has either count or probability, not both")
        if self.seed is not None and self.probability is None:
            raise PydanticCustomError("message", "seed goes with probability")
        if self.expires_at is not None and not EARLIEST <= self.expires_at < LATEST:
            raise PydanticCustomError(
                "message", "Value of expiresAt must be from 2000-01-01T00:00:00Z up to 2100-01-01T00:00:00Z")
        return self


def rule_out(rule: FaultRule) -> dict[str, Any]:
    """A rule as the admin API and `faults list --json` show it: every field, null when unset, times in
    Moscow ISO 8601 (``{"id", "operationId", "businessId", "campaignId", "status", "latencyMs", "report",
    "count", "remaining", "probability", "seed", "expiresAt", "applied", "createdAt"}``)."""
    return {
        "id": rule.id, "operationId": rule.operation_id, "businessId": rule.business_id,
        "campaignId": rule.campaign_id, "status": rule.status, "latencyMs": rule.latency_ms, "report": rule.report,
        "count": rule.count, "remaining": rule.remaining, "probability": rule.probability, "seed": rule.seed,
        "expiresAt": moscow_iso(rule.expires_at) if rule.expires_at else None, "applied": rule.applied,
        "createdAt": moscow_iso(rule.created_at),
    }


def _new_id() -> str:
    """24 hex digits: real time in nanoseconds, then random; ids sort in the order rules were added."""
    return f"{time.time_ns():016x}{secrets.token_hex(4)}"


async def add_rule(session: AsyncSession, clock: Clock, asked: FaultRuleIn) -> FaultRule:
    """Store a rule for every process (commits). Raises ApiError 400 when `expiresAt` is not after the
    service clock's now, 409 when MAX_RULES rules exist already."""
    now = clock.now()
    if asked.expires_at is not None and asked.expires_at <= now:
        raise ApiError(400, f"Value of expiresAt ({asked.expires_at.isoformat()}) must be later than the "
                            f"service clock's now ({moscow_iso(now)})")
    await _lock_rules(session)
    if (await session.scalar(select(func.count()).select_from(FaultRule)) or 0) >= MAX_RULES:
        raise ApiError(409, f"There are {MAX_RULES} fault rules already; delete some first")
    rule = FaultRule(
        id=_new_id(), operation_id=asked.operation_id, business_id=asked.business_id,
        campaign_id=asked.campaign_id, status=asked.status, latency_ms=asked.latency_ms,
        report=asked.report.model_dump(by_alias=True, exclude_none=True) if asked.report else None,
        count=asked.count, remaining=asked.count, probability=asked.probability,
        seed=asked.seed if asked.seed is not None or asked.probability is None else secrets.randbelow(INT64_MAX),
        draws=0, applied=0, expires_at=asked.expires_at, created_at=now,
    )
    session.add(rule)
    await session.commit()
    return rule


async def _lock_rules(session: AsyncSession) -> None:
    """Bump the fault-rule version first thing in the transaction: the write holds the shared state's row
    (PostgreSQL) or the write lock (SQLite) until the commit, so rules added at once are counted against
    MAX_RULES one transaction at a time, each seeing the rules the one before it added."""
    await bump_faults_version(session)


async def list_rules(session: AsyncSession) -> list[FaultRule]:
    """Every rule, oldest first (the order they are tried in), spent and expired ones included."""
    return list((await session.scalars(select(FaultRule).order_by(FaultRule.id))).all())


async def delete_rule(session: AsyncSession, rule_id: str) -> None:
    """Delete one rule in every process (commits). Raises ApiError 404 when there is no such rule."""
    deleted = 0
    if len(rule_id) <= RULE_ID_LENGTH:  # a longer id cannot be one
        result = await session.execute(delete(FaultRule).where(FaultRule.id == rule_id))
        deleted = result.rowcount  # type: ignore[attr-defined]  # a DELETE's CursorResult; the stubs say Result
    if deleted != 1:
        raise ApiError(404, f"Fault rule not found: '{shown(rule_id)}'")
    await bump_faults_version(session)
    await session.commit()


async def clear_rules(session: AsyncSession) -> list[str]:
    """Delete every rule in every process, in the caller's transaction (not committed: reset and the admin
    API commit). Returns the ids deleted."""
    ids = list((await session.scalars(select(FaultRule.id).order_by(FaultRule.id))).all())
    await session.execute(delete(FaultRule))
    await bump_faults_version(session)
    return ids


def draw(seed: int, n: int) -> float:
    """The `n`-th draw (1, 2, ...) of the sequence `seed` gives, in [0, 1): a hash of both, so any process
    computes any draw without the ones before it."""
    digest = hashlib.blake2b(f"{seed}:{n}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") / 2**64


@dataclass(frozen=True)
class _Rule:
    """A rule as a process keeps it in memory to match calls against."""

    id: str
    operation_id: str
    business_id: int | None
    campaign_id: int | None
    status: int | None
    latency_ms: int | None
    report: ReportOutcome | None
    counted: bool
    probability: float | None
    seed: int | None
    expires_at: datetime | None

    @classmethod
    def of(cls, rule: Any) -> _Rule:
        """From a `FaultRule`, or a row of its columns."""
        return cls(rule.id, rule.operation_id, rule.business_id, rule.campaign_id, rule.status, rule.latency_ms,
                   ReportOutcome.model_validate(rule.report) if rule.report else None, rule.remaining is not None,
                   rule.probability, rule.seed, rule.expires_at)

    def matches(self, operation_id: str, business_id: int | None, campaign_ids: Sequence[int], now: datetime) -> bool:
        return ((self.operation_id == operation_id or self.operation_id == ANY_OPERATION)
                and (self.business_id is None or self.business_id == business_id)
                and (self.campaign_id is None or self.campaign_id in campaign_ids)
                and (self.expires_at is None or now < self.expires_at))


@dataclass
class _Loaded:
    """The rules one process loaded, at the (data generation, fault-rule version) it last saw: a restore
    that brings back an older version number also brings a new generation."""

    version: tuple[int, int] | None = None
    rules: tuple[_Rule, ...] = ()
    spent: set[str] = field(default_factory=set)  # counted rules used up, or deleted by another process


_loaded: weakref.WeakKeyDictionary[SharedState, _Loaded] = weakref.WeakKeyDictionary()


async def _rules(rt: Runtime) -> _Loaded:
    """The rules in force for this process (each app keeps its own), loaded again when another process
    (or this one) changed them."""
    loaded = _loaded.get(rt.shared)
    version = (rt.shared.current.generation, rt.shared.current.faults_version)
    if loaded is not None and loaded.version == version:
        return loaded
    async with rt.read_connection() as connection:
        rows = (await connection.execute(
            select(FaultRule).where(or_(FaultRule.remaining.is_(None), FaultRule.remaining > 0))
            .order_by(FaultRule.id))).all()
    loaded = _Loaded(version, tuple(_Rule.of(row) for row in rows))
    _loaded[rt.shared] = loaded
    return loaded


async def _claim(rt: Runtime, rule: _Rule, loaded: _Loaded) -> bool:
    """Whether `rule` takes this call: one of its `count` (taken atomically, so processes share it), a hit of
    its next draw, or always. Counts the call in `applied`."""
    async with rt.engine.begin() as connection:
        if rule.counted:
            left = (await connection.execute(
                update(FaultRule).where(FaultRule.id == rule.id, FaultRule.remaining > 0)
                .values(remaining=FaultRule.remaining - 1, applied=FaultRule.applied + 1)
                .returning(FaultRule.remaining))).scalar_one_or_none()
            if left is None or left == 0:
                loaded.spent.add(rule.id)
            return left is not None
        if rule.probability is not None:
            n = (await connection.execute(
                update(FaultRule).where(FaultRule.id == rule.id).values(draws=FaultRule.draws + 1)
                .returning(FaultRule.draws))).scalar_one_or_none()
            if n is None:
                loaded.spent.add(rule.id)
                return False
            if draw(rule.seed or 0, n) >= rule.probability:
                return False
        found = (await connection.execute(
            update(FaultRule).where(FaultRule.id == rule.id).values(applied=FaultRule.applied + 1)
            .returning(FaultRule.id))).scalar_one_or_none()
        if found is None:
            loaded.spent.add(rule.id)
        return found is not None


def _rate_limited(call: Call[Any, Any], operation_id: str, now: datetime) -> RateLimited:
    """The 420 the limiter gives past the operation's limit, with the window's headers (none left)."""
    business = call.business
    rule = rule_for(operation_id, business.subscription if business else "none", _limit_per(operation_id))
    start = int(now.timestamp() // rule.period) * rule.period
    window = Window(rule.limit, 0, datetime.fromtimestamp(start + rule.period, now.tzinfo))
    call.request.state.rate_window = window
    return RateLimited(
        f"Hit rate limit of {rule.limit} requests per {rule.describe_period()} for resource {operation_id}", window)


async def apply(call: Call[Any, Any], operation_id: str) -> None:
    """Answer `call` as the matching fault rules say (see the module's docstring for the order): wait their
    latency, then raise the deciding rule's error (RateLimited 420, ApiError 500 or 503), or note its report
    outcome for the generate handler (`report_outcome`). Sets ``request.state.fault_id`` to the rule that
    produced the answer. Does nothing, without touching the database, when no rule is in force."""
    rt = call.runtime
    loaded = await _rules(rt)
    if not loaded.rules:
        return
    now = rt.clock.now()
    business_id = call.business.id if call.business else None
    campaign_ids = [campaign.id for campaign in call.campaigns]
    latency_ms = 0
    producer: _Rule | None = None
    decider: _Rule | None = None
    for rule in loaded.rules:
        if rule.id in loaded.spent or not rule.matches(operation_id, business_id, campaign_ids, now):
            continue
        if not await _claim(rt, rule, loaded):
            continue
        latency_ms += rule.latency_ms or 0
        producer = producer or rule
        if rule.status is not None or rule.report is not None:
            decider = producer = rule
            break
    if producer is None:
        return
    call.request.state.fault_id = producer.id
    if latency_ms:
        await asyncio.sleep(latency_ms / 1000)
    if decider is None:
        return
    if decider.report is not None:
        call.request.state.report_fault = decider.report.stored(decider.id)
    elif decider.status == 420:
        raise _rate_limited(call, operation_id, rt.clock.now())
    elif decider.status == 500:
        raise ApiError(500, INTERNAL_ERROR)
    elif decider.status == 503:
        raise ApiError(503, SERVICE_UNAVAILABLE)


def report_outcome(request: Request) -> dict[str, Any] | None:
    """The report outcome a fault rule gave this generate call (``{"status": "FAILED", "subStatus", "rule"}``
    or ``{"status": "PROCESSING", "forSeconds", "rule"}``), or None."""
    found: dict[str, Any] | None = getattr(request.state, "report_fault", None)
    return found

