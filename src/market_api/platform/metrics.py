"""Prometheus metrics: requests by method and status, their latency, report jobs and the queue, request log
entries dropped.

The API serves them at /metrics; a worker on `--metrics-port`. Each process has its own counters;
Prometheus adds them up across the processes it scrapes.
"""

from __future__ import annotations

from functools import cache

from prometheus_client import CONTENT_TYPE_LATEST, Counter, Gauge, Histogram, generate_latest, start_http_server

REQUESTS = Counter("market_api_requests_total", "Requests answered", ["method", "route", "status"])
REQUEST_SECONDS = Histogram(
    "market_api_request_seconds", "Time to answer a request", ["method", "route"],
    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
REPORT_JOBS = Counter("market_api_report_jobs_total", "Report jobs finished", ["kind", "format", "status"])
REPORT_JOB_SECONDS = Histogram(
    "market_api_report_job_seconds", "Time to build a report file", ["kind", "format"],
    buckets=(0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800),
)
REPORT_QUEUE_DEPTH = Gauge("market_api_report_jobs_waiting", "Report jobs waiting to be built (PENDING)")
REQUEST_LOG_DROPPED = Counter(
    "market_api_request_log_dropped_total",
    "Request log entries not kept: the process's buffer was full, or the database refused their batch",
)


@cache
def request_series(method: str, route: str, status: int) -> tuple[Counter, Histogram]:
    """The request counter and latency series of one (method, route, status): looked up once, since
    prometheus_client's label lookup costs more than counting."""
    return REQUESTS.labels(method, route, status), REQUEST_SECONDS.labels(method, route)


def exposition() -> tuple[bytes, str]:
    """The metrics of this process in Prometheus's text format, and that format's content type."""
    return generate_latest(), CONTENT_TYPE_LATEST


def serve_metrics(port: int) -> None:
    """A metrics endpoint in a background thread, for processes that serve no HTTP of their own."""
    start_http_server(port)
