"""Leases (platform/leases.py): the heartbeat that renews them, and the daily quality run holding its
day under one."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from sqlalchemy import select

from market_api.platform.leases import heartbeat


async def test_the_heartbeat_renews_until_the_lease_is_lost():
    answers = [True, True, False]
    calls = []

    async def renew() -> bool:
        calls.append(1)
        return answers[len(calls) - 1]

    async with heartbeat(renew, 0.06, "work") as lost:
        await asyncio.wait_for(lost.wait(), 2)
        await asyncio.sleep(0.1)
    assert len(calls) == 3  # no beat after the lease was lost


async def test_the_heartbeat_survives_a_failed_renewal_and_stops_with_its_block(caplog):
    calls = []

    async def renew() -> bool:
        calls.append(1)
        if len(calls) == 1:
            raise ConnectionError("database away")
        return True

    async with heartbeat(renew, 0.06, "work") as lost:
        while len(calls) < 3:
            await asyncio.sleep(0.01)
    assert not lost.is_set()
    assert "could not renew the lease of work" in caplog.text
    beats = len(calls)
    await asyncio.sleep(0.1)
    assert len(calls) == beats


async def test_the_daily_run_renews_its_claim_while_it_computes(api, monkeypatch):
    from market_api.quality import service
    from market_api.quality.models import DailyRun
    from market_api.quality.schedule import DailyRecompute, claim_day

    runtime = api.app.state.runtime
    await api.app.state.daily.stop()
    api.clock.advance(timedelta(days=1))
    daily = DailyRecompute(runtime)
    daily.lease = timedelta(seconds=0.3)
    leases = []
    recompute = service.recompute

    async def slow_recompute(session, campaigns, first, last):
        for _ in range(4):
            await asyncio.sleep(0.15)
            async with runtime.sessions() as other:
                leases.append(await other.scalar(select(DailyRun.lease_until).where(DailyRun.day == first)))
                # Renewed, so never taken over although the computation outlasts the lease.
                assert await claim_day(other, first, "another", daily.lease) == "busy"
        return await recompute(session, campaigns, first, last)

    monkeypatch.setattr(service, "recompute", slow_recompute)
    await daily.run_once()
    assert leases == sorted(leases) and leases[-1] > leases[0]
    async with runtime.sessions() as session:
        run = await session.get(DailyRun, daily.last_day)
        assert run.owner == daily.owner and run.finished_at is not None and run.lease_until is None
