"""`market-api faults add|list|clear`: fault rules, the same as POST, GET and DELETE /admin/faults."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from sqlalchemy.ext.asyncio import AsyncSession

from market_api.control import faults as rules
from market_api.control.models import FaultRule
from market_api.platform.clock import Clock
from market_api.platform.commands import JsonFlag, emit, run_in_session, settings_of, validated

faults = typer.Typer(rich_markup_mode=None, help="Fault rules: answers and delays on purpose.", no_args_is_help=True)


def _described(rule: dict[str, Any]) -> str:
    """One line of `faults list`: id, operation (and business/store), what it does, how often, applied."""
    where = rule["operationId"] + "".join(
        f" {name}={rule[key]}" for name, key in (("business", "businessId"), ("campaign", "campaignId")) if rule[key])
    if rule["report"]:
        what = "report " + " ".join(str(value) for key, value in rule["report"].items())
    else:
        what = " ".join(part for part in (
            f"status {rule['status']}" if rule["status"] else "",
            f"latency {rule['latencyMs']}ms" if rule["latencyMs"] is not None else "") if part)
    if rule["count"] is not None:
        often = f"{rule['remaining']} of {rule['count']} left"
    elif rule["probability"] is not None:
        often = f"p={rule['probability']} seed={rule['seed']}"
    else:
        often = "every call"
    expires = f"\tuntil {rule['expiresAt']}" if rule["expiresAt"] else ""
    return f"{rule['id']}\t{where}\t{what}\t{often}\tapplied {rule['applied']}{expires}"


@faults.command("add")
def add(
    ctx: typer.Context,
    operation_id: Annotated[str, typer.Option(help="An operation id (getReportInfo, ...) or '*' for every one.")],
    business_id: Annotated[int | None, typer.Option(help="Only calls of this business.")] = None,
    campaign_id: Annotated[int | None, typer.Option(help="Only calls naming this store (campaign).")] = None,
    status: Annotated[int | None, typer.Option(help="Answer this status: 420, 500 or 503.")] = None,
    latency_ms: Annotated[int | None, typer.Option(help="Wait this long first, 0..60000 ms.")] = None,
    report_status: Annotated[str | None, typer.Option(
        help="Report outcome of a generate call: FAILED or PROCESSING.")] = None,
    report_sub_status: Annotated[str | None, typer.Option(
        help="With FAILED: NO_DATA, TOO_LARGE or RESOURCE_NOT_FOUND.")] = None,
    for_seconds: Annotated[int | None, typer.Option(
        help="With PROCESSING: seconds of the service clock before the report is built.")] = None,
    count: Annotated[int | None, typer.Option(help="Apply to the next N matching calls (1..1000000).")] = None,
    probability: Annotated[float | None, typer.Option(help="Apply to each matching call with this chance, 0<p<=1.")
                           ] = None,
    seed: Annotated[int | None, typer.Option(help="Seed of the probability's draws (same seed, same hits).")] = None,
    expires_at: Annotated[str | None, typer.Option(help="Stop applying then: ISO 8601 with offset.")] = None,
    as_json: JsonFlag = False,
) -> None:
    """Add a fault rule for every running process (status and/or latency, or a report outcome)."""
    report_fields = {"status": report_status, "subStatus": report_sub_status, "forSeconds": for_seconds}
    report = {key: value for key, value in report_fields.items() if value is not None} or None
    asked = validated(rules.FaultRuleIn, operation_id=operation_id, business_id=business_id, campaign_id=campaign_id,
                      status=status, latency_ms=latency_ms, report=report, count=count, probability=probability,
                      seed=seed, expires_at=expires_at)

    async def work(session: AsyncSession, clock: Clock) -> FaultRule:
        return await rules.add_rule(session, clock, asked)

    rule = rules.rule_out(run_in_session(settings_of(ctx), work))
    emit(rule, as_json, f"fault rule {rule['id']} added: {_described(rule)}")


@faults.command("list")
def list_(ctx: typer.Context, as_json: JsonFlag = False) -> None:
    """List the fault rules, oldest first (the order they are tried in): id, operation, what, how often, applied."""

    async def work(session: AsyncSession, _clock: Clock) -> list[FaultRule]:
        return await rules.list_rules(session)

    found = [rules.rule_out(rule) for rule in run_in_session(settings_of(ctx), work)]
    emit({"faults": found}, as_json, "\n".join(_described(rule) for rule in found) or "no fault rules")


@faults.command("clear")
def clear(
    ctx: typer.Context,
    rule_id: Annotated[str | None, typer.Argument(metavar="[ID]", help="The rule to delete; none: every rule.")] = None,
    as_json: JsonFlag = False,
) -> None:
    """Delete one fault rule, or all of them, in every running process."""

    async def work(session: AsyncSession, _clock: Clock) -> list[str]:
        if rule_id is None:
            return await rules.clear_rules(session)
        await rules.delete_rule(session, rule_id)
        return [rule_id]

    deleted = run_in_session(settings_of(ctx), work)
    emit({"deleted": deleted}, as_json, f"deleted {len(deleted)} fault rule(s)")
