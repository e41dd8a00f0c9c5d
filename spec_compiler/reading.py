"""Reading files within bounds: bytes, text, and the limits that keep hostile input cheap.

Kept apart from the loader (and free of dataclasses, PyYAML and our diagnostics) so that
the fast path of a lint run, which reads and certifies clean files, imports only this.
"""

from __future__ import annotations

import os
import stat
from collections import namedtuple

TYPE_CHECKING = False  # mypy takes it for True; a lint run need not import typing
if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any, NamedTuple


if TYPE_CHECKING:
    class Limits(NamedTuple):
        """Bounds that keep hostile input cheap (config keys under ``[limits]``)."""

        max_file_bytes: int = 10 * 1024 * 1024
        max_depth: int = 100
        max_alias_nodes: int = 100_000
        #: findings reported per file (LINT001 says how many more there are)
        max_findings: int = 1000
else:
    Limits = namedtuple("Limits", "max_file_bytes max_depth max_alias_nodes max_findings",
                        defaults=(10 * 1024 * 1024, 100, 100_000, 1000))


DEFAULT_LIMITS = Limits()


def within_depth(data: Any, max_depth: int) -> bool:
    """True when no value of plain data is nested deeper than ``max_depth`` (an iterative
    walk: the loader's depth check of a JSON document, and the certifier's of one with
    more brackets than the limit)."""
    stack: list[tuple[Any, int]] = [(data, 0)]
    while stack:
        value, depth = stack.pop()
        if depth > max_depth:
            return False
        if isinstance(value, dict):
            stack.extend((v, depth + 1) for v in value.values() if isinstance(v, (dict, list))
                         or depth + 1 > max_depth)
        elif isinstance(value, list):
            stack.extend((v, depth + 1) for v in value if isinstance(v, (dict, list))
                         or depth + 1 > max_depth)
    return True


class ReadProblem(Exception):
    """A load problem at a 0-based position; becomes a Diagnostic."""

    def __init__(self, code: str, message: str, line0: int = 0, col0: int = 0) -> None:
        super().__init__(message)
        self.code, self.message, self.line0, self.col0 = code, message, line0, col0


_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


#: open without blocking on a FIFO (it is refused below, after fstat, never read)
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


#: what ``read_bytes`` asks for first from a file known to be regular: a file that
#: comes back shorter than this in one read needs no ``fstat``
_FIRST_READ = 65536


def read_bytes(path: Path | str, limits: Limits, *, regular: bool = False) -> bytes:
    """Read a regular file within the size limit (raises ReadProblem otherwise).

    ``os.open``/``fstat``/``os.read``: a fifth of what ``stat`` plus ``open().read()``
    costs, which is most of a clean JSON file's time on the fast path. With ``regular``
    (the walker found the path to be a regular file), a file shorter than 64 KiB is
    read without the ``fstat`` (~2 µs of ~8.5 a file here): a regular file reads short
    only at its end, so one read that comes back short is the whole file; a longer file
    is checked and read on as any other.
    """
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as exc:
        raise ReadProblem("IO001", f"cannot read file: {exc.strerror or exc}") from None
    wanted = limits.max_file_bytes + 1
    first = min(wanted, _FIRST_READ) if regular else 0
    chunks = []
    size = 0
    try:
        if regular:
            chunks.append(os.read(fd, first))
            size = len(chunks[0])
        if not regular or size == first:  # not known to be whole yet: check, read on
            st = os.fstat(fd)
            if not stat.S_ISREG(st.st_mode):
                raise ReadProblem("IO001", "not a regular file (a directory, FIFO or device)")
            if st.st_size > limits.max_file_bytes:
                raise ReadProblem("IO002", f"file is {st.st_size} bytes; the limit is "
                                  f"{limits.max_file_bytes} (limits.max-file-bytes)")
            while size < wanted:
                asked = min(wanted - size, max(st.st_size + 1 - size, 65536))
                chunk = os.read(fd, asked)
                chunks.append(chunk)
                size += len(chunk)
                if len(chunk) < asked:
                    break  # a regular file reads short only at its end: no read of nothing
    except OSError as exc:
        raise ReadProblem("IO001", f"cannot read file: {exc.strerror or exc}") from None
    finally:
        os.close(fd)
    data = chunks[0] if len(chunks) == 1 else b"".join(chunks)
    if len(data) > limits.max_file_bytes:
        raise ReadProblem("IO002", f"file is over the limit of {limits.max_file_bytes} bytes "
                       "(limits.max-file-bytes)")
    return data


def decode(data: bytes) -> str:
    """Decode text: a BOM picks the codec, else strict UTF-8; NUL bytes mean binary."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(codec)
            except UnicodeDecodeError as exc:
                raise ReadProblem("IO004",
                                  f"invalid {codec} at byte {exc.start + len(bom)}") from None
    nul = data.find(b"\x00")
    if nul >= 0:
        line0 = data.count(b"\n", 0, nul)
        raise ReadProblem("IO003", f"binary file: NUL byte at offset {nul}", line0,
                       nul - (data.rfind(b"\n", 0, nul) + 1))
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        off = exc.start
        line0 = data.count(b"\n", 0, off)
        col0 = off - (data.rfind(b"\n", 0, off) + 1)
        raise ReadProblem("IO004", f"not UTF-8: byte 0x{data[off]:02x} at offset {off} "
                       f"(line {line0 + 1}); save the file as UTF-8", line0, col0) from None
