"""Which files a lint run reads: the files named, and the files found in folders named.

A file named on the command line is always linted (a missing file, a FIFO or a device
becomes an IO001 finding when the loader stats it; nothing is opened here). Folders are
walked in sorted order with the configured ``include`` / ``exclude`` globs, skipping
hidden entries and tool folders; every folder is entered at most once, so symlink loops
end, and a folder that cannot be listed is an IO001 finding.
"""

from __future__ import annotations

import operator
import os
import stat
from collections import namedtuple
from collections.abc import Sequence

from spec_compiler.config import DEFAULT_CONFIG, Config

TYPE_CHECKING = False  # mypy takes it for True; a lint run need not import typing
if TYPE_CHECKING:
    from pathlib import Path
    from typing import NamedTuple

    from spec_compiler.diagnostics import Diagnostic

    #: a path as given: a string (the command line) or a ``pathlib.Path``
    PathArg = str | os.PathLike[str]

SKIP_DIRS = frozenset(
    {"node_modules", ".git", ".venv", "venv", "__pycache__", ".tox", "dist", "build"}
)


if TYPE_CHECKING:
    class Target(NamedTuple):
        """A file to lint: where to read it, how to name it in the output, and whether
        the walk found it to be a regular file (a file named on the command line may be
        anything until it is opened)."""

        path: str | Path
        display: str
        regular: bool = False

    class Discovery(NamedTuple):
        """The files to lint, and the folders that could not be listed (as findings)."""

        targets: list[Target]
        problems: list[Diagnostic]
else:
    Target = namedtuple("Target", "path display regular", defaults=(False,))
    Discovery = namedtuple("Discovery", "targets problems")


def display(path: PathArg) -> str:
    """How a path given on the command line is shown: as ``str(pathlib.Path(path))``
    (``./a//b/`` is ``a/b``), without importing pathlib on POSIX (a pre-commit run would
    pay ~5 ms for it); ``tests/test_walker.py`` holds the two equal."""
    text = os.fspath(path)
    if os.name != "posix":  # pragma: no cover - Windows: its own rules, pathlib knows them
        from pathlib import Path

        return str(Path(text))
    root = "//" if text[:2] == "//" and text[2:3] != "/" else "/" if text[:1] == "/" else ""
    parts = [p for p in text.split("/") if p and p != "."]
    return root + "/".join(parts) if root or parts else "."


#: ``os.path.normcase`` where it is not the identity (None on POSIX: not called)
_NORMCASE = os.path.normcase if os.name != "posix" else None
#: the sort key of a folder's entries (a C getter, not a lambda called per entry)
_NAME = operator.attrgetter("name")


def _child(folder: str, name: str) -> str:
    """``str(Path(folder) / name)`` for a folder already shown by ``display``."""
    if folder == ".":
        return name
    return folder + name if folder.endswith(os.sep) else folder + os.sep + name


def discover(paths: Sequence[PathArg], config: Config = DEFAULT_CONFIG) -> Discovery:
    """Files named and files found in folders named, each once, in a stable order."""
    found = Discovery([], [])
    seen_files: set[str] | None = None
    seen_dirs: set[tuple[int, int]] = set()
    cwd = os.getcwd()

    def key(target: Target) -> str:
        # os.path.abspath, without asking for the working directory once per file
        return os.path.normcase(os.path.normpath(os.path.join(cwd, target.path)))

    for given in paths:
        path = display(given)
        try:
            is_dir = stat.S_ISDIR(os.stat(path).st_mode)
        except (OSError, ValueError):
            is_dir = False  # missing, a symlink loop...: the loader reports it
        new = _walk(path, config, seen_dirs, found.problems) if is_dir else [Target(path, path)]
        if not found.targets:
            # one walk never yields a file twice (it enters each folder once, and names
            # in a folder differ): only a later path can repeat one, so the keys are
            # computed from the second path on (a single folder needs none)
            found.targets.extend(new)
            continue
        if seen_files is None:
            seen_files = {key(t) for t in found.targets}
        for target in new:
            k = key(target)
            if k not in seen_files:
                seen_files.add(k)
                found.targets.append(target)
    return found


def _walk(
    root: str, config: Config, seen_dirs: set[tuple[int, int]], problems: list[Diagnostic]
) -> list[Target]:
    # ~2 us a file with scandir and the sort, before a large run's fork (where nothing
    # else runs): no call per entry but the DirEntry's own (is_dir/is_file read the
    # d_type scandir already got)
    out: list[Target] = []
    stack: list[str] = [root]
    suffixes = _suffixes(config.include)
    exclude = config.exclude
    make = tuple.__new__  # Target(shown, shown, True) without namedtuple's Python __new__
    while stack:
        folder = stack.pop()
        prefix = _child(folder, "")  # what _child(folder, name) puts before the name
        entries = _list(folder, seen_dirs, problems)
        subdirs: list[str] = []
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            try:
                is_dir = entry.is_dir()
                is_file = not is_dir and entry.is_file()
            except OSError:
                continue  # vanished while we looked
            if is_dir:
                shown = prefix + name
                if name not in SKIP_DIRS and not _matches(config, shown, exclude):
                    subdirs.append(shown)
            elif is_file:
                shown = prefix + name
                if suffixes is not None:
                    if not (_NORMCASE(name) if _NORMCASE else name).endswith(suffixes):
                        continue
                elif not _matches(config, shown, config.include):
                    continue
                if not exclude or not _matches(config, shown, exclude):
                    out.append(make(Target, (shown, shown, True)))  # is_file: regular
        stack.extend(reversed(subdirs))
    return out


def _suffixes(patterns: Sequence[str]) -> tuple[str, ...] | None:
    """``("*.yaml", "*.json")`` as name endings (what ``Config.matches`` comes down to for
    such patterns and a file's name), or None when a pattern is anything else."""
    out = []
    for p in patterns:
        p = p.rstrip("/")
        if p[:2] != "*." or not p[2:].isalnum():
            return None
        out.append(os.path.normcase(p[1:]))
    return tuple(out)


def _list(
    folder: str, seen_dirs: set[tuple[int, int]], problems: list[Diagnostic]
) -> list[os.DirEntry[str]]:
    try:
        st = os.stat(folder)
        key = (st.st_dev, st.st_ino)
        if key in seen_dirs:
            return []  # a symlink loop, or a folder named twice
        seen_dirs.add(key)
        with os.scandir(folder) as it:
            return sorted(it, key=_NAME)
    except OSError as exc:
        from spec_compiler.loader import diagnostic

        message = f"cannot read folder: {exc.strerror or exc}"
        problems.append(diagnostic(folder, "IO001", message, 0, 0))
        return []


def _matches(config: Config, path: str, patterns: Sequence[str]) -> bool:
    return any(config.matches(path, p.rstrip("/")) for p in patterns)
