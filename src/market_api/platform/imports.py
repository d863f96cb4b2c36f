"""Reading import files (NDJSON or CSV) into validated records, with a message for every bad line.

Every way a file can be bad ends in ``line N: ...`` messages, never in an exception: bytes that are not
UTF-8, JSON that does not parse or nests too deep, a CSV line whose quotes do not close or whose cells do
not match the header, text no database can store (NUL, lone surrogates), values out of their bounds.
Lines end at LF only (CR LF too); a leading UTF-8 byte-order mark is not part of line 1.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError

from market_api.platform.validation import describe_validation_error, field_name

M = TypeVar("M", bound=BaseModel)

MAX_DEPTH = 64
"""Levels of JSON arrays and objects an import line (or admin API item) may nest: a review thread about
30 replies deep. Deeper input is refused before it is validated (Python would run out of stack)."""

BOM = b"\xef\xbb\xbf"


class LineErrors(Exception):
    """What is wrong with an import, one message per problem, each naming its line (``line 3: ...``):
    the CLI prints them and exits 2; the admin API answers them as one 400 with an entry each."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__("; ".join(errors[:5]))
        self.errors = errors


@dataclass
class Parsed(Generic[M]):
    """An import file read: the records that passed, each with its line number, and one message per problem
    (``line N: ...``). Nothing is imported unless `errors` is empty."""

    records: list[tuple[int, M]] = field(default_factory=list)  # (line number, record)
    errors: list[str] = field(default_factory=list)


@dataclass
class _Cells:
    """A CSV row: its cells by header name, validated as text (`BaseModel.model_validate_strings`)."""

    values: dict[str, str]


def split_lines(data: bytes) -> tuple[list[str], dict[int, str]]:
    """A file's bytes as its lines: split at LF only (one CR before it dropped), a leading UTF-8
    byte-order mark dropped; and, by line number, a message for each line that is not UTF-8 (left empty)."""
    lines: list[str] = []
    unreadable: dict[int, str] = {}
    for number, raw in enumerate(data.removeprefix(BOM).split(b"\n"), start=1):
        try:
            lines.append(raw.removesuffix(b"\r").decode("utf-8"))
        except UnicodeDecodeError as exc:
            lines.append("")
            unreadable[number] = f"not UTF-8 text (byte {exc.start + 1} of the line cannot be read)"
    return lines, unreadable


def _not_json(constant: str) -> object:
    raise ValueError(f"{constant} is not a JSON value")


class Problem(str):
    """What is wrong with a line that could not be read (not JSON, not UTF-8, a broken CSV record). A type of
    its own, so that a line that is a JSON string is a value like any other, never taken for a message."""


def _ndjson(lines: Iterable[str], unreadable: Mapping[int, str]) -> Iterator[tuple[int, object]]:
    """Each non-blank line's number and parsed JSON value, or the `Problem` of a bad one."""
    for number, line in enumerate(lines, start=1):
        if number in unreadable:
            yield number, Problem(unreadable[number])
            continue
        if not line.strip():
            continue
        try:
            yield number, json.loads(line, parse_constant=_not_json)
        except RecursionError:
            yield number, Problem(f"JSON: nested more than {MAX_DEPTH} levels deep")
        except ValueError as exc:
            yield number, Problem(f"JSON: {exc}")


def _csv_error(exc: csv.Error) -> str:
    """The message of a CSV line the csv module cannot read."""
    text = str(exc)
    if "unexpected end of data" in text:
        return "CSV: a quoted value is not closed on its line (a record is one line)"
    if "field larger than field limit" in text:
        return f"CSV: a value is longer than {csv.field_size_limit()} characters"
    return f"CSV: {text}"


