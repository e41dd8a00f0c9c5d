"""Bulk rows in worker processes: the same bytes, rejects and messages as one process."""

from __future__ import annotations

import random
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from spec_compiler import compile_cmd
from spec_compiler.rows import read_records

Compile = Callable[..., tuple[int, str, str]]

pytestmark = pytest.mark.skipif(not compile_cmd._can_fork(), reason="needs the fork start method")

CAMPAIGN = (Path(__file__).parents[2] / "examples" / "bulk-campaign.yaml").read_text()
TYPED = """\
kind: messages
vars:
  conversation: {type: string, pattern: "^[0-9a-f]{24}$"}
  name: {type: string, minLength: 1}
  visits: {type: integer, minimum: 0, default: 0}
conversation: "{{ conversation }}"
messages:
  - text: Hi {{ name }}, you visited us {{ visits }} times.
    meta: {visits: "{{ visits }}"}
  - {type: command, text: /leave}
"""


def _campaign_rows(n: int, seed: int) -> bytes:
    """Mostly good rows, and every kind of bad one, in a deterministic mix."""
    rng = random.Random(seed)
    bad = [
        b"\n",
        b"P,12345,2024-06-01\n",  # not a phone
        b"P,+31612345678,2024-13-45\n",  # not a date
        b'"Multi\nline",+31612345678,2024-06-01\n',
        b'"quoted, comma",+31612345678,2024-06-01\n',
        b"\xff\xfebad,+31612345678,2024-06-01\n",
        b"P,+31612345678\n",
        b"x" * 1700 + b",+31612345678,2024-06-01\n",  # an SMS over 1600 characters
        b",+31612345678,2024-06-01\n",  # an empty cell is no value
        b'"bad"quote,+31612345678,2024-06-01\n',
        "Ünïcödé 😀,+31612345678,2024-06-01\r\n".encode(),
        b"a\rb,+31612345678,2024-06-01\n",
        b"P,+31612345678,2024-06-01,extra\n",
    ]
    out = [b"name,phone,due_date\n"]
    for i in range(n):
        if rng.random() < 0.15:
            out.append(rng.choice(bad))
        else:
            phone = rng.randint(10000000, 99999999)
            out.append(f"Person {i},+316{phone},2024-06-{i % 28 + 1:02d}\n".encode())
    out.append(b'"unterminated,+31612345678,2024-06-01\nlast,+31612345678,2024-06-01\n')
    return b"".join(out)


def _run_both(
    compile_spec: Compile, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, spec: str,
    rows: Path, fmt: str = "jsonl",
) -> tuple[tuple[Any, ...], tuple[Any, ...]]:
    results = []
    for mode in ("serial", "parallel"):
        with monkeypatch.context() as patch:
            if mode == "serial":
                patch.setattr(compile_cmd, "PARALLEL_THRESHOLD", 10**9)
            else:
                patch.setattr(compile_cmd, "PARALLEL_THRESHOLD", 50)
                patch.setattr(compile_cmd, "CHUNK_ROWS", 37)
                patch.setattr(compile_cmd, "WORKERS", 2)
                patch.setattr(compile_cmd, "_pooled", _counted(compile_cmd._pooled))
            out, rejects = tmp_path / f"{mode}.{fmt}", tmp_path / f"{mode}.rejects.jsonl"
            code, stdout, err = compile_spec(spec, rows=rows, output=out, rejects=rejects,
                                             format=fmt)
            results.append((code, stdout, err, out.read_bytes(), rejects.read_bytes()))
    return results[0], results[1]


POOLED: list[int] = []


def _counted(pooled: Callable[..., Iterator[Any]]) -> Callable[..., Iterator[Any]]:
    def count(*args: Any) -> Iterator[Any]:
        POOLED.append(1)
        return pooled(*args)

    return count


@pytest.mark.parametrize("fmt", ["jsonl", "curl"])
def test_parallel_output_is_the_serial_output(
    compile_spec: Compile, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, fmt: str
) -> None:
    rows = tmp_path / "rows.csv"
    rows.write_bytes(_campaign_rows(3000, seed=1))
    POOLED.clear()
    serial, parallel = _run_both(compile_spec, monkeypatch, tmp_path, CAMPAIGN, rows, fmt)
    assert POOLED, "the parallel path was not taken"
    assert parallel == serial
    code, _, err, out, rejects = serial
    assert code == 1 and out.count(b"\n") > 2000 and rejects.count(b"\n") > 300
    assert "SMS007" in err and "bad quoting" in err and "not valid UTF-8" in err


