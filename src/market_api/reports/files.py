"""Report files from a sheet definition and a stream of rows: XLSX, a ZIP of CSV, a ZIP of JSON.

Rows are tuples in the sheet's column order, typed by the database columns they come from (numbers
are ints and floats, text is str, missing is None). Every format is written as the rows arrive, so
memory stays flat however long the report is.
"""

from __future__ import annotations

import contextlib
import csv
import io
import queue
import threading
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, cast

import orjson
from rustpy_xlsxwriter import write_csv, write_worksheet

from market_api.reports.sheets import XLSX_MAX_ROWS, Sheet

Row = Sequence[Any]
"""One row of a report: its values in the sheet's column order (int, float, str or None)."""


@dataclass(frozen=True)
class FileKind:
    """What a report format is stored as: the file's extension and its content type."""

    extension: str
    content_type: str


KINDS = {
    "FILE": FileKind("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "CSV": FileKind("zip", "application/zip"),
    "JSON": FileKind("zip", "application/zip"),
}


class TooLarge(Exception):
    """More rows than the format (or the configured cap) allows."""


class ReportWriter:
    """Writes one sheet to one file, rows arriving in chunks. Raises TooLarge past `max_rows`."""

    def __init__(self, sheet: Sheet, path: Path, max_rows: int) -> None:
        self.sheet = sheet
        self.path = path
        self.max_rows = max_rows
        self.count = 0

    def write(self, rows: Sequence[Row]) -> None:
        """Write a chunk of rows; TooLarge when it would take the file past `max_rows`."""
        if self.count + len(rows) > self.max_rows:
            raise TooLarge()
        self._write(rows)
        self.count += len(rows)

    def _write(self, rows: Sequence[Row]) -> None:
        raise NotImplementedError

    def close(self) -> None:
        """Finish the file; a failure of the writer raises here at the latest."""
        raise NotImplementedError

    def abort(self) -> None:
        """Close after a failure elsewhere: the file is thrown away, and an error here must not
        hide the one that stopped the build."""
        with contextlib.suppress(Exception):  # the build's own error is the one that counts
            self.close()


class XlsxWriter(ReportWriter):
    """XLSX through rustpy-xlsxwriter (Rust's rust_xlsxwriter) in constant-memory mode: rows are
    written as they come and memory stays flat. Its writer takes an iterator of rows, so it runs in
    a thread that this writer feeds, a few chunks ahead at most."""

    AHEAD = 4  # chunks waiting for the writer thread
    CELL_LIMIT = 32_767  # characters in one cell; the writer refuses longer text, Excel truncates it

    def __init__(self, sheet: Sheet, path: Path, max_rows: int) -> None:
        super().__init__(sheet, path, min(max_rows, XLSX_MAX_ROWS - 1))
        self.headers = [c.xlsx for c in sheet.columns]  # the first row's keys become the header row
        self.text_columns = [c.xlsx for c in sheet.columns if c.type == "string"]
        self.pending: queue.Queue[Sequence[Row] | None] = queue.Queue(self.AHEAD)
        self.error: BaseException | None = None
        self.fed = False  # the end of the rows was taken
        self.thread = threading.Thread(target=self._run, name="xlsx-writer", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        try:
            write_worksheet(self._records(), str(self.path), sheet_name=self.sheet.sheet)
        except BaseException as error:  # handed to the feeding thread at its next chunk or at close
            self.error = error
            while not self.fed and self.pending.get() is not None:  # the feeder never blocks on a dead writer
                pass

    def _records(self) -> Iterator[dict[str, Any]]:
        headers, text_columns, limit = self.headers, self.text_columns, self.CELL_LIMIT
        while (rows := self.pending.get()) is not None:
            for values in rows:
                record = dict(zip(headers, values, strict=True))
                for name in text_columns:
                    value = record[name]
                    if value is not None and len(value) > limit:
                        record[name] = value[:limit]
                yield record
        self.fed = True

    def _write(self, rows: Sequence[Row]) -> None:
        if self.error is not None:
            raise self.error
        self.pending.put(rows)

    def close(self) -> None:
        """Hand the writer thread the end of the rows, wait for it to finish the file, then write its
        whole numbers as Excel does (`whole_numbers_without_fraction`)."""
        self.pending.put(None)
        self.thread.join()
        if self.error is not None:
            raise self.error
        whole_numbers_without_fraction(self.path)


SHEET_CHUNK = 1 << 22  # bytes of sheet XML rewritten at a time


def whole_numbers_without_fraction(path: Path) -> None:
    """Rewrite the worksheets of the XLSX file at `path` so that a number without a fraction is written
    the way Excel writes it, ``<v>300</v>``, not ``<v>300.0</v>`` as the Rust writer does.

    Readers take the text at its word: openpyxl returns ``300.0`` (a float) for the latter, so an
    ``integer`` column (sheets.toml) would not read back as integers. Every cell of this writer's
    sheets is an inline string (``<is>``) or a number (``<v>``), so ``.0</v>`` occurs only at the end of
    a whole number. The file is replaced in one rename; its other members are copied as they are.
    """
    rewritten = path.with_name(path.name + ".part")
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(rewritten, "w", zipfile.ZIP_DEFLATED,
                                                          compresslevel=1) as target:
        for member in source.infolist():
            if not member.filename.startswith("xl/worksheets/"):
                target.writestr(member, source.read(member))
                continue
            with target.open(member.filename, "w", force_zip64=True) as writer:
                rest = b""
                for chunk in _inflated(source, member):
                    text = rest + chunk
                    cut = text.rfind(b"</c>") + len(b"</c>") if b"</c>" in text else 0  # never inside a cell
                    writer.write(text[:cut].replace(b".0</v>", b"</v>"))
                    rest = text[cut:]
                writer.write(rest.replace(b".0</v>", b"</v>"))
    rewritten.replace(path)


def _inflated(source: zipfile.ZipFile, member: zipfile.ZipInfo) -> Iterator[bytes]:
    """The member's bytes, a chunk at a time, read and inflated in a thread of their own: zlib lets go of
    the GIL, so the sheet is inflated on one core while the caller deflates it again on the other."""
    chunks: queue.Queue[bytes | BaseException | None] = queue.Queue(4)

    def read() -> None:
        try:
            with source.open(member) as reader:
                while chunk := reader.read(SHEET_CHUNK):
                    chunks.put(chunk)
            chunks.put(None)
        except BaseException as error:  # handed to the caller, which raises it
            chunks.put(error)

    thread = threading.Thread(target=read, name="xlsx-inflate", daemon=True)
    thread.start()
    try:
        while (chunk := chunks.get()) is not None:
            if isinstance(chunk, BaseException):
                raise chunk
            yield chunk
    finally:
        while thread.is_alive():  # a caller that stopped early: let the reader finish its file
            with contextlib.suppress(queue.Empty):
                chunks.get(timeout=0.1)
        thread.join()


class ZipMemberWriter(ReportWriter):
    """A report written as the one member of a ZIP archive, `<file name>.<extension>`."""

    extension = ""

    def __init__(self, sheet: Sheet, path: Path, max_rows: int) -> None:
        super().__init__(sheet, path, max_rows)
        # Level 1: deflate's fastest; files a little larger, written three times faster than at the default 6.
        self.archive = zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1)
        # A ZIP member is a binary file object; ZipFile.open is declared to return only IO[bytes].
        self.out = cast(BinaryIO, self.archive.open(f"{sheet.file}.{self.extension}", "w"))

    def close(self) -> None:
        """Close the archive member, then the archive."""
        self.out.close()
        self.archive.close()


class CsvZipWriter(ZipMemberWriter):
    """CSV through rustpy-xlsxwriter's CSV writer (Rust), twice as fast as the standard library's,
    straight into the archive member; the same RFC 4180 quoting."""

    extension = "csv"

    def __init__(self, sheet: Sheet, path: Path, max_rows: int) -> None:
        super().__init__(sheet, path, max_rows)
        header = io.StringIO()
        csv.writer(header, lineterminator="\n").writerow([c.csv for c in sheet.columns])
        self.out.write(header.getvalue().encode("utf-8"))

    def _write(self, rows: Sequence[Row]) -> None:
        keys = self.sheet.keys
        write_csv([dict(zip(keys, values, strict=True)) for values in rows], self.out, header=False)


class JsonZipWriter(ZipMemberWriter):
    """JSON through orjson: one array of objects keyed by the sheet's JSON keys, written a chunk at a
    time into the archive member."""

    extension = "json"

    def __init__(self, sheet: Sheet, path: Path, max_rows: int) -> None:
        super().__init__(sheet, path, max_rows)
        self.out.write(b"[")

    def _write(self, rows: Sequence[Row]) -> None:
        keys = self.sheet.keys
        # One orjson call per chunk: the chunk's array without its brackets.
        items = orjson.dumps([dict(zip(keys, values, strict=True)) for values in rows])[1:-1]
        self.out.write((b"," if self.count and items else b"") + items)

    def close(self) -> None:
        """Close the array, then the archive."""
        self.out.write(b"]")
        super().close()


WRITERS: dict[str, type[ReportWriter]] = {"FILE": XlsxWriter, "CSV": CsvZipWriter, "JSON": JsonZipWriter}


def file_name(sheet: Sheet, report_format: str) -> str:
    """The name of the report's file: the sheet's file name with the format's extension
    (``<file>.xlsx`` or ``<file>.zip``)."""
    return f"{sheet.file}.{KINDS[report_format].extension}"
