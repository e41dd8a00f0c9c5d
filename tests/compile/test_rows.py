"""Rows readers: every record becomes exactly one Row, broken ones with a reason."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from spec_compiler.rows import Row, RowsError, csv_rows, jsonl_rows, read_rows


def _csv(data: bytes) -> list[Row]:
    return list(csv_rows(io.BytesIO(data)))


def test_csv_good_rows() -> None:
    rows = _csv(b'name,phone\nAnna,+31612345678\n"Peter ""P"" J",+31687654321\n')
    assert [r.values for r in rows] == [
        {"name": "Anna", "phone": "+31612345678"},
        {"name": 'Peter "P" J', "phone": "+31687654321"},
    ]
    assert [(r.number, r.line) for r in rows] == [(1, 2), (2, 3)]
    assert all(r.strings and r.error is None for r in rows)


def test_csv_quoted_field_spans_lines() -> None:
    rows = _csv(b'name,note\nAnna,"two\nlines"\nBob,x\n')
    assert rows[0].values == {"name": "Anna", "note": "two\nlines"}
    assert (rows[1].number, rows[1].line, rows[1].values) == (2, 4, {"name": "Bob", "note": "x"})


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        (b"", "empty line"),
        (b"Anna", "expected 2 columns, got 1"),
        (b"Anna,+31,extra", "expected 2 columns, got 3"),
        (b'Anna,"+31"x', "bad quoting"),
        (b"Ann\xe9,+31", "not valid UTF-8"),
    ],
    ids=["empty", "missing-column", "extra-column", "bad-quoting", "bad-encoding"],
)
def test_csv_broken_rows_are_rejected_and_the_rest_read(line: bytes, reason: str) -> None:
    rows = _csv(b"name,phone\nA,1\n" + line + b"\nB,2\n")
    assert [r.values for r in rows if r.error is None] == [
        {"name": "A", "phone": "1"},
        {"name": "B", "phone": "2"},
    ]
    bad = [r for r in rows if r.error is not None]
    assert len(bad) == 1 and reason in (bad[0].error or "")
    assert (bad[0].number, bad[0].line) == (2, 3)


def test_csv_unterminated_quote_loses_one_row_only() -> None:
    rows = _csv(b'name,phone\nA,1\n"B,2\nC,3\nD,4\n')
    assert [r.error is None for r in rows] == [True, False, True, True]
    assert rows[1].error is not None and "bad quoting" in rows[1].error
    assert rows[3].values == {"name": "D", "phone": "4"}


@pytest.mark.parametrize(
    ("data", "message"),
    [(b"", "empty"), (b"a,a\n1,2\n", "twice"), (b"a,,b\n", "empty column name")],
    ids=["empty-file", "duplicate", "blank-name"],
)
def test_csv_bad_header(data: bytes, message: str) -> None:
    with pytest.raises(RowsError, match=message):
        _csv(data)


def test_csv_bom_is_ignored() -> None:
    assert _csv("\ufeffname\nAnna\n".encode())[0].values == {"name": "Anna"}


def test_jsonl_rows() -> None:
    data = b'{"a": 1}\nnot json\n[1]\n\n{"a": 2}\n'
    rows = list(jsonl_rows(io.BytesIO(data)))
    assert [r.values for r in rows] == [{"a": 1}, None, None, None, {"a": 2}]
    assert [r.error is not None for r in rows] == [False, True, True, True, False]
    assert rows[2].error == "a row must be an object, got an array"


def test_json_and_yaml_lists(tmp_path: Path) -> None:
    (tmp_path / "r.json").write_text(json.dumps([{"a": 1}, 2]))
    (tmp_path / "r.yaml").write_text("- a: 1\n- b: two\n")
    rows = list(read_rows(tmp_path / "r.json"))
    assert rows[0].values == {"a": 1} and rows[1].error is not None
    assert [r.values for r in read_rows(tmp_path / "r.yaml")] == [{"a": 1}, {"b": "two"}]


def test_unknown_suffix(tmp_path: Path) -> None:
    with pytest.raises(RowsError, match="unknown suffix"):
        read_rows(tmp_path / "rows.txt")


def test_not_a_list(tmp_path: Path) -> None:
    (tmp_path / "r.json").write_text('{"a": 1}')
    with pytest.raises(RowsError, match="list of objects"):
        list(read_rows(tmp_path / "r.json"))


def test_json_array_is_streamed_with_lines(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import spec_compiler.rows as rows_module

    monkeypatch.setattr(rows_module, "_CHUNK", 7)  # items and numbers cut across chunks
    items = [{"name": f"Person {i}", "n": 12345678 + i} for i in range(50)]
    path = tmp_path / "r.json"
    path.write_text("[\n" + ",\n".join(json.dumps(i) for i in items) + "\n]\n")
    rows = list(read_rows(path))
    assert [r.values for r in rows] == items
    assert [r.line for r in rows] == list(range(2, 52))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[,]', "not valid JSON"),
        ("", "list of objects"),
        ('"rows"', "list of objects"),
    ],
)
def test_broken_json_arrays(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "r.json"
    path.write_text(text)
    with pytest.raises(RowsError, match=message):
        list(read_rows(path))


def test_json_array_memory_is_one_item(tmp_path: Path) -> None:
    import tracemalloc

    path = tmp_path / "big.json"
    with path.open("w") as fh:
        fh.write("[")
        fh.write(",".join(json.dumps({"name": "x" * 200, "i": i}) for i in range(50_000)))
        fh.write("]")
    tracemalloc.start()
    count = sum(1 for _ in read_rows(path))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert count == 50_000
    assert peak < 2 * 1024 * 1024, peak  # the file is ~11 MB


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ('[{"a": 1}, {"a": 2},]', "not valid JSON"),
        ('[{"a": 1}, {"a": 2} {"a": 3}]', "expected ','"),
        ('[{"a": 1}, {"a": 2}', "not valid JSON"),
    ],
)
def test_json_array_breaking_after_rows_ends_with_a_rejected_row(
        tmp_path: Path, text: str, reason: str) -> None:
    path = tmp_path / "r.json"
    path.write_text(text)
    rows = list(read_rows(path))
    assert [r.values for r in rows[:2]] == [{"a": 1}, {"a": 2}]
    assert rows[-1].number == 3 and reason in (rows[-1].error or "")
    assert "the rest of the file is not read" in (rows[-1].error or "")