def test_parallel_typed_jsonl_rows(
    compile_spec: Compile, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    rng = random.Random(2)
    lines = []
    for i in range(1500):
        kind = rng.random()
        if kind < 0.8:
            line = f'{{"conversation": "590bd49f458b716046347f47", "name": "N{i}", "visits": {i}}}'
        elif kind < 0.85:
            line = f'{{"conversation": "nothex", "name": "N{i}"}}'
        elif kind < 0.9:
            line = f'{{"conversation": "590bd49f458b716046347f47", "name": "N{i}", "visits": "3"}}'
        elif kind < 0.95:
            line = "[1, 2]"
        else:
            line = "{not json"
        lines.append(line)
    rows = tmp_path / "rows.jsonl"
    rows.write_text("\n".join(lines) + "\n")
    serial, parallel = _run_both(compile_spec, monkeypatch, tmp_path, TYPED, rows)
    assert parallel == serial and serial[0] == 1


def test_parallel_progress_and_check(
    compile_spec: Compile, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    rows, out = tmp_path / "rows.csv", tmp_path / "out.jsonl"
    rows.write_bytes(_campaign_rows(1200, seed=3))
    monkeypatch.setattr(compile_cmd, "PARALLEL_THRESHOLD", 50)
    monkeypatch.setattr(compile_cmd, "CHUNK_ROWS", 100)
    monkeypatch.setattr(compile_cmd, "WORKERS", 2)
    code, _, err = compile_spec(CAMPAIGN, rows=rows, output=out, progress=True)
    assert code == 1
    tally = err.rsplit("\r", 1)[-1]
    assert tally.startswith("rows: ") and tally.endswith(" rejected\n")
    compiled = int(tally.split()[1])
    assert compiled == out.read_bytes().count(b"\n")
    code, _, err = compile_spec(CAMPAIGN, rows=rows, output=out, check=True)
    assert code == 1 and "out of date" not in err  # rejected rows, but the output is current


def test_a_failing_worker_fails_like_the_serial_run(
    compile_spec: Compile, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    rows, out = tmp_path / "rows.csv", tmp_path / "out.jsonl"
    rows.write_bytes(_campaign_rows(800, seed=4))
    outcome = compile_cmd.RowCompiler.outcome

    def crash(self: compile_cmd.RowCompiler, record: Any) -> Any:
        if record[0] == 500:
            raise RuntimeError("boom at row 500")
        return outcome(self, record)

    monkeypatch.setattr(compile_cmd.RowCompiler, "outcome", crash)  # forked workers too
    monkeypatch.setattr(compile_cmd, "PARALLEL_THRESHOLD", 50)
    monkeypatch.setattr(compile_cmd, "CHUNK_ROWS", 64)
    monkeypatch.setattr(compile_cmd, "WORKERS", 2)
    with pytest.raises(RuntimeError, match="boom at row 500"):
        compile_spec(CAMPAIGN, rows=rows, output=out)
    assert not out.exists() and not list(tmp_path.glob(".out.jsonl.*"))


def test_small_runs_stay_in_one_process(
    compile_spec: Compile, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    rows, out = tmp_path / "rows.csv", tmp_path / "out.jsonl"
    rows.write_bytes(_campaign_rows(100, seed=5))

    def no_pool(*args: Any) -> Any:
        raise AssertionError("a pool was started")

    monkeypatch.setattr(compile_cmd, "PARALLEL_THRESHOLD", 102)  # 102 records: 100 + 2
    monkeypatch.setattr(compile_cmd, "WORKERS", 2)
    monkeypatch.setattr(compile_cmd, "_start_pool", no_pool)
    code, _, _ = compile_spec(CAMPAIGN, rows=rows, output=out)
    assert code == 1 and out.exists()


def test_records_are_read_a_bounded_distance_ahead(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Streaming: the parent never reads far ahead of what it has written."""
    from spec_compiler.compiler import SpecPlan
    from spec_compiler.loader import load_text

    rows = tmp_path / "rows.csv"
    rows.write_bytes(_campaign_rows(3000, seed=6))
    plan = SpecPlan(load_text(CAMPAIGN, "spec.yaml").documents[0])
    source = read_records(rows)
    compiler = compile_cmd.RowCompiler(plan, {}, False, None, "jsonl", source.parse, False)
    monkeypatch.setattr(compile_cmd, "PARALLEL_THRESHOLD", 50)
    monkeypatch.setattr(compile_cmd, "CHUNK_ROWS", 20)
    monkeypatch.setattr(compile_cmd, "WORKERS", 2)
    read = [0]

    def counted() -> Iterator[Any]:
        for record in source.records:
            read[0] += 1
            yield record

    ahead = 0
    with compile_cmd._outcomes(compiler, counted(), (sys.stdout,)) as outcomes:
        for done, _ in enumerate(outcomes, start=1):
            ahead = max(ahead, read[0] - done)
    assert read[0] > 3000
    limit = 51 + 20 * (2 * compile_cmd.IN_FLIGHT + 1)  # the look-ahead, the chunks in flight
    assert ahead <= limit


def test_a_killed_worker_loses_no_row(
    compile_spec: Compile, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import os
    from concurrent.futures.process import BrokenProcessPool

    rows = tmp_path / "rows.csv"
    rows.write_bytes(_campaign_rows(1500, seed=7))
    parent = os.getpid()
    work, collect = compile_cmd._work, compile_cmd._collect

    def dies(chunk: list[Any]) -> Any:
        if os.getpid() != parent and any(record[0] == 700 for record in chunk):
            os._exit(9)  # as if killed (out of memory)
        return work(chunk)

    dies.__module__, dies.__qualname__ = compile_cmd.__name__, "_work"  # pickled by name
    broken: list[Any] = []

    def watched(rows: Any, chunk: list[Any], future: Any) -> Iterator[Any]:
        if future is None or isinstance(future.exception(), BrokenProcessPool):
            broken.append(chunk[0][0])
        return collect(rows, chunk, future)

    monkeypatch.setattr(compile_cmd, "_work", dies)
    monkeypatch.setattr(compile_cmd, "_collect", watched)
    serial, parallel = _run_both(compile_spec, monkeypatch, tmp_path, CAMPAIGN, rows)
    assert broken, "no worker died"
    assert parallel == serial
