"""Where limits are decided: which window a call is counted in, and how many calls a token may have in
flight (protocol.md, "Limits").

A call is counted once, after its caller was found to reach every resource it names, against the
subject its operation declares (`Operation.limit_per`: the business or the store). The numbers are the
seed pages' (`limits.toml`), else the contract's ``x-resource-limit-config``; the counting itself is
`market_api.platform.limits`.
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import Any

from starlette.requests import Request

from market_api.access.principals import Principal
from market_api.access.resources import BusinessAccess
from market_api.platform import spec
from market_api.platform.limits import RateLimited, Rule
from market_api.platform.runtime import Runtime

_UNITS = {"s": 1, "m": 60, "h": 3600}


@cache
def _seed_limits() -> dict[str, Any]:
    text = resources.files("market_api.access").joinpath("limits.toml").read_text("utf-8")
    return tomllib.loads(text)


def _seconds(period: str) -> int:
    return int(period[:-1]) * _UNITS[period[-1]]


@cache
def rule_for(operation_id: str, subscription: str = "none", per: str = "business") -> Rule:
    """The window of `operation_id` for a cabinet with `subscription` ("none" | "medium"), counted per
    `per`. Raises KeyError for an operation with no limit in the seeds or in the contract."""
    entry = _seed_limits().get(operation_id)
    if entry is not None:
        chosen = entry.get(subscription, entry) if subscription != "none" else entry
        return Rule(limit=chosen["limit"], period=_seconds(chosen["period"]), per=per)
    limits = spec.contract(operation_id, spec.V2).limits
    found = limits.get(subscription) or limits["none"]
    return Rule(limit=found.amount, period=found.seconds, per=per)


def parallel_epoch(rt: Runtime, principal: Principal) -> str:
    """The epoch of a caller's parallel slots: it changes when the counters of any business or store it
    reaches are cleared (DELETE /admin/limits), which frees its slots."""
    subjects = [*(f"b:{b}" for b in sorted(principal.business_ids)),
                *(f"c:{c}" for c in sorted(principal.campaign_ids))]
    return rt.shared.current.limit_epoch(*subjects)


def parallel_limit() -> int:
    """How many requests one token may have in flight at once."""
    limit: int = _seed_limits()["parallel"]["limit"]
    return limit


async def charge(request: Request, rt: Runtime, operation_id: str, per: str, business: BusinessAccess,
                 campaign_id: int | None) -> None:
    """Count the call against its window: the store's (`per` "campaign") or the business's. The window's
    headers go on the answer, a refused one's too. Raises RateLimited (420) past the limit."""
    rule = rule_for(operation_id, business.subscription, per)
    by_campaign = per == "campaign" and campaign_id is not None
    subject = campaign_id if by_campaign and campaign_id is not None else business.id
    # Clearing a business's counters clears its stores' too (DELETE /admin/limits).
    epoch = rt.shared.current.limit_epoch(f"b:{business.id}", *([f"c:{campaign_id}"] if by_campaign else []))
    try:
        window = await rt.limiter.hit(rule, operation_id, subject, epoch)
    except RateLimited as exc:
        request.state.rate_window = exc.window
        raise
    request.state.rate_window = window
