"""Order and supply facts: loaded all or none, then exactly the days they affect are recomputed."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Annotated

from pydantic import AfterValidator, Field, Strict, model_validator
from pydantic_core import PydanticCustomError
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from market_api.accounts.models import Campaign
from market_api.platform.clock import Clock, today
from market_api.platform.database import upsert
from market_api.platform.imports import LineErrors
from market_api.platform.schemas import CamelModel
from market_api.platform.validation import INT32_MAX, AwareInstant, Day, Id64, StrictFlag, Text
from market_api.quality import service
from market_api.quality.models import Order, Supply

ORDER_STATUSES = ("PLACING", "RESERVED", "UNPAID", "PENDING", "PROCESSING", "DELIVERY", "PICKUP", "DELIVERED",
                  "CANCELLED", "UNDELIVERED", "PARTIALLY_RETURNED", "RETURNED", "UNKNOWN")
"""The statuses an order may have: the Partner API's OrderStatusType, and UNDELIVERED (not delivered: counted
as cancelled, like CANCELLED, `quality.service.CANCELLED`)."""


def check_order_status(status: str) -> str:
    """`status` if it is one of ORDER_STATUSES. Raises PydanticCustomError ``literal_error``, rendered by
    `platform.validation.describe` as ``Value of status (LOST) must be one of: 'PLACING', ...``."""
    if status not in ORDER_STATUSES:
        raise PydanticCustomError("literal_error", "must be one of: {expected}",
                                  {"expected": ", ".join(f"'{s}'" for s in ORDER_STATUSES)})
    return status


# Checked by a validator rather than typed Literal, so that the scenario file's schema (control.scenarios) keeps
# its shape; the check applies to scenario orders too.
OrderStatus = Annotated[Text, AfterValidator(check_order_status)]
Count = Annotated[int, Strict(), Field(ge=0, le=INT32_MAX)]  # a JSON integer: not true, "5" or 4.0


class OrderIn(CamelModel):
    """An order of a store (an `orders` import line or admin API item): days YYYY-MM-DD, instants ISO 8601
    with an offset (both from 2000-01-01 up to 2100-01-01); identified by store and order number."""

    campaign_id: Id64
    order_number: Text = Field(min_length=1, max_length=64)
    created_at: AwareInstant
    scheduled_date: Day
    shipped_at: AwareInstant | None = None
    delivered_at: AwareInstant | None = None
    status: OrderStatus = Field(default="PROCESSING", min_length=1, max_length=32)
    cancelled_by_seller: StrictFlag = False
    items_removed_by_seller: Count = 0


class SupplyIn(CamelModel):
    """A supply to Market's warehouses of an FBY store (a `supplies` import line or admin API item): days
    YYYY-MM-DD from 2000-01-01 up to 2099-12-31; identified by store and supply number."""

    campaign_id: Id64
    supply_number: Text = Field(min_length=1, max_length=64)
    planned_date: Day
    arrived_date: Day | None = None
    items_planned: Count
    items_missing: Count = 0
    items_removed_late: Count = 0

    @model_validator(mode="after")
    def _missing_of_planned(self) -> SupplyIn:
        if self.items_missing > self.items_planned:
            raise PydanticCustomError(
                "message", f"Value of itemsMissing ({self.items_missing}) must be less than or equal to "
                           f"itemsPlanned ({self.items_planned})")
        return self


FactIn = OrderIn | SupplyIn
"""An order or a supply, as loaded."""

# Each kind of fact: (its input model, its table, the field that numbers it in a store, the field that dates it).
FACTS: dict[str, tuple[type[OrderIn] | type[SupplyIn], type[Order] | type[Supply], str, str]] = {
    "orders": (OrderIn, Order, "order_number", "scheduled_date"),
    "supplies": (SupplyIn, Supply, "supply_number", "planned_date"),
}


async def load_facts(session: AsyncSession, clock: Clock, kind: str, records: Sequence[tuple[int, FactIn]],
                     advance: Callable[[int], None] | None = None) -> int:
    """Upsert facts (by store and number) and recompute the affected days; returns ratings written.
    `advance` hears how many facts each step wrote."""
    _model, table, number, day_field = FACTS[kind]
    # Before the facts are written: holding their rows while waiting for a recompute could deadlock.
    await service.one_at_a_time(session)
    campaign_ids = {r.campaign_id for _, r in records}
    known = {c.id: c for c in (await session.scalars(select(Campaign).where(Campaign.id.in_(campaign_ids)))).all()}
    errors = [f"line {line}: Campaign not found: '{r.campaign_id}'"
              for line, r in records if r.campaign_id not in known]
    if kind == "supplies":
        errors += [f"line {line}: Supplies belong to FBY stores; campaign {r.campaign_id} is "
                   f"{known[r.campaign_id].placement}" for line, r in records
                   if r.campaign_id in known and known[r.campaign_id].placement != "FBY"]
    if errors:
        raise LineErrors(errors)
    rows = [r.model_dump(by_alias=False) for _, r in records]
    if kind == "orders":
        for row in rows:
            row["late"] = service.is_late(known[row["campaign_id"]].placement, row["scheduled_date"], row["status"],
                                          row["shipped_at"], row["delivered_at"])
    await upsert(session, table.__table__, rows, ["campaign_id", number], advance)
    fact_days: dict[int, list[date]] = {}
    for row in rows:
        fact_days.setdefault(row["campaign_id"], []).append(row[day_field])
    # Stores whose facts affect the same days are recomputed together.
    by_days: dict[tuple[date, date], list[int]] = {}
    for campaign_id, days in fact_days.items():
        affected = service.affected_days(days, today(clock))
        if affected:
            by_days.setdefault(affected, []).append(campaign_id)
    written = 0
    for (first, last), campaigns in by_days.items():
        written += await service.recompute(session, campaigns, first, last)
    return written
