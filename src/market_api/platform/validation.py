"""Pydantic validation errors rendered in the Partner API's documented message shapes."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, date, datetime
from typing import Annotated, Any

from fastapi import Path
from pydantic import AfterValidator, AwareDatetime, BeforeValidator, Field, Strict
from pydantic_core import PydanticCustomError

from market_api.platform.logs import escape_controls

# The contract's int64 / int32 ranges: larger values are malformed, not merely unknown.
INT64_MAX = 2**63 - 1
INT32_MAX = 2**31 - 1

# Integers in a JSON body are JSON integers: `true`, `5.0` and "5" are not integers (the contract's type).
Id64 = Annotated[int, Strict(), Field(ge=1, le=INT64_MAX)]
"""An id the contract types int64 (stores, businesses, warehouses) in a JSON body: 1..2^63-1."""
Id32 = Annotated[int, Strict(), Field(ge=1, le=INT32_MAX)]
"""An id the contract types int32 (categories) in a JSON body: 1..2^31-1."""
_INTEGER_TEXT = re.compile(r"-?[0-9]{1,4000}")  # longer digit strings are past what int() reads
SHOWN_CHARACTERS = 100  # a value longer than this is cut in messages


def parse_integer_text(value: object) -> object:
    """An integer written in a path or query as decimal digits (``-`` allowed): ``5.0``, ``5_000``,
    `` 5 `` and ``true`` are not integers there, as in the contract. Raises PydanticCustomError
    ``int_parsing`` (``Value of limit (5.0) must be an integer``); values other than text pass on."""
    if isinstance(value, str):
        if not _INTEGER_TEXT.fullmatch(value):
            raise PydanticCustomError("int_parsing", "must be an integer")
        return int(value)
    return value


IntParam = Annotated[int, BeforeValidator(parse_integer_text)]
"""An integer path or query parameter (see `parse_integer_text`); bounds go on the field."""

PathId64 = Annotated[IntParam, Path(ge=1, le=INT64_MAX)]
"""An int64 id in a path (``/admin/reviews/{review_id}``): decimal digits, 1..2^63-1, else 400 (an id past
2^63-1 is malformed, not unknown: no database column holds it)."""
QueryId64 = Annotated[IntParam, Field(ge=1, le=INT64_MAX)]
"""An int64 id in a query (``?businessId=``), 1..2^63-1; use as ``QueryId64 | None = Query(default=None, ...)``."""


def shown(value: object) -> str:
    """A value as a message shows it: JSON words (``null``, ``true``, ``[1,2]``), text as it is, cut to
    SHOWN_CHARACTERS characters (``…`` marks the cut). Characters that cannot be written as UTF-8 (lone
    surrogates from a JSON body) are shown as ``?``, so the message itself can always be sent; control
    characters as escapes (`platform.logs.escape_controls`), so it cannot forge a line."""
    if isinstance(value, str):
        text = value
    elif value is None or isinstance(value, (bool, list, dict)):
        text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str)
    else:
        text = str(value)
    text = escape_controls(text.encode("utf-8", "replace").decode("utf-8"))  # a message stays one line
    return text if len(text) <= SHOWN_CHARACTERS else text[:SHOWN_CHARACTERS] + "…"


_EXPECTED = {
    "finite_number": "a finite number",
    "int_parsing": "an integer",
    "int_type": "an integer",
    "int_from_float": "an integer",
    "bool_parsing": "a boolean",
    "bool_type": "a boolean",
    "string_type": "a string",
    "list_type": "an array",
    "date_parsing": "a date in format YYYY-MM-DD",
    "date_from_datetime_parsing": "a date in format YYYY-MM-DD",
    "date_from_datetime_inexact": "a date in format YYYY-MM-DD",
    "date_type": "a date in format YYYY-MM-DD",
    "model_attributes_type": "an object",
    "dict_type": "an object",
    "model_type": "an object",
    "timezone_aware": "a date-time with a time zone offset",
    "datetime_parsing": "a date-time in ISO 8601",
    "datetime_from_date_parsing": "a date-time in ISO 8601",
    "datetime_type": "a date-time in ISO 8601",
    "float_type": "a number",
    "float_parsing": "a number",
}

_COMPARISONS = {
    "greater_than_equal": ("ge", "greater than or equal to"),
    "greater_than": ("gt", "greater than"),
    "less_than_equal": ("le", "less than or equal to"),
    "less_than": ("lt", "less than"),
}


_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# Dates a request may name: one day inside the calendar's ends, so that the day before or after, and
# the day's start in any time zone, can always be computed.
FIRST_DATE, LAST_DATE = date(2, 1, 1), date(9998, 12, 31)
DATE_PATTERN_MESSAGE = "must match the pattern: 'YYYY-MM-DD'"


def parse_iso_date(value: object) -> date:
    """A calendar day written ``YYYY-MM-DD`` (a ``date`` passes as it is), between FIRST_DATE and LAST_DATE.

    Raises PydanticCustomError ``iso_date`` for anything else, which `describe` renders as the one
    message every date parameter, body field and import column gets (the feed's ``from_date`` shape,
    seed 000): ``Value of <field> (<value>) must match the pattern: 'YYYY-MM-DD'``.
    """
    parsed: date | None = None
    if isinstance(value, date) and not isinstance(value, datetime):
        parsed = value
    elif isinstance(value, str) and _ISO_DATE.fullmatch(value):
        try:
            parsed = date.fromisoformat(value)
        except ValueError:
            parsed = None
    if parsed is None or not FIRST_DATE <= parsed <= LAST_DATE:
        raise PydanticCustomError("iso_date", DATE_PATTERN_MESSAGE)
    return parsed


IsoDate = Annotated[date, BeforeValidator(parse_iso_date)]
"""A ``date`` field that accepts only ``YYYY-MM-DD`` (see `parse_iso_date`)."""


# Instants a body, an import or an admin call may name (review and fact times, ranges): the span the service
# clock itself may take, so that every date derived from one (two years back, a day ahead, a Moscow day's
# start) stays inside what Python and both databases hold.
FIRST_INSTANT = datetime(2000, 1, 1, tzinfo=UTC)
LAST_INSTANT = datetime(2100, 1, 1, tzinfo=UTC)
INSTANT_RANGE_MESSAGE = "must be from 2000-01-01T00:00:00Z up to 2100-01-01T00:00:00Z"


def check_instant_range(value: datetime) -> datetime:
    """`value` if it lies in [FIRST_INSTANT, LAST_INSTANT) (a naive value is read as UTC for the check).

    Raises PydanticCustomError ``instant_range``, rendered by `describe` as
    ``Value of <field> (<value>) must be from 2000-01-01T00:00:00Z up to 2100-01-01T00:00:00Z``."""
    aware = value if value.tzinfo is not None and value.utcoffset() is not None else value.replace(tzinfo=UTC)
    if not FIRST_INSTANT <= aware < LAST_INSTANT:
        raise PydanticCustomError("instant_range", INSTANT_RANGE_MESSAGE)
    return value


# Days a body or an admin call may name where the day is stored or iterated over (a store's holidays, a
# recompute range): the days of the instants above.
FIRST_DAY, LAST_DAY = date(2000, 1, 1), date(2099, 12, 31)
DAY_RANGE_MESSAGE = "must be from 2000-01-01 up to 2099-12-31"


def check_day_range(value: date) -> date:
    """`value` if it lies in [FIRST_DAY, LAST_DAY]. Raises PydanticCustomError ``day_range``, rendered by
    `describe` as ``Value of <field> (<value>) must be from 2000-01-01 up to 2099-12-31``."""
    if not FIRST_DAY <= value <= LAST_DAY:
        raise PydanticCustomError("day_range", DAY_RANGE_MESSAGE)
    return value


Day = Annotated[date, BeforeValidator(parse_iso_date), AfterValidator(check_day_range)]
"""An `IsoDate` (``YYYY-MM-DD``) bounded to [2000-01-01, 2099-12-31] (see `check_day_range`)."""


def check_unicode_text(value: str) -> str:
    r"""`value` if it can be written as UTF-8. A JSON body may escape a lone surrogate (``"\ud800"``), which
    no database text column and no answer can hold. Raises PydanticCustomError ``lone_surrogate``, rendered
    by `describe` as ``Value of <field> is not valid Unicode text (a lone surrogate)``."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise PydanticCustomError("lone_surrogate", "is not valid Unicode text (a lone surrogate)") from None
    return value


