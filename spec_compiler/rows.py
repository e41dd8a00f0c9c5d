"""Streaming readers for ``--rows`` files: CSV, JSONL, JSON or a YAML list.

Each reader yields one ``Row`` per record, in order, with its 1-based row number; a
broken record becomes a ``Row`` with an ``error`` instead of an exception, so the good
rows still compile. CSV and JSONL are read one record at a time (constant memory); a
JSON or YAML list is parsed whole.
"""

from __future__ import annotations

import csv
import json
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, BinaryIO, Literal

RowsFormat = Literal["csv", "jsonl", "json", "yaml"]
SUFFIXES: dict[str, RowsFormat] = {
    ".csv": "csv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".yaml": "yaml",
    ".yml": "yaml",
}
#: a quoted CSV field may span lines, but a record never exceeds this many lines
MAX_RECORD_LINES = 1000


class RowsError(ValueError):
    """A rows file that cannot be read at all (its header, its top-level shape)."""


@dataclass(frozen=True)
class Row:
    """One record: its values, or why it could not be read."""

    number: int
    #: 1-based line in the file where the record starts
    line: int
    values: dict[str, Any] | None = None
    error: str | None = None
    #: the record's text as read, kept for rejected rows
    raw: str | None = None
    #: True when values are strings to be typed by the declared schemas (CSV)
    strings: bool = False


def rows_format(path: Path) -> RowsFormat:
    """The format of a rows file, from its suffix; raises RowsError."""
    fmt = SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        known = ", ".join(sorted(SUFFIXES))
        raise RowsError(f"rows file '{path}' has an unknown suffix; use one of {known}")
    return fmt


@dataclass(frozen=True)
class Records:
    """A rows file as raw records, and the function that makes one record its ``Row``.

    Reading records is cheap and parsing them is not: a bulk run reads records in one
    process and parses them in its workers. ``parse`` is picklable.
    """

    records: Iterator[Any]
    parse: Callable[[Any], Row]


def read_records(path: Path) -> Records:
    """The records of ``path`` (streamed for CSV and JSONL); raises RowsError, OSError.

    A CSV header is read here; the first record of any format may still raise RowsError.
    """
    fmt = rows_format(path)
    if fmt == "csv":
        stream = path.open("rb")
        try:
            records = _records(stream)
            header = _header(next(records, None))
        except BaseException:
            stream.close()
            raise
        return Records(_numbered(stream, records), partial(csv_record, header))
    if fmt == "jsonl":
        return Records(_jsonl_records(path), jsonl_record)
    if fmt == "json":
        return Records(_first_checked(json_array_rows(path)), _itself)
    return Records(iter(list_rows(_load_list(path, fmt))), _itself)


def _numbered(stream: BinaryIO, records: Iterator[tuple[int, bytes]]) -> Iterator[Any]:
    with stream:
        for number, (line, data) in enumerate(records, start=1):
            yield number, line, data


def _jsonl_records(path: Path) -> Iterator[Any]:
    with path.open("rb") as stream:
        yield from enumerate(stream, start=1)


def _itself(row: Row) -> Row:
    return row


def read_rows(path: Path) -> Iterator[Row]:
    """The rows of ``path`` (streamed for CSV and JSONL); raises RowsError, OSError."""
    fmt = rows_format(path)
    if fmt == "csv":
        return _file_rows(path, csv_rows)
    if fmt == "jsonl":
        return _file_rows(path, jsonl_rows)
    if fmt == "json":
        return _first_checked(json_array_rows(path))
    return iter(list_rows(_load_list(path, fmt)))


def _file_rows(path: Path, reader: Any) -> Iterator[Row]:
    with path.open("rb") as stream:
        yield from reader(stream)


def _decode(data: bytes, line: int) -> tuple[str | None, str | None]:
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        bad = data[exc.start : exc.start + 1].hex()
        return None, f"line {line} is not valid UTF-8 (byte 0x{bad} at column {exc.start + 1})"


def jsonl_rows(stream: BinaryIO) -> Iterator[Row]:
    """One row per line of a JSON Lines stream; each line must be a JSON object."""
    for record in enumerate(stream, start=1):
        yield jsonl_record(record)


def jsonl_record(record: tuple[int, bytes]) -> Row:
    """The row of one numbered JSON Lines line."""
    number, data = record
    text, error = _decode(data, number)
    if text is None:
        return Row(number, number, error=error, raw=data.decode("utf-8", "replace"))
    return _json_row(number, number, text.rstrip("\r\n").lstrip("\ufeff"))


