"""Clearing rate-limit counters (DELETE /admin/limits, `market-api limits clear`), so that a test need not
wait for the next window."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from market_api.accounts.models import Business, Campaign
from market_api.platform.errors import ApiError
from market_api.platform.shared_state import bump_limit_epochs


async def clear_limits(session: AsyncSession, business_id: int | None, campaign_id: int | None) -> list[str]:
    """Start new counters, in every process, for the business `business_id` (its windows, its stores'
    windows and the parallel slots of its tokens) or the store `campaign_id` (its windows). Commits.
    Returns the subjects cleared (``b:ID``, ``c:ID``). Raises ApiError 400 unless exactly one is given,
    404 for an unknown business or store."""
    if (business_id is None) == (campaign_id is None):
        raise ApiError(400, "Give exactly one of businessId and campaignId")
    if business_id is not None:
        if await session.get(Business, business_id) is None:
            raise ApiError(404, f"Business not found: '{business_id}'")
        subjects = [f"b:{business_id}"]
    else:
        found = await session.scalar(select(Campaign.id).where(Campaign.id == campaign_id))
        if found is None:
            raise ApiError(404, f"Campaign not found: '{campaign_id}'")
        subjects = [f"c:{campaign_id}"]
    await bump_limit_epochs(session, subjects)
    await session.commit()
    return subjects
