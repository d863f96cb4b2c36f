"""Reading import files (NDJSON or CSV) into validated records, with a message for every bad line."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from pydantic import BaseModel, ValidationError

from market_api.platform.validation import describe_validation_error

M = TypeVar("M", bound=BaseModel)


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


def _ndjson(lines: Iterable[str]) -> Iterator[tuple[int, object | str]]:
    """Each non-blank line's number and parsed JSON value, or a ``JSON: ...`` message (str) for a bad one."""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            yield number, json.loads(line)
        except ValueError as exc:
            yield number, f"JSON: {exc}"


def _csv(lines: Iterable[str]) -> Iterator[tuple[int, object | str]]:
    """Each row's line number and its cells by header name, empty cells left out."""
    reader = csv.DictReader(lines)
    for row in reader:
        # Empty cells are absent values, not empty strings.
        yield reader.line_num, {key: value for key, value in row.items() if value not in ("", None)}


def parse(lines: Iterable[str], model: type[M], file_format: str = "ndjson") -> Parsed[M]:
    """Lines of an NDJSON or CSV file as validated records."""
    return _validated(_csv(lines) if file_format == "csv" else _ndjson(lines), model)


def validate_items(items: Iterable[object], model: type[M]) -> Parsed[M]:
    """The items of a JSON array (an admin API body) as validated records, numbered from 1."""
    return _validated(enumerate(items, start=1), model)


def _validated(numbered: Iterable[tuple[int, object | str]], model: type[M]) -> Parsed[M]:
    """Numbered items checked against `model`; a str item is a message already (a line that did not parse)."""
    parsed: Parsed[M] = Parsed()
    for number, data in numbered:
        if isinstance(data, str):
            parsed.errors.append(f"line {number}: {data}")
            continue
        try:
            parsed.records.append((number, model.model_validate(data)))
        except ValidationError as exc:
            parsed.errors += [f"line {number}: {m}" for m in describe_validation_error(exc.errors())]
    return parsed
