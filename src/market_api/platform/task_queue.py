"""A task queue on Dramatiq, on RabbitMQ (``amqp://``) or Redis (``redis://``): `TaskQueue` sends one
named task from the API and runs its handler in worker processes (``market-api worker``).

The API process only sends messages; worker processes consume them. A message names a job whose
state lives in the database, so a message delivered twice, or for a job that was never committed,
does no harm: the handler looks the job up and does what is left to do.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import dramatiq
from dramatiq.broker import Broker
from dramatiq.middleware import AgeLimit, Retries, ShutdownNotifications

# No time limit on a job (Dramatiq's TimeLimit would interrupt a long build mid-file): the lease
# guards against dead builders.
# Retries cover a job whose lease another builder still holds, a job not yet committed, and builds
# that broke; with the backoff capped at one lease period this spans hours.
MAX_RETRIES = 200
MIN_BACKOFF_MS = 250


class QueueUnavailable(Exception):
    """The broker did not take the message."""


def make_broker(url: str, heartbeat_ms: int = 60_000) -> Broker:
    """A Dramatiq broker for `url` (amqp(s):// or redis(s)://); ValueError for another scheme.
    `heartbeat_ms`: Redis only, after how long a silent worker's messages are delivered again."""
    middleware = [AgeLimit(), ShutdownNotifications(), Retries()]
    if url.startswith(("amqp://", "amqps://")):
        from dramatiq.brokers.rabbitmq import RabbitmqBroker

        # Publisher confirms: a send returns only once RabbitMQ has the message. Timeouts: a broker
        # that is away or refuses publishes (a resource alarm) fails a send instead of hanging it.
        return RabbitmqBroker(url=_with_defaults(url, AMQP_TIMEOUTS), confirm_delivery=True, middleware=middleware)
    if url.startswith(("redis://", "rediss://")):
        from dramatiq.brokers.redis import RedisBroker

        # A dead worker's messages go back to the queue after `heartbeat_ms` without its heartbeat.
        return RedisBroker(url=url, middleware=middleware, heartbeat_timeout=heartbeat_ms)
    raise ValueError(f"unsupported broker URL {url!r}: use amqp://… or redis://…")


AMQP_TIMEOUTS = {"socket_timeout": "5", "blocked_connection_timeout": "10", "connection_attempts": "1"}


def _with_defaults(url: str, defaults: dict[str, str]) -> str:
    """`url` with the query parameters in `defaults` it does not set itself."""
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query))
    return urlunsplit(parts._replace(query=urlencode({**defaults, **query})))


def _not_here(*_args: Any) -> None:
    raise RuntimeError("this process only sends jobs; `market-api worker` runs them")


class TaskQueue:
    """One named task on one queue: `send` from the API, `handler` in workers."""

    def __init__(self, url: str, name: str, queue: str, max_backoff_ms: int,
                 handler: Callable[..., None] | None = None) -> None:
        self.broker = make_broker(url, heartbeat_ms=max(max_backoff_ms, 5_000))
        self.actor: dramatiq.Actor[..., None] = dramatiq.actor(
            broker=self.broker, actor_name=name, queue_name=queue,
            max_retries=MAX_RETRIES, min_backoff=MIN_BACKOFF_MS, max_backoff=max_backoff_ms,
        )(handler or _not_here)

    def send(self, *args: Any) -> None:
        """Blocking: call it from a thread in async code. The send time travels with the message."""
        try:
            self.actor.send(*args, time.time())
        except Exception as error:  # connection refused, confirm refused, …: the broker does not have it
            raise QueueUnavailable(str(error)) from error

    def worker(self, threads: int) -> dramatiq.Worker:
        """A Dramatiq worker (not started) that runs the handler in `threads` threads, taking no more
        messages at a time than it has threads."""
        worker = dramatiq.Worker(self.broker, worker_threads=threads, worker_timeout=250)
        # Hold no more messages than threads: a job waiting behind a long build in this process
        # would wait for it while other workers sit idle.
        worker.queue_prefetch = threads
        return worker

    def close(self) -> None:
        """Close the broker's connections."""
        self.broker.close()
