"""Task engine candidates for report jobs, measured on this machine: Dramatiq on RabbitMQ and
Dramatiq on Redis, through the same `TaskQueue` the service uses.

For each: how fast one thread sends messages (with RabbitMQ's publisher confirms), the latency from
send to handler for one message at a time (p50/p99), the throughput of one worker thread on a
backlog of no-op jobs, and — what matters most for report jobs — how long a message held by a
worker killed with SIGKILL takes to reach another worker.

    python benchmarks/task_engines.py [--messages 2000]
"""

from __future__ import annotations

import argparse
import os
import signal
import statistics
import subprocess
import sys
import threading
import time
import uuid

from market_api.platform.task_queue import TaskQueue

BROKERS = {
    "Dramatiq + RabbitMQ": os.environ.get("MARKET_API_TEST_RABBITMQ", "amqp://guest:guest@127.0.0.1:5672/%2F"),
    "Dramatiq + Redis": os.environ.get("MARKET_API_BENCH_REDIS", "redis://127.0.0.1:6379/13"),
}
# Redis has no connection-bound delivery: a dead worker's messages return after its heartbeat
# times out. The service sets that timeout to the job lease; 5 s here, the service's floor.
BACKOFF_MS = 5_000


class Received:
    def __init__(self) -> None:
        self.count = 0
        self.at: dict[str, float] = {}
        self.lock = threading.Lock()
        self.changed = threading.Condition(self.lock)

    def handle(self, job_id: str, _sent_at: float) -> None:
        with self.changed:
            self.count += 1
            self.at[job_id] = time.perf_counter()
            self.changed.notify_all()

    def wait(self, predicate, seconds: float) -> bool:
        with self.changed:
            return self.changed.wait_for(lambda: predicate(self), seconds)


def measure(url: str, messages: int) -> dict:
    queue_name = f"bench-{uuid.uuid4().hex[:8]}"
    received = Received()
    queue = TaskQueue(url, "bench_task", queue_name, BACKOFF_MS, handler=received.handle)
    result = {}
    started = time.perf_counter()
    for n in range(messages):
        queue.send(f"backlog-{n}")
    result["sends/s"] = messages / (time.perf_counter() - started)

    worker = queue.worker(threads=1)
    started = time.perf_counter()
    worker.start()
    assert received.wait(lambda r: r.count >= messages, 300), "backlog not consumed"
    result["jobs/s (1 thread)"] = messages / (time.perf_counter() - started)

    latencies = []
    for n in range(200):
        job_id = f"single-{n}"
        sent = time.perf_counter()
        queue.send(job_id)
        assert received.wait(lambda r, job_id=job_id: job_id in r.at, 30)
        latencies.append((received.at[job_id] - sent) * 1000)
    result["latency p50 ms"] = statistics.median(latencies)
    result["latency p99 ms"] = sorted(latencies)[int(0.99 * len(latencies))]
    worker.stop()

    result["redelivery after SIGKILL s"] = redelivery_after_kill(url, queue_name, queue, received)
    queue.close()
    return result


def redelivery_after_kill(url: str, queue_name: str, queue: TaskQueue, received: Received) -> float:
    """A worker process takes the message and hangs; it is killed; how long until another worker has it?"""
    holder = subprocess.Popen([sys.executable, "-m", "benchmarks.task_engines", "--hold", url, queue_name],
                              stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "ready"
    queue.send("held")
    assert holder.stdout.readline().strip() == "holding"
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    killed = time.perf_counter()
    worker = queue.worker(threads=1)
    worker.start()
    got = received.wait(lambda r: "held" in r.at, 600)
    worker.stop()
    return received.at["held"] - killed if got else float("inf")


def hold(url: str, queue_name: str) -> None:
    """In a child process: take one message and never finish it."""

    def never_finish(_job_id: str, _sent_at: float) -> None:
        print("holding", flush=True)
        time.sleep(3600)

    queue = TaskQueue(url, "bench_task", queue_name, BACKOFF_MS, handler=never_finish)
    queue.worker(threads=1).start()
    print("ready", flush=True)
    time.sleep(3600)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--messages", type=int, default=2000)
    parser.add_argument("--hold", nargs=2, metavar=("URL", "QUEUE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.hold:
        hold(*args.hold)
        return
    results = {name: measure(url, args.messages) for name, url in BROKERS.items()}
    metrics = list(next(iter(results.values())))
    print(f"{'':<26}" + "".join(f"{m:>28}" for m in metrics))
    for name, values in results.items():
        print(f"{name:<26}" + "".join(f"{values[m]:>28.1f}" for m in metrics))


if __name__ == "__main__":
    main()