def _json_row(number: int, line: int, text: str) -> Row:
    if not text.strip():
        return Row(number, line, error="empty line", raw=text)
    try:
        value = json.loads(text)
    except ValueError as exc:
        return Row(number, line, error=f"not valid JSON: {exc}", raw=text)
    return _object_row(number, line, value, text)


def _object_row(number: int, line: int, value: Any, raw: str | None) -> Row:
    if not isinstance(value, Mapping):
        return Row(number, line, error=f"a row must be an object, got {_kind(value)}", raw=raw)
    bad = [k for k in value if not isinstance(k, str)]
    if bad:
        return Row(number, line, error=f"column name {bad[0]!r} is not a string", raw=raw)
    return Row(number, line, values=dict(value))


def _kind(value: Any) -> str:
    return {list: "an array", str: "a string", bool: "a boolean"}.get(type(value), "a scalar")


def list_rows(value: Any, lines: Iterable[int] | None = None) -> Iterator[Row]:
    """The rows of an already parsed JSON or YAML list."""
    if not isinstance(value, list):
        raise RowsError(f"rows must be a list of objects, got {_kind(value)}")
    line_of = iter(lines) if lines is not None else None
    for number, item in enumerate(value, start=1):
        line = next(line_of, number) if line_of is not None else number
        raw = json.dumps(item, ensure_ascii=False, default=str)
        yield _object_row(number, line, item, raw)


def _first_checked(rows: Iterator[Row]) -> Iterator[Row]:
    """Raise the file-level RowsError (not a list, not JSON) before the first row."""
    return chain(next(rows, None), rows)


def chain(first: Any, rest: Iterator[Any]) -> Iterator[Any]:
    """``first`` (unless None) then ``rest``: to read one item ahead and put it back."""
    if first is not None:
        yield first
    yield from rest


_CHUNK = 1 << 16
_SPACE = " \t\r\n"


class _JsonArray:
    """Items of a JSON array read a chunk at a time: memory is one item, not the file."""

    def __init__(self, stream: Any, name: str) -> None:
        self.stream, self.name = stream, name
        self.buf, self.pos, self.line, self.eof = "", 0, 1, False
        self.decoder = json.JSONDecoder()

    def _more(self) -> bool:
        if self.eof:
            return False
        # keep only what is not consumed yet; count the lines we drop
        self.line += self.buf.count("\n", 0, self.pos)
        self.buf, self.pos = self.buf[self.pos:], 0
        chunk = self.stream.read(_CHUNK)
        if not chunk:
            self.eof = True
            return False
        self.buf += chunk
        return True

    def _peek(self) -> str:
        while True:
            while self.pos < len(self.buf) and self.buf[self.pos] in _SPACE:
                self.pos += 1
            if self.pos < len(self.buf) or not self._more():
                return self.buf[self.pos:self.pos + 1]

    def line_here(self) -> int:
        return self.line + self.buf.count("\n", 0, self.pos)

    def _value(self) -> tuple[Any, str]:
        while True:
            try:
                value, end = self.decoder.raw_decode(self.buf, self.pos)
            except ValueError as exc:
                if self._more():
                    continue
                raise RowsError(f"rows file '{self.name}' is not valid JSON: line "
                                f"{self.line_here()}: {exc.args[0].split(':')[0]}") from None
            if end == len(self.buf) and self._more():
                continue  # a number may go on in the next chunk
            raw = self.buf[self.pos:end]
            self.pos = end
            return value, raw

    def items(self) -> Iterator[tuple[int, Any, str]]:
        if self._peek() != "[":
            value, _ = self._value() if self._peek() else (None, "")
            raise RowsError(f"rows must be a list of objects, got {_kind(value)}")
        self.pos += 1
        if self._peek() == "]":
            return
        while True:
            self._peek()
            line = self.line_here()
            value, raw = self._value()
            yield line, value, raw
            sep = self._peek()
            self.pos += 1
            if sep == "]":
                return
            if sep != ",":
                raise RowsError(f"rows file '{self.name}' is not valid JSON: line "
                                f"{self.line_here()}: expected ',' or ']'")


def json_array_rows(path: Path) -> Iterator[Row]:
    """Rows of a JSON array file, streamed.

    A file that is broken before its first row raises RowsError (nothing compiles); one
    that breaks later ends with a row carrying the error, so the rows before it compile
    and the break goes to the rejects.
    """
    number = 0
    with path.open("r", encoding="utf-8-sig", errors="strict") as stream:
        reader = _JsonArray(stream, str(path))
        try:
            for line, value, raw in reader.items():
                number += 1
                yield _object_row(number, line, value, raw)
        except (RowsError, UnicodeDecodeError) as exc:
            reason = str(exc) if isinstance(exc, RowsError) else f"not UTF-8: {exc.reason}"
            if number == 0:
                raise RowsError(reason) from None
            yield Row(number + 1, reader.line_here(),
                      error=f"{reason}; the rest of the file is not read", raw="")