def _csv(lines: Iterable[str], unreadable: Mapping[int, str]) -> Iterator[tuple[int, object]]:
    """Each row's line number and its cells by header name (empty cells left out), or its `Problem`.

    A record is one line: each is read on its own, so a quote left open is that line's error instead of
    taking in the lines after it."""
    header: list[str] | None = None
    for number, line in enumerate(lines, start=1):
        if number in unreadable:
            yield number, Problem(unreadable[number])
            if header is None:
                return  # without its header no line can be read
            continue
        if not line.strip():
            continue
        try:
            cells = next(csv.reader([line], strict=True))
        except csv.Error as exc:
            yield number, Problem(_csv_error(exc))
            if header is None:
                return
            continue
        if header is None:
            doubled = sorted({name for name in cells if cells.count(name) > 1})
            if doubled:
                yield number, Problem(f"CSV: column {doubled[0]} is named more than once in the header")
                return
            header = cells
        elif len(cells) != len(header):
            yield number, Problem(f"CSV: {len(cells)} value(s), the header names {len(header)} column(s)")
        else:
            # Empty cells are absent values, not empty strings.
            yield number, _Cells({key: value for key, value in zip(header, cells, strict=True) if value != ""})


def parse(lines: Iterable[str], model: type[M], file_format: str = "ndjson",
          unreadable: Mapping[int, str] | None = None) -> Parsed[M]:
    """Lines of an NDJSON or CSV file as validated records. `unreadable`: messages of lines that could not be
    decoded, by line number (`split_lines`)."""
    read = _csv if file_format == "csv" else _ndjson
    return _validated(read(lines, unreadable or {}), model)


def parse_file(data: bytes, model: type[M], file_format: str = "ndjson") -> Parsed[M]:
    """The bytes of an NDJSON or CSV import file as validated records (see `split_lines` and `parse`)."""
    lines, unreadable = split_lines(data)
    return parse(lines, model, file_format, unreadable)


def validate_items(items: Iterable[object], model: type[M]) -> Parsed[M]:
    """The items of a JSON array (an admin API body) as validated records, numbered from 1."""
    return _validated(enumerate(items, start=1), model)


def storable_problem(value: object) -> str | None:
    """What keeps a parsed JSON value (or CSV cells) from being validated and stored, or None: nesting deeper
    than MAX_DEPTH, or text (a key or a value) holding a NUL character (PostgreSQL cannot store one) or a
    lone surrogate (not UTF-8). Walks the value without recursion."""
    pending: list[tuple[object, tuple[Any, ...], int]] = [(value, (), 0)]
    while pending:
        item, place, depth = pending.pop()
        if isinstance(item, str):
            problem = _text_problem(item)
            if problem is not None:
                return f"Value of {field_name(place)} {problem}"
            continue
        children: Iterable[tuple[Any, object]]
        if isinstance(item, Mapping):
            children = item.items()
        elif isinstance(item, Sequence) and not isinstance(item, (bytes, bytearray)):
            children = enumerate(item)
        else:
            continue
        if depth >= MAX_DEPTH:
            return f"JSON: nested more than {MAX_DEPTH} levels deep"
        for key, child in children:
            problem = _text_problem(key) if isinstance(key, str) else None
            if problem is not None:
                return f"A field name {problem}"
            pending.append((child, (*place, key), depth + 1))
    return None


def _text_problem(text: str) -> str | None:
    """Why `text` cannot be stored (``must not contain the NUL character``, ``is not valid Unicode text``),
    or None."""
    if "\x00" in text:
        return "must not contain the NUL character"
    if not text.isascii():
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            return "is not valid Unicode text (a lone surrogate)"
    return None


def _validated(numbered: Iterable[tuple[int, object]], model: type[M]) -> Parsed[M]:
    """Numbered items checked against `model`; a `Problem` item is a message already (a line that did not
    parse), a `_Cells` item a CSV row (validated as text)."""
    parsed: Parsed[M] = Parsed()
    for number, data in numbered:
        if isinstance(data, Problem):
            parsed.errors.append(f"line {number}: {data}")
            continue
        values = data.values if isinstance(data, _Cells) else data
        problem = storable_problem(values)
        if problem is not None:
            parsed.errors.append(f"line {number}: {problem}")
            continue
        try:
            if isinstance(data, _Cells):
                record = model.model_validate_strings(data.values)
            else:
                record = model.model_validate(data)
        except ValidationError as exc:
            parsed.errors += [f"line {number}: {m}" for m in describe_validation_error(exc.errors())]
        else:
            parsed.records.append((number, record))
    return parsed
