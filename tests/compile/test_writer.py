"""Atomic writes: nothing half-written, existing files untouched on failure."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from spec_compiler.writer import atomic_open, same_content, write_all, write_atomic


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_write_atomic_replaces(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.write_text("old")
    write_atomic(target, "new\n")
    assert target.read_text() == "new\n"
    assert _leftovers(tmp_path) == []


@pytest.mark.parametrize(
    "error", [RuntimeError("boom"), KeyboardInterrupt()], ids=["error", "sigint"]
)
def test_failure_keeps_the_old_file(tmp_path: Path, error: BaseException) -> None:
    target = tmp_path / "out.jsonl"
    target.write_text("old")
    with pytest.raises(type(error)), atomic_open(target) as stream:
        stream.write("half")
        raise error
    assert target.read_text() == "old"
    assert _leftovers(tmp_path) == []


def test_new_file_gets_normal_mode(tmp_path: Path) -> None:
    write_atomic(tmp_path / "a.sh", "x", mode=0o755)
    write_atomic(tmp_path / "b.json", "x")
    umask = os.umask(0)
    os.umask(umask)
    assert (tmp_path / "a.sh").stat().st_mode & 0o777 == 0o755 & ~umask
    assert (tmp_path / "b.json").stat().st_mode & 0o777 == 0o644 & ~umask


def test_write_all_or_nothing(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text("old a")
    files = {tmp_path / "a.json": "new a", tmp_path / "missing-dir" / "b.json": "new b"}
    with pytest.raises(OSError):
        write_all(files)
    assert (tmp_path / "a.json").read_text() == "old a"
    assert _leftovers(tmp_path) == []


def test_write_all_writes_every_file(tmp_path: Path) -> None:
    files = {tmp_path / "a.json": "a", tmp_path / "b.json": "b"}
    write_all(files)
    assert all(same_content(path, text) for path, text in files.items())
    assert not same_content(tmp_path / "c.json", "c")
    assert _leftovers(tmp_path) == []
