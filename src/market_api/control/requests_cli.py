"""`market-api requests tail`: the request log."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Sequence
from typing import Annotated, Any

import typer
from sqlalchemy import Row
from sqlalchemy.ext.asyncio import AsyncSession

from market_api.control.request_log import FLUSH_SECONDS, RequestFilter, newest, newest_id, shown, written_after
from market_api.platform.clock import Clock
from market_api.platform.commands import JsonFlag, run_in_session, settings_of
from market_api.platform.validation import INT64_MAX

requests = typer.Typer(rich_markup_mode=None, help="The request log of the Partner API.", no_args_is_help=True)

POLL_SECONDS = FLUSH_SECONDS  # how often --follow looks for new entries


def line(entry: dict[str, Any]) -> str:
    """One entry as `requests tail` prints it for people: time, status, method, path, operation, caller
    and request id, separated by spaces (``-`` for what is unknown)."""
    return " ".join([entry["time"], str(entry["status"]), f"{entry['method']:<6}", entry["path"],
                     entry["operationId"] or "-", entry["caller"] or "-", entry["requestId"]])


def _print(rows: Sequence[Row[Any]], as_json: bool) -> None:
    for row in rows:
        entry = shown(row)
        # --json: one compact object per line, so each line is a JSON document of its own.
        typer.echo(json.dumps(entry, ensure_ascii=False, separators=(",", ":")) if as_json else line(entry))


@requests.command("tail")
def tail(
    ctx: typer.Context,
    follow: Annotated[bool, typer.Option("--follow", "-f", help="Keep printing new entries until Ctrl-C.")] = False,
    business_id: Annotated[int | None, typer.Option(
        help="Only requests of this business (and its stores).", min=1, max=INT64_MAX)] = None,
    limit: Annotated[int, typer.Option(help="How many of the newest entries to print first.", min=1, max=500)] = 20,
    as_json: JsonFlag = False,
) -> None:
    """Print the newest entries of the request log, oldest first, one a line: time, status, method, path,
    operationId, caller, requestId (--json: one JSON object a line, as GET /admin/requests shows it).
    With --follow, keep printing entries as they are written (every process's, within a second)."""
    where = RequestFilter(business_id=business_id)

    async def work(session: AsyncSession, _clock: Clock) -> None:
        rows = list(reversed(await newest(session, where, limit)))
        _print(rows, as_json)
        last = rows[-1].id if rows else await newest_id(session)
        while follow:
            await session.commit()  # no transaction stays open between looks
            await asyncio.sleep(POLL_SECONDS)
            rows = list(await written_after(session, where, last, 500))
            if not rows and await newest_id(session) < last:
                last = 0  # a reset emptied the log: its ids start again
                continue
            _print(rows, as_json)
            if rows:
                last = rows[-1].id

    try:
        run_in_session(settings_of(ctx), work)
    except KeyboardInterrupt:  # Ctrl-C ends --follow: the way to stop it, not an error
        raise typer.Exit(0) from None
