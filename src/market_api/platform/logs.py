"""Logging for `serve` and `worker`: plain text for a terminal, or one JSON object per line for a log
collector (MARKET_API_LOG_FORMAT=json). Every line written while a request is handled carries its
request id."""

from __future__ import annotations

import logging
import re
import sys
from contextvars import ContextVar
from typing import TextIO

from pythonjsonlogger.json import JsonFormatter

request_id: ContextVar[str | None] = ContextVar("request_id", default=None)

TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"
# Characters that could end a line, hide text or turn it around in a terminal: C0 and C1 controls, DEL,
# the Unicode line and paragraph separators, and the bidirectional marks, embeddings, overrides and
# isolates (U+202E would show a line's end first).
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u2028-\u202e\u2066-\u2069]")


def escape_controls(text: str) -> str:
    r"""`text` with every control character written as an escape (``\x0a``, ``\u2028``): a value
    from a request (a path with ``%0a``) cannot start a forged line of its own in a text log."""
    return _CONTROL.sub(lambda found: f"\\x{ord(found[0]):02x}" if ord(found[0]) < 0x100
                        else f"\\u{ord(found[0]):04x}", text)


class TextFormatter(logging.Formatter):
    """One line per record: the record's own text has its control characters escaped; a traceback, which
    the service writes itself, follows on its own lines as usual."""

    def formatMessage(self, record: logging.LogRecord) -> str:  # noqa: N802 - logging's own name
        """The line for `record`, escaped."""
        return escape_controls(super().formatMessage(record))


class _OneLineMigrations(logging.Filter):
    r"""Alembic's own lines (``Running upgrade 0006 -> 0007, <the revision's message>``) with the line breaks
    of a revision message written over several lines joined by a space, so that the text log shows the
    message readable rather than escaped (``\x0a``). Only text the package ships passes through Alembic's
    loggers (migrations run before any request); the text formatter still escapes whatever control
    characters remain."""

    _BREAK = re.compile(r"[ \t]*(?:\r\n|\r|\n)\s*")

    def filter(self, record: logging.LogRecord) -> bool:
        if record.name == "alembic" or record.name.startswith("alembic."):
            message = record.getMessage()
            if "\n" in message or "\r" in message:
                record.msg, record.args = self._BREAK.sub(" ", message), None
        return True


class _RequestId(logging.Filter):
    """Puts the current request's id on every record (`missing` outside a request)."""

    def __init__(self, missing: str | None) -> None:
        super().__init__()
        self.missing = missing

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id.get() or self.missing
        return True


def log_handler(log_format: str, stream: TextIO | None = None) -> logging.Handler:
    """The handler `configure_logging` installs: lines to `stream` (stderr when None), one JSON object per
    line when `log_format` is ``json``, otherwise text."""
    handler = logging.StreamHandler(stream if stream is not None else sys.stderr)
    handler.addFilter(_RequestId(None if log_format == "json" else "-"))
    handler.addFilter(_OneLineMigrations())
    if log_format == "json":
        handler.setFormatter(JsonFormatter(
            "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s",
            rename_fields={"asctime": "time", "levelname": "level", "name": "logger"},
        ))
    else:
        handler.setFormatter(TextFormatter(TEXT_FORMAT))
    return handler


def configure_logging(level: str, log_format: str) -> None:
    """Send every log line to stderr at `level` (a level name, any case): one JSON object per line when
    `log_format` is ``json``, otherwise text (`log_handler`). Replaces any handlers configured before."""
    logging.basicConfig(level=level.upper(), handlers=[log_handler(log_format)], force=True)
    logging.getLogger("pika").setLevel(logging.WARNING)
