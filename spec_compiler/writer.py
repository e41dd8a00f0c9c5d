"""Atomic writes: a temporary file next to the target, then a rename.

On any exception (``KeyboardInterrupt`` included) the temporary files are removed and
the targets are left as they were. A set of files is written all or nothing: every
temporary file is written first, and only then are they renamed into place.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import IO

#: mode of a new output file (an executable script gets the x bits too)
FILE_MODE = 0o644
SCRIPT_MODE = 0o755


def _temp_for(target: Path) -> tuple[int, Path]:
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    return fd, Path(name)


def _mode_for(target: Path, mode: int) -> int:
    try:
        return os.stat(target).st_mode & 0o7777
    except FileNotFoundError:
        return mode & ~_umask()


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def _discard(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        path.unlink()


@contextlib.contextmanager
def atomic_open(target: Path, *, mode: int = FILE_MODE) -> Iterator[IO[str]]:
    """A buffered UTF-8 text stream that replaces ``target`` only when the block succeeds."""
    fd, temp = _temp_for(target)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n", buffering=1 << 16) as stream:
            yield stream
        os.chmod(temp, _mode_for(target, mode))
        os.replace(temp, target)
    except BaseException:
        _discard(temp)
        raise


def write_atomic(target: Path, text: str, *, mode: int = FILE_MODE) -> None:
    """Replace ``target`` with ``text`` atomically."""
    with atomic_open(target, mode=mode) as stream:
        stream.write(text)


def write_all(files: Mapping[Path, str], *, mode: int = FILE_MODE) -> None:
    """Write every file or none: all temporary files first, then the renames.

    Should a rename fail, the targets already replaced are restored from backups.
    """
    temps: dict[Path, Path] = {}
    try:
        for target, text in files.items():
            temps[target] = _write_temp(target, text, mode)
        _rename_all(temps)
    finally:
        for temp in temps.values():
            _discard(temp)


def _write_temp(target: Path, text: str, mode: int) -> Path:
    fd, temp = _temp_for(target)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        os.chmod(temp, _mode_for(target, mode))
    except BaseException:
        _discard(temp)
        raise
    return temp


def _rename_all(temps: Mapping[Path, Path]) -> None:
    backups: dict[Path, Path | None] = {}
    try:
        for target, temp in temps.items():
            backups[target] = _backup(target)
            os.replace(temp, target)
    except BaseException:
        for target, backup in backups.items():
            if backup is None:
                _discard(target)
            else:
                os.replace(backup, target)
        raise
    finally:
        for backup in backups.values():
            if backup is not None:
                _discard(backup)


def _backup(target: Path) -> Path | None:
    """A hard link (or copy) of an existing target, to restore it if a later rename fails."""
    if not target.exists():
        return None
    fd, backup = _temp_for(target)
    os.close(fd)
    os.unlink(backup)
    try:
        os.link(target, backup)
    except OSError:
        backup.write_bytes(target.read_bytes())
    return backup


def same_content(target: Path, text: str) -> bool:
    """True when ``target`` exists and holds exactly ``text`` (for ``--check``)."""
    try:
        return target.read_bytes() == text.encode("utf-8")
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        return False
