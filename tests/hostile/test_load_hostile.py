"""Hostile input at the loader: bounded time and memory, findings instead of crashes."""

from __future__ import annotations

import os
import time
import tracemalloc
from pathlib import Path

import pytest

from spec_compiler.loader import Limits, load_path, load_text


def billion_laughs(levels: int = 9, width: int = 9) -> str:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, levels):
        prev, cur = chr(96 + i), chr(97 + i)
        lines.append(f"{cur}: &{cur} [" + ", ".join([f"*{prev}"] * width) + "]")
    return "\n".join(lines) + "\n"


def measure(fn):  # type: ignore[no-untyped-def]
    tracemalloc.start()
    t0 = time.perf_counter()
    try:
        result = fn()
    finally:
        elapsed = time.perf_counter() - t0
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    return result, elapsed, peak


def test_alias_bomb_is_a_finding_at_the_alias_fast_and_small() -> None:
    src = billion_laughs()  # expands to 9**9 = 387 million nodes
    loaded, elapsed, peak = measure(lambda: load_text(src, "bomb.yaml"))
    [diag] = loaded.diagnostics
    assert diag.code == "YAML004"
    line = src.splitlines()[diag.line - 1]
    assert line[diag.column - 1] == "*", "the finding points at an alias"
    assert not loaded.documents
    assert elapsed < 1.0
    assert peak < 50 * 1024 * 1024


def test_alias_limit_counts_expansion_not_unique_nodes() -> None:
    src = billion_laughs(levels=3)  # 9**3 = 729 nodes: fine by default
    assert not load_text(src, "small.yaml").diagnostics
    loaded = load_text(src, "small.yaml", Limits(max_alias_nodes=100))
    assert [d.code for d in loaded.diagnostics] == ["YAML004"]


@pytest.mark.parametrize("name", ["deep.yaml", "deep.json"])
def test_deep_nesting_is_a_finding_not_a_recursion_error(name: str) -> None:
    src = "[" * 60_000 + "]" * 60_000
    loaded, elapsed, _ = measure(lambda: load_text(src, name))
    assert [d.code for d in loaded.diagnostics] == ["YAML005"]
    assert elapsed < 2.0


@pytest.mark.parametrize("name", ["deep.yaml", "deep.json"])
def test_unclosed_deep_nesting(name: str) -> None:
    loaded = load_text("[" * 60_000, name)
    assert [d.code for d in loaded.diagnostics] in (["YAML005"], ["YAML001"])


def test_nesting_within_interpreter_limits_but_over_configured_depth() -> None:
    src = "a: " + "{b: " * 150 + "1" + "}" * 150
    loaded = load_text(src, "deep.yaml")
    assert [d.code for d in loaded.diagnostics] == ["YAML005"]


def test_file_over_size_limit_is_not_parsed(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_bytes(b"text: [" + b"1, " * 400_000 + b"]\n")
    loaded, elapsed, peak = measure(lambda: load_path(big, Limits(max_file_bytes=1_000_000)))
    assert [d.code for d in loaded.diagnostics] == ["IO002"]
    assert elapsed < 0.5 and peak < 5 * 1024 * 1024


def test_very_long_line_is_linear() -> None:
    src = "text: " + "x" * 5_000_000 + "\n"
    loaded, elapsed, _ = measure(lambda: load_text(src, "long.yaml"))
    assert loaded.documents[0].data["text"] == "x" * 5_000_000
    assert elapsed < 3.0


def test_twenty_thousand_documents() -> None:
    src = "".join(f"---\ntext: message {i}\nrole: agent\n" for i in range(20_000))
    t0 = time.perf_counter()
    loaded = load_text(src, "many.yaml")
    elapsed = time.perf_counter() - t0
    assert len(loaded.documents) == 20_000
    assert loaded.documents[-1].index == 19_999
    assert elapsed < 5.0


def test_python_tags_are_never_constructed(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    src = (
        f"text: !!python/object/apply:os.system ['touch {marker}']\n"
        f"other: !!python/object/new:subprocess.Popen [['touch', '{marker}']]\n"
        "more: !!python/name:os.system\n"
    )
    loaded = load_text(src, "evil.yaml")
    assert [d.code for d in loaded.diagnostics] == ["YAML003"] * 3
    assert not marker.exists()
    assert isinstance(loaded.documents[0].data["text"], list)


@pytest.mark.parametrize(
    "src",
    ["just a string\n", "42\n", "- [1, 2]\n- [3]\n", "[[1], [2]]\n", "null\n"],
)
def test_odd_top_levels_load(src: str) -> None:
    loaded = load_text(src, "odd.yaml")
    assert not loaded.diagnostics
    assert len(loaded.documents) == 1


def test_unreadable_file_is_a_finding(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        # root reads anything; a directory stands in for an unreadable path
        target = tmp_path / "dir.yaml"
        target.mkdir()
    else:
        target = tmp_path / "secret.yaml"
        target.write_text("text: hi\n")
        target.chmod(0)
    assert [d.code for d in load_path(target).diagnostics] == ["IO001"]


def test_missing_file_is_a_finding(tmp_path: Path) -> None:
    assert [d.code for d in load_path(tmp_path / "gone.yaml").diagnostics] == ["IO001"]


def test_fifo_is_never_opened(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    t0 = time.perf_counter()
    assert [d.code for d in load_path(fifo).diagnostics] == ["IO001"]
    assert time.perf_counter() - t0 < 1.0
