"""Scale-out fault behaviour with real processes: `market-api serve` and `market-api worker` on
PostgreSQL and RabbitMQ, killed, stopped and cut off from Redis and PostgreSQL on purpose.

Failpoints (MARKET_API_FAILPOINTS) stop a process at an exact moment; everything else is real: real
SIGKILL and SIGTERM, a real Redis server stopped and started again, a real PostgreSQL restart.
"""

from __future__ import annotations

import asyncio
import os
import signal
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select

from market_api.demo.seed import DEMO_BUSINESS_ID, DemoCredentials
from market_api.platform.database import make_engine, make_sessionmaker
from market_api.reports.models import Report
from tests.conftest import IN_CI, PG_SERVER, _admin_sql, _postgres_ready, seed_demo_into
from tests.contract import check, check_error
from tests.server import Running, free_port, running_server, running_worker, wait_for
from tests.services import OwnPostgres, OwnRedis, Unavailable, discard, temporary_folder

RABBITMQ_URL = os.environ.get("MARKET_API_TEST_RABBITMQ", "amqp://guest:guest@127.0.0.1:5672/%2F")
GOODS = "/v2/reports/goods-feedback/generate"
FEED = "/campaigns/91000001/feedback/updates"


def _unavailable(problem: str) -> None:
    if IN_CI:
        pytest.fail(problem)
    pytest.skip(problem)


def _rabbitmq_problem() -> str | None:
    import pika

    try:
        pika.BlockingConnection(pika.URLParameters(RABBITMQ_URL)).close()
    except Exception as exc:  # noqa: BLE001 - any failure means "not available"
        return f"RabbitMQ at {RABBITMQ_URL} is not available: {exc}"
    return None


class Deployment:
    """A PostgreSQL database with the demo set, a private report queue, and the environment every
    process of this deployment shares."""

    def __init__(self, data_dir: Path, database_url: str, queue: str, api_key: str) -> None:
        self.data_dir = data_dir
        self.database_url = database_url
        self.queue = queue
        self.api_key = api_key

    def env(self, **extra: str) -> dict[str, str]:
        return {"MARKET_API_DATABASE_URL": self.database_url, "MARKET_API_BROKER_URL": RABBITMQ_URL,
                "MARKET_API_REPORT_QUEUE": self.queue, "MARKET_API_RATE_LIMITS": "off",
                "MARKET_API_JOB_LEASE_SECONDS": "3", **extra}

    async def reports(self, report_id: str | None = None) -> list[Report]:
        engine = make_engine(self.database_url)  # each asyncio.run has its own loop, so its own engine
        query = select(Report).order_by(Report.requested_at)
        if report_id is not None:
            query = query.where(Report.id == report_id)
        try:
            async with make_sessionmaker(engine)() as session:
                return list((await session.scalars(query)).all())
        finally:
            await engine.dispose()

    def report(self, report_id: str) -> Report | None:
        found = asyncio.run(self.reports(report_id))
        return found[0] if found else None

    def files(self, report_id: str) -> list[Path]:
        folder = self.data_dir / "reports" / "reports" / report_id
        return sorted(folder.iterdir()) if folder.exists() else []

    def scratch(self, report_id: str) -> Path:
        return self.data_dir / "reports" / ".scratch" / report_id


@pytest.fixture
def deployment(tmp_path):
    problem = asyncio.run(_postgres_ready()) or _rabbitmq_problem()
    if problem:
        _unavailable(problem)
    with _deployment(tmp_path, PG_SERVER) as made:
        yield made