def _load_list(path: Path, fmt: RowsFormat) -> Any:
    data = path.read_bytes()
    if fmt == "json":
        try:
            return json.loads(data)
        except ValueError as exc:
            raise RowsError(f"rows file '{path}' is not valid JSON: {exc}") from None
    from spec_compiler.loader import load_text

    loaded = load_text(data, str(path))
    errors = [d for d in loaded.diagnostics if d.severity == "error"]
    if errors:
        raise RowsError(f"rows file '{path}': {errors[0].message} (line {errors[0].line})")
    if len(loaded.documents) != 1:
        raise RowsError(f"rows file '{path}' must hold exactly one YAML document")
    return loaded.documents[0].data


def csv_rows(stream: BinaryIO) -> Iterator[Row]:
    """Rows of a CSV stream with a header; broken records become rows with an error."""
    records = _records(stream)
    header = _header(next(records, None))
    for number, (line, data) in enumerate(records, start=1):
        yield _csv_row(number, line, data, header)


def csv_record(header: list[str], record: tuple[int, int, bytes]) -> Row:
    """The row of one numbered CSV record (``number, line, data``)."""
    return _csv_row(record[0], record[1], record[2], header)


def _header(record: tuple[int, bytes] | None) -> list[str]:
    if record is None:
        raise RowsError("rows file is empty; the first line must name the columns")
    text, error = _decode(record[1], record[0])
    if text is None:
        raise RowsError(f"CSV header: {error}")
    fields, problem = _parse_csv(text.lstrip("\ufeff"))
    if problem or fields is None or not any(f.strip() for f in fields):
        raise RowsError(f"CSV header is not a list of column names: {problem or 'empty'}")
    names = [f.strip() for f in fields]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise RowsError(f"CSV header names column '{duplicates[0]}' twice")
    if "" in names:
        raise RowsError(f"CSV header has an empty column name at column {names.index('') + 1}")
    return names


def _csv_row(number: int, line: int, data: bytes, header: list[str]) -> Row:
    text, error = _decode(data, line)
    if text is None:
        return Row(number, line, error=error, raw=data.decode("utf-8", "replace"))
    text = text.rstrip("\r\n")
    if not text.strip():
        return Row(number, line, error="empty line", raw=text)
    fields, problem = _parse_csv(text)
    if fields is None:
        return Row(number, line, error=f"bad quoting: {problem}", raw=text)
    if len(fields) != len(header):
        return Row(
            number,
            line,
            error=f"expected {len(header)} columns, got {len(fields)}",
            raw=text,
        )
    return Row(number, line, values=dict(zip(header, fields, strict=True)), raw=text, strings=True)


#: characters after which a record is not simply split at its commas
_SPECIAL = frozenset('"\r\n\x00')


def _parse_csv(text: str) -> tuple[list[str] | None, str | None]:
    if _SPECIAL.isdisjoint(text):
        return text.split(","), None  # what the csv module gives for such a record
    try:
        records = list(csv.reader([text], strict=True))
    except csv.Error as exc:
        return None, str(exc)
    if len(records) != 1:
        return None, "a record must be one line or a quoted multi-line field"
    return records[0], None


def _records(stream: BinaryIO) -> Iterator[tuple[int, bytes]]:
    """Physical lines joined into records: a quoted field may hold line breaks.

    A record whose quote never closes (within ``MAX_RECORD_LINES`` or the file) is cut
    back to its first line, and reading resumes at the line after it.
    """
    pending: deque[tuple[int, bytes]] = deque()
    source = enumerate(stream, start=1)
    while True:
        first = pending.popleft() if pending else next(source, None)
        if first is None:
            return
        quotes = first[1].count(b'"')
        if not quotes % 2:
            yield first
            continue
        parts = [first]
        while quotes % 2 == 1:
            more = pending.popleft() if pending else next(source, None)
            if more is None or len(parts) >= MAX_RECORD_LINES:
                if more is not None:
                    pending.appendleft(more)
                pending.extendleft(reversed(parts[1:]))
                parts = parts[:1]
                break
            parts.append(more)
            quotes += more[1].count(b'"')
        yield parts[0][0], b"".join(data for _, data in parts)
