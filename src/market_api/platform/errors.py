"""One error envelope for every non-2xx answer: {"status":"ERROR","errors":[{"code","message"}]}."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from sqlalchemy.exc import DBAPIError, InterfaceError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import JSONResponse

from market_api.platform.logs import request_id
from market_api.platform.responses import FastJSONResponse
from market_api.platform.validation import describe_validation_error, shown

log = logging.getLogger("market_api.errors")

CODES = {
    400: "BAD_REQUEST",
    401: "UNAUTHORIZED",
    403: "FORBIDDEN",
    404: "NOT_FOUND",
    405: "METHOD_NOT_ALLOWED",
    408: "REQUEST_TIMEOUT",
    409: "CONFLICT",
    414: "URI_TOO_LONG",
    415: "UNSUPPORTED_MEDIA_TYPE",
    420: "HIT_RATE_LIMIT",
    423: "LOCKED",
    431: "REQUEST_HEADER_FIELDS_TOO_LARGE",
    500: "INTERNAL_ERROR",
    503: "SERVICE_UNAVAILABLE",
}


INTERNAL_ERROR = "Internal server error. Please, try again later"


class ApiError(Exception):
    """An answer in the error envelope; several messages make several entries."""

    def __init__(self, status: int, message: str | list[str], code: str | None = None) -> None:
        self.messages = [message] if isinstance(message, str) else list(message)
        super().__init__("; ".join(self.messages))
        self.status = status
        self.message = self.messages[0]
        self.code = code or CODES.get(status, "ERROR")


# Every answer is bounded whatever a request holds: a message longer than this is cut (``…`` marks the cut),
# and no more entries than this are sent. Messages show values cut shorter still (validation.shown); this
# catches a message that shows a value whole.
MAX_MESSAGE_CHARACTERS = 1000
MAX_ERRORS = 100


def _bounded(text: str) -> str:
    return text if len(text) <= MAX_MESSAGE_CHARACTERS else text[:MAX_MESSAGE_CHARACTERS] + "…"


def envelope_body(status: int, message: str | list[str], code: str | None = None) -> dict:
    """The error envelope of HTTP `status`: ``{"status": "ERROR", "errors": [{"code", "message"}, …]}``, one
    entry per message (at most MAX_ERRORS, each cut to MAX_MESSAGE_CHARACTERS); `code` defaults to the
    status's name in `CODES` (``ERROR`` for a status not there)."""
    messages = [message] if isinstance(message, str) else message
    code = code or CODES.get(status, "ERROR")
    return {"status": "ERROR", "errors": [{"code": code, "message": _bounded(text)} for text in messages[:MAX_ERRORS]]}


def envelope(status: int, message: str | list[str], code: str | None = None,
             headers: dict[str, str] | None = None) -> JSONResponse:
    """An error answer of HTTP `status` with the body `envelope_body` makes, and `headers` if given."""
    return FastJSONResponse(envelope_body(status, message, code), status_code=status, headers=headers)


async def _api_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ApiError)
    return envelope(exc.status, exc.messages, exc.code)


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    if exc.status_code == 404:
        message = f"Resource not found: {shown(request.url.path)}"
    elif exc.status_code == 405:
        message = f"Request method '{shown(request.method)}' not supported"
    else:
        message = str(exc.detail)
    response = envelope(exc.status_code, message)
    if exc.headers:
        response.headers.update(exc.headers)
    return response


async def _validation_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    return envelope(400, describe_validation_error(exc.errors()))


DATABASE_UNAVAILABLE = "Database is unavailable, try again later"


def database_unavailable(exc: BaseException) -> bool:
    """The database could not be reached or dropped the connection (restarting, network), as opposed
    to a query that failed. SQLAlchemy discards the broken connections, so the next request reconnects."""
    if isinstance(exc, (OSError, TimeoutError)):
        return True  # asyncpg raises these unwrapped when it cannot connect
    if isinstance(exc, DBAPIError):
        sqlstate = str(getattr(exc.orig, "sqlstate", "") or "")
        # 08: connection exception; 57P: the server is shutting down or starting up.
        return exc.connection_invalidated or sqlstate.startswith(("08", "57P")) or isinstance(exc, InterfaceError)
    # The same from the driver itself (reads that bypass SQLAlchemy, see platform.driver).
    if str(getattr(exc, "sqlstate", "") or "").startswith(("08", "57P")):
        return True
    return type(exc).__name__ in ("CannotConnectNowError", "ConnectionDoesNotExistError")


def unhandled_error(method: str, path: str, exc: BaseException) -> JSONResponse:
    """The answer to an error nothing else handled: 503 when the database is away, otherwise 500.
    The stack trace goes to the log, never to the client."""
    if database_unavailable(exc):
        log.error("database unavailable on %s %s request_id=%s: %s", method, path, request_id.get(), exc)
        return envelope(503, DATABASE_UNAVAILABLE)
    log.exception("unhandled error on %s %s request_id=%s", method, path, request_id.get(), exc_info=exc)
    return envelope(500, INTERNAL_ERROR)


async def _unhandled(request: Request, exc: Exception) -> JSONResponse:
    return unhandled_error(request.method, request.url.path, exc)


def install_error_handlers(app: FastAPI) -> None:
    """Answer every error of `app` in the envelope: ApiError as raised, HTTP errors (404 and 405 worded as
    the Partner API words them), validation errors as 400, anything else as `unhandled_error` does."""
    app.add_exception_handler(ApiError, _api_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(Exception, _unhandled)
