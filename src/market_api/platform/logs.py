"""Logging for `serve` and `worker`: plain text for a terminal, or one JSON object per line for a log
collector (MARKET_API_LOG_FORMAT=json). Every line written while a request is handled carries its
request id."""

from __future__ import annotations

import logging
from contextvars import ContextVar

from pythonjsonlogger.json import JsonFormatter

request_id: ContextVar[str | None] = ContextVar("request_id", default=None)

TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"


class _RequestId(logging.Filter):
    """Puts the current request's id on every record (`missing` outside a request)."""

    def __init__(self, missing: str | None) -> None:
        super().__init__()
        self.missing = missing

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id.get() or self.missing
        return True


def configure_logging(level: str, log_format: str) -> None:
    """Send every log line to stderr at `level` (a level name, any case): one JSON object per line when
    `log_format` is ``json``, otherwise text. Replaces any handlers configured before."""
    handler = logging.StreamHandler()
    handler.addFilter(_RequestId(None if log_format == "json" else "-"))
    if log_format == "json":
        handler.setFormatter(JsonFormatter(
            "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s",
            rename_fields={"asctime": "time", "levelname": "level", "name": "logger"},
        ))
    else:
        handler.setFormatter(logging.Formatter(TEXT_FORMAT))
    logging.basicConfig(level=level.upper(), handlers=[handler], force=True)
    logging.getLogger("pika").setLevel(logging.WARNING)