Text = Annotated[str, AfterValidator(check_unicode_text)]
"""A ``str`` field that a database can store (see `check_unicode_text`); lengths go on the field."""

# Values of a JSON body or an NDJSON line are of their JSON type: an integer field takes a JSON integer (not
# `true`, "5" or 4.0), a boolean a JSON boolean (not "false", 0 or "no"), a date-time an ISO 8601 string (not
# epoch seconds). A CSV row is validated as text (`BaseModel.model_validate_strings`), where `Strict()` does not
# apply: there "5" is an integer and "true"/"false" a boolean, as a spreadsheet writes them.
StrictInteger = Annotated[int, Strict()]
"""An integer in a JSON body: a JSON integer only (not a boolean, a string or ``4.0``); bounds go on the field."""
StrictFlag = Annotated[bool, Strict()]
"""A boolean in a JSON body: JSON ``true``/``false`` only (not ``"false"``, ``0``, ``"no"``)."""
StrictNumber = Annotated[float, Strict(), Field(allow_inf_nan=False)]
"""A finite number in a JSON body: a JSON number only (``5`` or ``4.5``; not a boolean or a string; ``1e400``,
read as infinity, and ``NaN`` are refused)."""

_ISO_DATETIME = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def parse_iso_datetime(value: object) -> object:
    """A date-time given as ISO 8601 text (``2026-06-15T12:00:00+03:00``; a ``datetime`` passes as it is): a
    number (epoch seconds), a boolean or digits-only text (``"1700000000"``) are not date-times. Raises
    PydanticCustomError ``datetime_parsing``, rendered by `describe` as ``Value of <field> (<value>) must be a
    date-time in ISO 8601``; the text itself is then read by pydantic."""
    if isinstance(value, datetime) or (isinstance(value, str) and _ISO_DATETIME.match(value)):
        return value
    raise PydanticCustomError("datetime_parsing", "must be a date-time in ISO 8601")


