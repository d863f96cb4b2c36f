"""Report jobs and the measured speed of each file format (for generation-time estimates)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Float, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from market_api.platform.database import Base, UtcDateTime


class Report(Base):
    """A report job: its request, where it stands (PENDING, PROCESSING, DONE, FAILED), and its file."""

    __tablename__ = "reports"
    __table_args__ = (Index("ix_reports_queue", "status", "requested_at"),)

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    business_id: Mapped[int] = mapped_column(ForeignKey("businesses.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(32))  # a builder: "goods_feedback" | "stocks"
    format: Mapped[str] = mapped_column(String(8))
    params: Mapped[dict] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(16), default="PENDING")
    sub_status: Mapped[str | None] = mapped_column(String(32))
    requested_at: Mapped[datetime] = mapped_column(UtcDateTime)
    started_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    expected_rows: Mapped[int] = mapped_column(Integer, default=0)
    estimated_ms: Mapped[int] = mapped_column(Integer, default=0)
    rows: Mapped[int | None] = mapped_column(Integer)
    file_key: Mapped[str | None] = mapped_column(String(255))
    file_name: Mapped[str | None] = mapped_column(String(255))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    # Who is building it, until when: a job whose lease ran out (its process died) is taken again.
    lease_owner: Mapped[str | None] = mapped_column(String(64))
    lease_until: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # When a worker last sent the job to the task queue again because it sat waiting too long.
    queued_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # The outcome a fault rule forced on this report (`market_api.control.faults`), else None.
    fault: Mapped[dict | None] = mapped_column(JSON)


class FormatSpeed(Base):
    """Rows per second a format was written at lately (a moving average over finished reports)."""

    __tablename__ = "report_format_speeds"

    format: Mapped[str] = mapped_column(String(8), primary_key=True)
    rows_per_second: Mapped[float] = mapped_column(Float)
