"""Tables of the control plane: fault rules and the request log. (The shared clock offset, data generation
and fault-rule version are platform state: `market_api.platform.shared_state`.)"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, BigInteger, Float, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from market_api.platform.database import Base, BigId, UtcDateTime


class FaultRule(Base):
    """A fault an integrator asked for (POST /admin/faults): an answer status and/or a delay, or a report
    outcome, for the next `remaining` matching requests, or each with `probability` drawn from `seed`."""

    __tablename__ = "fault_rules"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    operation_id: Mapped[str] = mapped_column(String(64))  # an operation id, or "*"
    business_id: Mapped[int | None] = mapped_column(BigInteger)
    campaign_id: Mapped[int | None] = mapped_column(BigInteger)
    status: Mapped[int | None] = mapped_column(Integer)  # 420 | 500 | 503
    latency_ms: Mapped[int | None] = mapped_column(Integer)
    report: Mapped[dict | None] = mapped_column(JSON)  # {"status": "FAILED", "subStatus": ...} | PROCESSING
    count: Mapped[int | None] = mapped_column(Integer)  # as asked; None with `probability`
    remaining: Mapped[int | None] = mapped_column(Integer)  # of `count`
    probability: Mapped[float | None] = mapped_column(Float)
    seed: Mapped[int | None] = mapped_column(BigInteger)
    draws: Mapped[int] = mapped_column(BigInteger, default=0)  # matching requests seen (the n of the n-th draw)
    applied: Mapped[int] = mapped_column(BigInteger, default=0)  # answers it produced
    expires_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class RequestLogEntry(Base):
    """One Partner API request as the request log keeps it (GET /admin/requests)."""

    __tablename__ = "request_log"
    __table_args__ = (
        Index("ix_request_log_business", "business_id", "id"),
        Index("ix_request_log_campaign", "campaign_id", "id"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    request_id: Mapped[str] = mapped_column(String(128), index=True)
    time: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    operation_id: Mapped[str | None] = mapped_column(String(64))
    method: Mapped[str] = mapped_column(String(16))
    path: Mapped[str] = mapped_column(Text)
    query: Mapped[dict] = mapped_column(JSON)
    status: Mapped[int] = mapped_column(Integer)
    duration_ms: Mapped[float] = mapped_column(Float)
    business_id: Mapped[int | None] = mapped_column(BigInteger)
    campaign_id: Mapped[int | None] = mapped_column(BigInteger)
    caller: Mapped[str | None] = mapped_column(String(255))
    error_code: Mapped[str | None] = mapped_column(String(64))
    error_message: Mapped[str | None] = mapped_column(Text)
    fault: Mapped[str | None] = mapped_column(String(32))
    body: Mapped[str | None] = mapped_column(Text)
