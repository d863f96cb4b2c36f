"""Failpoints: named places where a process can be made to fail on purpose, so that the fault tests
can stop a real process at an exact moment (after a report job is queued but before it is committed,
say) instead of hoping a kill lands there.

``MARKET_API_FAILPOINTS="report.queued=exit;report.chunk=sleep:0.5"``. Actions: ``exit`` ends the
process at once, as SIGKILL would (no cleanup, no answer); ``sleep:SECONDS`` pauses the calling thread.
Unset in production; a name that is not configured costs one dictionary look-up.
"""

from __future__ import annotations

import os
import time
from functools import cache


@cache
def _configured() -> dict[str, str]:
    spec = os.environ.get("MARKET_API_FAILPOINTS", "")
    points: dict[str, str] = {}
    for item in filter(None, (part.strip() for part in spec.split(";"))):
        name, _, action = item.partition("=")
        points[name.strip()] = action.strip()
    return points


def failpoint(name: str) -> None:
    """Do what MARKET_API_FAILPOINTS configures for `name` (exit the process, or sleep); nothing when it
    is not configured."""
    action = _configured().get(name)
    if action is None:
        return
    if action == "exit":
        os._exit(137)
    if action.startswith("sleep:"):
        time.sleep(float(action.removeprefix("sleep:")))
