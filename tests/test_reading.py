"""Reading files within the size limit, with and without the walker's word that a path
is a regular file."""

from __future__ import annotations

from pathlib import Path

import pytest

from spec_compiler.reading import DEFAULT_LIMITS, Limits, ReadProblem, read_bytes

#: around the first read of a known regular file (64 KiB), and well past it
SIZES = [0, 1, 100, 65_535, 65_536, 65_537, 131_072, 200_001]


@pytest.mark.parametrize("size", SIZES)
def test_a_known_regular_file_reads_the_same(tmp_path: Path, size: int) -> None:
    path = tmp_path / "f.json"
    data = bytes(i % 251 for i in range(size))
    path.write_bytes(data)
    assert read_bytes(path, DEFAULT_LIMITS, regular=True) == data
    assert read_bytes(str(path), DEFAULT_LIMITS) == data


@pytest.mark.parametrize(("limit", "size", "fits"), [
    (100, 100, True), (100, 101, False), (100, 70_000, False),
    (65_535, 65_535, True), (65_535, 65_536, False),
    (65_536, 65_536, True), (65_536, 65_537, False),
    (70_000, 65_536, True), (70_000, 70_000, True), (70_000, 70_001, False),
])
def test_the_size_limit_holds_either_way(tmp_path: Path, limit: int, size: int,
                                         fits: bool) -> None:
    path = tmp_path / "f.json"
    path.write_bytes(b"x" * size)
    limits = Limits(max_file_bytes=limit)
    for regular in (True, False):
        if fits:
            assert read_bytes(path, limits, regular=regular) == b"x" * size
        else:
            with pytest.raises(ReadProblem) as raised:
                read_bytes(path, limits, regular=regular)
            assert raised.value.code == "IO002"


def test_what_is_not_a_file_is_io001_either_way(tmp_path: Path) -> None:
    # a folder where the walk had seen a file (replaced since): the read itself fails
    for regular in (True, False):
        for path in (tmp_path, tmp_path / "missing.json"):
            with pytest.raises(ReadProblem) as raised:
                read_bytes(path, DEFAULT_LIMITS, regular=regular)
            assert raised.value.code == "IO001"


def test_a_known_regular_file_under_64_kib_is_read_without_fstat(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    small, large = tmp_path / "small.json", tmp_path / "large.json"
    small.write_bytes(b"x" * 65_535)
    large.write_bytes(b"x" * 65_536)
    calls: list[int] = []
    real = os.fstat

    def counted(fd: int) -> os.stat_result:
        calls.append(fd)
        return real(fd)

    monkeypatch.setattr(os, "fstat", counted)
    read_bytes(small, DEFAULT_LIMITS, regular=True)
    assert calls == []
    read_bytes(large, DEFAULT_LIMITS, regular=True)  # it may go on: checked as any other
    read_bytes(small, DEFAULT_LIMITS)  # named on the command line: it may be a FIFO
    assert len(calls) == 2