@contextmanager
def demo_database(server: str, prefix: str) -> Iterator[tuple[str, DemoCredentials]]:
    """A database of its own on the PostgreSQL `server` (named `prefix` and a random part), migrated and
    holding the demo accounts and catalogue (no reviews): its SQLAlchemy URL and the demo credentials.
    Dropped afterwards."""
    name = f"{prefix}_{uuid.uuid4().hex[:10]}"
    asyncio.run(_admin_sql(f'CREATE DATABASE "{name}"', server))
    url = f"{server.replace('postgresql://', 'postgresql+asyncpg://')}/{name}"

    try:
        yield url, seed_demo_into(url, migrate=True)
    finally:
        asyncio.run(_admin_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', server))


@contextmanager
def _deployment(tmp_path: Path, server: str) -> Iterator[Deployment]:
    """A deployment on a database of its own on the PostgreSQL `server`, dropped afterwards."""
    queue = f"reports-test-{uuid.uuid4().hex[:8]}"
    with demo_database(server, "market_api_scale") as (url, demo):
        try:
            yield Deployment(tmp_path, url, queue, demo.api_key)
        finally:
            _delete_queues(queue)


def _delete_queues(queue: str) -> None:
    import pika

    connection = pika.BlockingConnection(pika.URLParameters(RABBITMQ_URL))
    channel = connection.channel()
    for name in (queue, f"{queue}.DQ", f"{queue}.XQ"):
        channel.queue_delete(name)
    connection.close()


def generate(base_url: str, api_key: str, report_format: str = "CSV") -> str:
    response = httpx.post(f"{base_url}{GOODS}", params={"format": report_format},
                          json={"businessId": DEMO_BUSINESS_ID}, headers={"Api-Key": api_key}, timeout=30)
    data = check(response, "generateGoodsFeedbackReport")
    assert response.status_code == 200, data
    return data["result"]["reportId"]


def done(deployment: Deployment, report_id: str) -> bool:
    report = deployment.report(report_id)
    return report is not None and report.status == "DONE"


def assert_built_once(deployment: Deployment, report_id: str, attempts: int) -> None:
    report = deployment.report(report_id)
    assert (report.status, report.sub_status, report.attempts) == ("DONE", None, attempts)
    files = deployment.files(report_id)
    assert [f.name for f in files] == [report.file_name]
    lines = files[0].read_bytes()
    assert lines  # a ZIP with the CSV inside; its contents are checked by the report tests
    assert not deployment.scratch(report_id).exists()


def test_a_worker_killed_while_rendering_leaves_the_job_to_another_that_finishes_it(deployment):
    data_dir = deployment.data_dir
    doomed_env = deployment.env(MARKET_API_FAILPOINTS="report.chunk=sleep:30")
    with running_server(data_dir, **deployment.env()) as server, \
            running_worker(data_dir, "doomed", **doomed_env) as doomed:
        report_id = generate(server.base_url, deployment.api_key)
        # Rendering has begun: the job is held and its scratch file is being written.
        wait_for(lambda: deployment.scratch(report_id).exists() and any(deployment.scratch(report_id).iterdir()),
                 30, "the build did not start", doomed.process, doomed.log)
        assert deployment.report(report_id).status == "PROCESSING"
        with running_worker(data_dir, "survivor", **deployment.env()) as survivor:
            doomed.process.send_signal(signal.SIGKILL)
            doomed.process.wait(timeout=10)
            wait_for(lambda: done(deployment, report_id), 60, "the job was not finished", survivor.process,
                     survivor.log)
        assert_built_once(deployment, report_id, attempts=2)


@pytest.mark.parametrize("failpoint, survives", [("report.queued", False), ("report.committed", True)])
def test_an_api_process_killed_mid_request_leaves_no_half_created_job(deployment, failpoint, survives):
    data_dir = deployment.data_dir
    with running_worker(data_dir, "worker", **deployment.env()) as worker:
        with running_server(data_dir, **deployment.env(MARKET_API_FAILPOINTS=f"{failpoint}=exit")) as dying:
            with pytest.raises(httpx.TransportError):  # the process dies before it answers
                generate(dying.base_url, deployment.api_key)
            dying.process.wait(timeout=10)
        jobs = asyncio.run(deployment.reports())
        if not survives:
            # The message was sent but the job never committed: no job, and the worker builds nothing.
            assert jobs == []
        else:
            assert len(jobs) == 1
            wait_for(lambda: done(deployment, jobs[0].id), 60, "the committed job was not built", worker.process,
                     worker.log)
            assert_built_once(deployment, jobs[0].id, attempts=1)
        # The service goes on: a new process takes requests and its jobs are built.
        with running_server(data_dir, **deployment.env()) as server:
            report_id = generate(server.base_url, deployment.api_key)
            wait_for(lambda: done(deployment, report_id), 60, "the job was not built", worker.process, worker.log)
        assert len(asyncio.run(deployment.reports())) == (2 if survives else 1)


def test_a_job_whose_message_was_lost_is_queued_again(deployment):
    data_dir = deployment.data_dir
    # The API sends to a queue no worker reads: the job is committed, its message never arrives.
    lost = deployment.env(MARKET_API_REPORT_QUEUE=f"{deployment.queue}-nowhere")
    with running_server(data_dir, **lost) as server:
        report_id = generate(server.base_url, deployment.api_key)
    with running_worker(data_dir, "sweeper", **deployment.env(MARKET_API_JOB_RESEND_SECONDS="1")) as worker:
        wait_for(lambda: done(deployment, report_id), 60, "the job was not queued again", worker.process, worker.log)
        assert f"report {report_id} waited too long" in worker.output
    assert_built_once(deployment, report_id, attempts=1)
    _delete_queues(f"{deployment.queue}-nowhere")


def test_an_unreachable_broker_answers_503_and_creates_nothing(deployment):
    closed = f"amqp://guest:guest@127.0.0.1:{free_port()}/%2F"
    with running_server(deployment.data_dir, **deployment.env(MARKET_API_BROKER_URL=closed)) as server:
        response = httpx.post(f"{server.base_url}{GOODS}", json={"businessId": DEMO_BUSINESS_ID},
                              headers={"Api-Key": deployment.api_key}, timeout=30)
        check_error(response, 503, "Report queue is unavailable, try again later")
    assert asyncio.run(deployment.reports()) == []


@contextmanager
def sigterm_mid_build(deployment: Deployment, failpoints: str, grace: str) -> Iterator[tuple[str, Running]]:
    """A worker (paced by `failpoints`, with `grace` seconds to finish on SIGTERM) that is building
    a report when it gets SIGTERM; yields the report id and the worker, which has exited 0."""
    data_dir = deployment.data_dir
    env = deployment.env(MARKET_API_FAILPOINTS=failpoints, MARKET_API_JOB_GRACE_SECONDS=grace)
    with running_server(data_dir, **deployment.env()) as server, running_worker(data_dir, "leaving", **env) as leaving:
        report_id = generate(server.base_url, deployment.api_key)
        wait_for(lambda: deployment.report(report_id).status == "PROCESSING", 30, "the build did not start",
                 leaving.process, leaving.log)
        leaving.process.send_signal(signal.SIGTERM)
        assert leaving.process.wait(timeout=30) == 0
        yield report_id, leaving


def test_sigterm_hands_a_long_job_back_and_another_worker_finishes_it(deployment):
    with sigterm_mid_build(deployment, "report.chunk=sleep:2", grace="0.5") as (report_id, leaving):
        assert "handed back" in leaving.output
        assert deployment.report(report_id).status == "PENDING"
        with running_worker(deployment.data_dir, "next", **deployment.env()) as worker:
            wait_for(lambda: done(deployment, report_id), 60, "the job was not finished", worker.process, worker.log)
    assert_built_once(deployment, report_id, attempts=2)


def test_sigterm_lets_a_short_job_finish(deployment):
    with sigterm_mid_build(deployment, "report.chunk=sleep:1", grace="20") as (report_id, _leaving):
        pass
    assert_built_once(deployment, report_id, attempts=1)


@pytest.fixture
def redis_server():
    """A Redis of the test's own, so that stopping it disturbs nothing else."""
    try:
        server = OwnRedis(temporary_folder("market-api-scale-redis-"))
    except Unavailable as exc:
        _unavailable(str(exc))
    server.start()
    try:
        yield server
    finally:
        discard(server)


def test_redis_unreachable_answers_503_and_the_service_recovers_when_it_returns(deployment, redis_server):
    env = deployment.env(MARKET_API_REDIS_URL=redis_server.url, MARKET_API_RATE_LIMITS="on")
    with running_server(deployment.data_dir, **env) as server:
        headers = {"Api-Key": deployment.api_key}
        feed = f"{server.base_url}{FEED}"
        assert httpx.get(feed, headers=headers).status_code == 200
        redis_server.stop()
        response = httpx.get(feed, headers=headers, timeout=10)
        check_error(response, 503, "Rate limit storage is unavailable, try again later")
        ready = httpx.get(f"{server.base_url}/ready")
        assert ready.status_code == 503 and ready.json()["checks"]["redis"] == "unavailable"
        redis_server.start()
        assert httpx.get(feed, headers=headers).status_code == 200
        assert httpx.get(f"{server.base_url}/ready").status_code == 200
        assert server.process.poll() is None


@pytest.fixture
def own_postgres():
    """A PostgreSQL of the test's own (initdb in a temporary folder), so that restarting it disturbs
    nothing else on the machine."""
    try:
        server = OwnPostgres(temporary_folder("market-api-scale-pg-"))
    except Unavailable as exc:
        _unavailable(str(exc))
    server.start()
    try:
        yield server
    finally:
        discard(server)


def test_postgresql_restart_the_service_recovers_without_a_restart_of_its_own(tmp_path, own_postgres):
    if problem := _rabbitmq_problem():
        _unavailable(problem)
    with _deployment(tmp_path, own_postgres.server) as deployment, \
            running_server(deployment.data_dir, **deployment.env()) as server:
        feed = f"{server.base_url}{FEED}"
        headers = {"Api-Key": deployment.api_key}
        assert httpx.get(feed, headers=headers).status_code == 200
        own_postgres.restart()
        answers = []

        def recovered() -> bool:
            response = httpx.get(feed, headers=headers, timeout=10)
            answers.append(response)
            return response.status_code == 200

        wait_for(recovered, 60, "the service did not recover", server.process, server.log)
        # Until it recovered, the answers were the documented envelope, never a bare 500.
        for response in answers[:-1]:
            check_error(response, 503, "Database is unavailable, try again later")
        assert server.process.poll() is None
