"""What benchmarks/scale_out.py checks under load, at a small bounded size with real processes: two
`market-api serve` processes on one PostgreSQL and the tests' Redis.

- Concurrent generate calls spread over both processes: every accepted report is built exactly once (one
  attempt, one file, nothing left in scratch space), none is lost or extra, and either process hands out
  a link that works — with the `serve` processes' own runners competing for jobs, and with two
  `market-api worker` processes on RabbitMQ.
- A rate limit is exact across both processes: K successes, the rest 420 with the limiter's headers, every
  window count handed out once.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select

from market_api.demo.seed import DEMO_BUSINESS_ID, DemoCredentials
from market_api.platform.database import make_engine, make_sessionmaker
from market_api.reports.models import Report
from tests.conftest import IN_CI, PG_SERVER, _postgres_ready, flush_test_redis, redis_url
from tests.contract import check, check_error
from tests.server import Running, Server, running_server, running_worker, wait_for
from tests.test_scale_out import demo_database

GOODS = "/v2/reports/goods-feedback/generate"
STOCKS = "/v2/reports/stocks-on-warehouses/generate"
FBS = 91000001
FEED = f"/campaigns/{FBS}/feedback/updates"
FEED_LIMIT = 100  # getFeedbackAndCommentUpdates: 100 per hour per store
# Both processes' clocks start at the top of an hour (a stock window of 2 minutes starts there too): the
# test's requests, a few seconds of real time, fall in one window of each limit.
CLOCK_START = "2026-06-15T06:00:00+00:00"
WINDOW_END = "Mon, 15 Jun 2026 07:00:00 GMT"


@dataclass
class Deployment:
    """A PostgreSQL database of the test's own with the demo set, and the environment every process of the
    deployment shares."""

    data_dir: Path
    database_url: str
    demo: DemoCredentials

    def env(self, **extra: str) -> dict[str, str]:
        return {"MARKET_API_DATABASE_URL": self.database_url, "MARKET_API_REDIS_URL": redis_url(),
                "MARKET_API_REPORT_DIR": str(self.data_dir / "reports"), "MARKET_API_REPORT_WORKERS": "1", **extra}

    async def _reports(self) -> list[Report]:
        engine = make_engine(self.database_url)  # each asyncio.run has its own loop, so its own engine
        try:
            async with make_sessionmaker(engine)() as session:
                return list((await session.scalars(select(Report))).all())
        finally:
            await engine.dispose()

    def reports(self) -> dict[str, Report]:
        return {report.id: report for report in asyncio.run(self._reports())}

    def files(self, report_id: str) -> list[str]:
        folder = self.data_dir / "reports" / "reports" / report_id
        return sorted(path.name for path in folder.iterdir()) if folder.exists() else []

    def scratch(self) -> list[Path]:
        folder = self.data_dir / "reports" / ".scratch"
        return [path for path in folder.rglob("*") if path.is_file()] if folder.exists() else []


def _unavailable(problem: str) -> None:
    if IN_CI:
        pytest.fail(problem)
    pytest.skip(problem)


@pytest.fixture
def deployment(tmp_path) -> Iterator[Deployment]:
    if problem := asyncio.run(_postgres_ready()):
        _unavailable(problem)
    asyncio.run(flush_test_redis())  # the tests' own Redis: the demo ids' counters start at zero
    with demo_database(PG_SERVER, "market_api_exact") as (url, demo):
        yield Deployment(tmp_path, url, demo)


@contextmanager
def deployed(deployment: Deployment, workers: int = 0, **env: str) -> Iterator[tuple[list[Server], list[Running]]]:
    """Two `serve` processes of the deployment, then `workers` `market-api worker` processes; each API
    process has a folder of its own for its log (the report files are kept in the deployment's folder,
    which all share)."""
    with ExitStack() as stack:

        def server(n: int):
            folder = deployment.data_dir / f"api-{n}"
            folder.mkdir()
            return lambda: stack.enter_context(running_server(folder, **deployment.env(**env)))

        def worker(n: int):
            return lambda: stack.enter_context(running_worker(deployment.data_dir, f"worker-{n}",
                                                              **deployment.env(**env)))

        # Side by side, two at a time: four processes starting at once on a busy machine are slow to start.
        yield _concurrently([server(0), server(1)]), _concurrently([worker(n) for n in range(workers)])


def _concurrently(calls: list) -> list:
    """Run the calls (no-argument functions) all at once, in threads; their results in order."""
    with ThreadPoolExecutor(max_workers=max(len(calls), 1)) as pool:
        return list(pool.map(lambda call: call(), calls))


def _rabbitmq_url() -> str:
    from tests.test_scale_out import RABBITMQ_URL, _rabbitmq_problem

    if problem := _rabbitmq_problem():
        _unavailable(problem)
    return RABBITMQ_URL


@pytest.mark.parametrize("builders", ["serve", "workers"])
def test_concurrent_generate_calls_build_each_report_exactly_once(deployment, builders):
    calls = 12
    env = {"MARKET_API_RATE_LIMITS": "off"}  # many reports of one business at once; limits have their test
    with ExitStack() as stack:
        if builders == "workers":
            from tests.test_scale_out import _delete_queues

            queue = f"reports-exact-{uuid.uuid4().hex[:8]}"
            env |= {"MARKET_API_BROKER_URL": _rabbitmq_url(), "MARKET_API_REPORT_QUEUE": queue}
            stack.callback(_delete_queues, queue)
        servers, workers = stack.enter_context(deployed(deployment, 2 if builders == "workers" else 0, **env))
        headers = {"Api-Key": deployment.demo.api_key}

        def generate(n: int):
            def call() -> httpx.Response:
                return httpx.post(f"{servers[n % 2].base_url}{GOODS}", params={"format": "CSV"},
                                  json={"businessId": DEMO_BUSINESS_ID}, headers=headers, timeout=30)
            return call

        answers = _concurrently([generate(n) for n in range(calls)])
        for response in answers:
            data = check(response, "generateGoodsFeedbackReport")
            assert response.status_code == 200, data
        accepted = {response.json()["result"]["reportId"] for response in answers}
        assert len(accepted) == calls

        def all_done() -> bool:
            return all(report.status in ("DONE", "FAILED") for report in deployment.reports().values())

        watched = (workers or servers)[0]
        wait_for(all_done, 60, "the reports were not built", watched.process, watched.log)
        reports = deployment.reports()
        assert set(reports) == accepted  # none lost, none extra
        for report_id, report in reports.items():
            assert (report.status, report.sub_status, report.attempts) == ("DONE", None, 1), report_id
            assert deployment.files(report_id) == [report.file_name]
        assert deployment.scratch() == []
        # Either process hands out a link to any report, and the link works on the other one too.
        for n, report_id in enumerate(sorted(accepted)):
            info = httpx.get(f"{servers[n % 2].base_url}/v2/reports/info/{report_id}", headers=headers)
            assert info.status_code == 200, info.text
            link = httpx.URL(info.json()["result"]["file"])
            other = httpx.URL(servers[(n + 1) % 2].base_url)
            file = httpx.get(link.copy_with(host=other.host, port=other.port))
            assert file.status_code == 200 and file.content.startswith(b"PK")  # the ZIP holding the CSV


def test_a_rate_limit_is_exact_across_two_api_processes(deployment):
    tokens = 8
    per_token = 15  # 120 feed pages against a limit of 100, alternating between the processes
    with deployed(deployment, MARKET_API_RATE_LIMITS="on", MARKET_API_CLOCK_START=CLOCK_START) as (servers, _):
        admin = {"Authorization": f"Bearer {deployment.demo.admin_token}"}
        keys = []
        for n in range(tokens):  # one token per caller: a token may run two requests at a time
            created = httpx.post(f"{servers[0].base_url}/admin/api-keys", headers=admin, json={
                "businessId": DEMO_BUSINESS_ID, "name": f"caller {n}", "scopes": ["all-methods"]})
            assert created.status_code == 201, created.text
            keys.append({"Api-Key": created.json()["result"]["token"]})

        # A burst of stock reports of one store (1 per 2 minutes), one from each caller, on both processes.
        def stock_report(n: int):
            return lambda: httpx.post(f"{servers[n % 2].base_url}{STOCKS}", json={"campaignId": FBS},
                                      headers=keys[n], timeout=30)

        burst = _concurrently([stock_report(n) for n in range(tokens)])
        assert sorted(response.status_code for response in burst) == [200] + [420] * (tokens - 1)
        for response in burst:
            if response.status_code == 420:
                check_error(response, 420, "Hit rate limit of 1 requests per 2 minutes for resource "
                                           "generateStocksOnWarehousesReport")
            assert response.headers["X-RateLimit-Resource-Limit"] == "1"
            assert response.headers["X-RateLimit-Resource-Remaining"] == "0"


        def feed_pages(n: int):
            def call() -> list[httpx.Response]:
                with httpx.Client(headers=keys[n], timeout=30) as client:
                    return [client.get(f"{servers[(n + page) % 2].base_url}{FEED}") for page in range(per_token)]
            return call

        answers = [response for pages in _concurrently([feed_pages(n) for n in range(tokens)]) for response in pages]
    ok = [response for response in answers if response.status_code == 200]
    refused = [response for response in answers if response.status_code != 200]
    assert len(ok) == FEED_LIMIT and len(refused) == tokens * per_token - FEED_LIMIT
    for response in refused:
        check_error(response, 420, "Hit rate limit of 100 requests per hour for resource "
                                   "getFeedbackAndCommentUpdates")
        assert response.headers["X-RateLimit-Resource-Remaining"] == "0"
    for response in answers:
        assert response.headers["X-RateLimit-Resource-Limit"] == str(FEED_LIMIT)
        assert response.headers["X-RateLimit-Resource-Until"] == WINDOW_END
    # Each count of the window was handed out once, whichever process answered.
    remaining = sorted(int(response.headers["X-RateLimit-Resource-Remaining"]) for response in ok)
    assert remaining == list(range(FEED_LIMIT))
    assert {str(response.url.port) for response in ok} == {server.base_url.rsplit(":", 1)[1] for server in servers}
