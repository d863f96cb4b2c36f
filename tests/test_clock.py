"""Times as the API writes them: `moscow_iso_of` of SQLite's stored text equals `moscow_iso` of the instant."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy.dialects import sqlite

from market_api.platform.clock import moscow_iso, moscow_iso_of
from market_api.platform.database import UtcDateTime

DIALECT = sqlite.dialect()
STORED = UtcDateTime().dialect_impl(DIALECT).bind_processor(DIALECT)

instants = st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2099, 12, 31, 20), timezones=st.just(UTC))


@given(instants)
def test_the_text_sqlite_keeps_is_written_as_the_instant(instant):
    text = STORED(instant)
    assert isinstance(text, str) and text[10] == " ", text  # the shape the quick way reads
    assert moscow_iso_of(text) == moscow_iso(instant) == moscow_iso_of(instant)


@pytest.mark.parametrize(("text", "expected"), [
    ("2026-06-15 21:00:00.000000", "2026-06-16T00:00:00+03:00"),  # the next Moscow day
    ("2026-12-31 22:59:59.999999", "2027-01-01T01:59:59+03:00"),  # the next year; fractions dropped
    ("2026-06-15 21:00:00", "2026-06-16T00:00:00+03:00"),  # no fraction
    ("2026-06-15T21:00:00", "2026-06-16T00:00:00+03:00"),  # another shape: parsed
    ("2026-06-15T21:00:00+01:00", "2026-06-15T23:00:00+03:00"),  # with an offset
    ("2026-06-15 21:00:00+01:00", "2026-06-15T23:00:00+03:00"),
    ("2026-06-15 09:00:00.123456+03:00", "2026-06-15T09:00:00+03:00"),  # a fraction, then an offset
])
def test_other_shapes_of_text(text, expected):
    assert moscow_iso_of(text) == expected


@pytest.mark.parametrize("text", ["", "yesterday", "2026-13-15 21:00:00", "2026-06-15 25:00:00.000000"])
def test_text_that_is_no_instant_is_a_value_error(text):
    with pytest.raises(ValueError):
        moscow_iso_of(text)