IsoDateTime = Annotated[datetime, BeforeValidator(parse_iso_datetime)]
"""A ``datetime`` field given as ISO 8601 text only (see `parse_iso_datetime`)."""
AwareInstant = Annotated[AwareDatetime, BeforeValidator(parse_iso_datetime), AfterValidator(check_instant_range)]
"""An instant given as ISO 8601 text with its offset (``2026-06-15T12:00:00+03:00``; a naive one is 400),
bounded to [2000-01-01, 2100-01-01) UTC (see `parse_iso_datetime`, `check_instant_range`)."""


def date_message(field: str, value: object) -> str:
    """The one message of a malformed date: ``Value of reportDate (x) must match the pattern: 'YYYY-MM-DD'``."""
    return f"Value of {field} ({shown(value)}) {DATE_PATTERN_MESSAGE}"


def field_name(loc: Sequence[Any]) -> str:
    """('body', 'campaignIds', 0) -> 'campaignIds[0]'; the request part itself is not named."""
    parts = list(loc[1:]) if loc and loc[0] in ("body", "query", "path", "header") else list(loc)
    name = ""
    for part in parts:
        name += f"[{part}]" if isinstance(part, int) else (f".{part}" if name else str(part))
    return name or "body"


def describe(error: Mapping[str, Any]) -> str:
    """One error in pydantic's shape (an item of ``ValidationError.errors()``, or a dict of the same keys,
    ``type`` required, the others optional) as the Partner API words it:
    ``Missing field: x``, ``Value of x (v) must be ...``, ``Length of x (n) must be ...`` and the like."""
    kind = error["type"]
    field = field_name(error.get("loc", ()))
    ctx = error.get("ctx") or {}
    raw = error.get("input")
    value = shown(raw)
    if kind == "json_invalid":
        return f"JSON: {ctx.get('error', 'malformed JSON')}"
    if kind == "message":  # a rule that words its whole message itself (PydanticCustomError("message", ...))
        return str(error.get("msg", "Bad request"))
    if kind == "iso_date":
        return date_message(field, raw)
    if kind == "instant_range":
        return f"Value of {field} ({value}) {INSTANT_RANGE_MESSAGE}"
    if kind == "day_range":
        return f"Value of {field} ({value}) {DAY_RANGE_MESSAGE}"
    if kind in ("lone_surrogate", "string_unicode"):  # pydantic's own word for text it cannot read as UTF-8
        return f"Value of {field} is not valid Unicode text (a lone surrogate)"
    if kind == "missing":
        return f"Missing field: {field}"
    if kind in _COMPARISONS:
        key, words = _COMPARISONS[kind]
        return f"Value of {field} ({value}) must be {words} {ctx[key]}"
    if kind == "too_short" and ctx.get("min_length") == 1:
        return f"Collection of {field} must not be empty"
    if kind in ("too_short", "string_too_short"):
        return f"Length of {field} ({_length(raw)}) must be greater than or equal to {ctx['min_length']}"
    if kind in ("too_long", "string_too_long"):
        return f"Length of {field} ({_length(raw)}) must be less than or equal to {ctx['max_length']}"
    if kind == "string_pattern_mismatch":
        return f"Value of {field} must match the pattern: '{ctx['pattern']}'"
    if kind in ("enum", "literal_error"):
        return f"Value of {field} ({value}) must be one of: {ctx.get('expected', '')}"
    if kind in _EXPECTED:
        return f"Value of {field} ({value}) must be {_EXPECTED[kind]}"
    message = str(error.get("msg", "invalid value"))
    return f"Invalid value of {field}: {message.removeprefix('Value error, ')}"


def _length(value: Any) -> int | str:
    try:
        return len(value)
    except TypeError:
        return "?"


def describe_validation_error(errors: Iterable[Mapping[str, Any]]) -> list[str]:
    """The messages of pydantic `errors`, each once, in order (``Bad request`` when there are none)."""
    messages: list[str] = []
    for error in errors:
        text = describe(error)
        if text not in messages:
            messages.append(text)
    return messages or ["Bad request"]
