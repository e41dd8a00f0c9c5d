"""``compile --rows``: one compilation per row, rejects with reasons, nothing lost."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

Compile = Callable[..., tuple[int, str, str]]

SPEC = """\
kind: messages
vars:
  conversation: {type: string, pattern: "^[0-9a-f]{24}$"}
  name: {type: string, minLength: 1}
  visits: {type: integer, minimum: 0, default: 0}
conversation: "{{ conversation }}"
messages:
  - text: Hi {{ name }}, you visited us {{ visits }} times.
    meta: {visits: "{{ visits }}"}
"""
CSV = (
    "conversation,name,visits\n"
    "590bd49f458b716046347f47,Anna,3\n"
    "590bd49f458b716046347f47,,1\n"  # name is required: an empty cell is no value
    "nothex,Bob,2\n"
    "590bd49f458b716046347f47,Carl,many\n"
    "590bd49f458b716046347f47,Dirk\n"
    "\n"
    "590bd49f458b716046347f47,Eve,\n"
)


def _lines(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text().splitlines()]


def test_rows_split_between_output_and_rejects(compile_spec: Compile, tmp_path: Path) -> None:
    rows, out, rejects = tmp_path / "rows.csv", tmp_path / "out.jsonl", tmp_path / "rejects.jsonl"
    rows.write_text(CSV)
    code, stdout, err = compile_spec(SPEC, rows=rows, output=out, rejects=rejects)
    assert code == 1 and stdout == ""
    good = _lines(out)
    assert [(r["row"], r["body"]["meta"]) for r in good] == [(1, {"visits": 3}), (7, {"visits": 0})]  # type: ignore[index]
    bad = _lines(rejects)
    assert [r["row"] for r in bad] == [2, 3, 4, 5, 6]
    reasons = {r["row"]: " ".join(r["reasons"]) for r in bad}  # type: ignore[arg-type]
    assert "missing variable 'name'" in reasons[2]
    assert "variable 'conversation' is invalid" in reasons[3]
    assert "variable 'visits' expects an integer, got 'many'" in reasons[4]
    assert "expected 3 columns, got 2" in reasons[5]
    assert "empty line" in reasons[6]
    assert "row 3 (line 4)" in err
    assert len(good) + len(bad) == 7  # every row ends up in exactly one of the two


def test_all_good_rows_exit_0_and_stream_jsonl(compile_spec: Compile, tmp_path: Path) -> None:
    rows = tmp_path / "rows.jsonl"
    rows.write_text(
        '{"conversation": "590bd49f458b716046347f47", "name": "Anna", "visits": 1}\n'
        '{"conversation": "590bd49f458b716046347f47", "name": "Bob"}\n'
    )
    code, stdout, _ = compile_spec(SPEC, rows=rows)
    assert code == 0
    lines = [json.loads(line) for line in stdout.splitlines()]
    assert [line["body"]["text"] for line in lines] == [
        "Hi Anna, you visited us 1 times.",
        "Hi Bob, you visited us 0 times.",
    ]


def test_typed_rows_are_not_coerced(compile_spec: Compile, tmp_path: Path) -> None:
    rows = tmp_path / "rows.yaml"
    rows.write_text("- {conversation: 590bd49f458b716046347f47, name: Anna, visits: '3'}\n")
    code, _, err = compile_spec(SPEC, rows=rows)
    assert code == 1 and "variable 'visits' is invalid" in err


def test_undeclared_column_is_an_error_up_front(compile_spec: Compile, tmp_path: Path) -> None:
    rows, out = tmp_path / "rows.csv", tmp_path / "out.jsonl"
    rows.write_text("conversation,name,shoe_size\n590bd49f458b716046347f47,A,42\n")
    code, _, err = compile_spec(SPEC, rows=rows, output=out)
    assert code == 1 and "undeclared variable 'shoe_size'" in err
    assert not out.exists()


def test_rows_check_compares_without_writing(compile_spec: Compile, tmp_path: Path) -> None:
    rows, out_dir = tmp_path / "rows.csv", tmp_path / "compiled"
    rows.write_text("conversation,name\n590bd49f458b716046347f47,Anna\n")
    assert compile_spec(SPEC, rows=rows, out_dir=out_dir)[0] == 0
    target = out_dir / "spec.jsonl"
    assert compile_spec(SPEC, rows=rows, out_dir=out_dir, check=True)[0] == 0
    target.write_text("stale\n")
    code, _, err = compile_spec(SPEC, rows=rows, out_dir=out_dir, check=True)
    assert code == 1 and "out of date" in err and target.read_text() == "stale\n"


def test_rows_progress_only_when_asked(compile_spec: Compile, tmp_path: Path) -> None:
    rows = tmp_path / "rows.csv"
    rows.write_text("conversation,name\n590bd49f458b716046347f47,Anna\n")
    assert compile_spec(SPEC, rows=rows)[2] == ""
    assert "rows: 1 compiled, 0 rejected" in compile_spec(SPEC, rows=rows, progress=True)[2]


def test_rows_need_exactly_one_spec(compile_spec: Compile, tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(SPEC)
    rows = tmp_path / "rows.csv"
    rows.write_text("conversation,name\n")
    code, _, err = compile_spec(None, specs=(tmp_path / "a.yaml",) * 2, rows=rows)
    assert code == 2 and "exactly one spec" in err
