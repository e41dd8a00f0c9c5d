"""The lint result cache: each file's findings, kept between runs (as ruff does).

An entry is looked up by the file's absolute path and its path as displayed (findings
carry the displayed name, and per-file globs match both), inside a namespace that is a
hash of everything else a finding depends on: the cache format, the package version
*and its installed files* (so an edited rule in a development tree never serves stale
findings), the Python version, the configuration's :meth:`Config.fingerprint` and the
``--kind`` override. The entry holds the BLAKE2b hash of the file's bytes, which is the
truth, and the file's stat (mtime, ctime, size, inode, device), a fast pre-check: when
the stat is unchanged the file is not even read. A stat is only recorded when it was
the same before and after the read and is at least two seconds old (a file written in
the same clock tick as our read could otherwise change without changing its stat).

Layout: ``DIR/CACHEDIR.TAG``, ``DIR/.gitignore`` (``*``), ``DIR/lint-v1/NAMESPACE/XX.json``
with 16 shards per namespace, each a JSON object ``key -> [stat|null, hash, findings]``.
A run reads the shards its files fall in and rewrites only the shards it changed, each
with a temporary file and a rename, after merging what is on disk then (so concurrent
runs lose at most each other's new entries, never corrupt one). Anything unreadable or
malformed is a miss, never an error; a cache that cannot be written is skipped silently.

This module imports nothing heavy: a run whose every file hits never imports the
loader, PyYAML, the validators, the engine or a rule.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Sequence

from spec_compiler import __version__

TYPE_CHECKING = False  # mypy takes it for True; a run over changed files needs no typing

if TYPE_CHECKING:
    from typing import Any

    from spec_compiler.config import Config
    from spec_compiler.diagnostics import Diagnostic

try:  # hashlib's import loads OpenSSL (~5 ms); the built-in module is enough
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - CPython always has it
    from hashlib import blake2b

DIR_NAME = ".spec-compiler-cache"
ENV_VAR = "SPEC_COMPILER_CACHE_DIR"
FORMAT = "lint-v1"
SHARDS = 16
#: a stat younger than this (ns) is not trusted as a pre-check (coarse file-system clocks)
RACY_NS = 2_000_000_000
#: namespaces (old versions, old configurations) unused for this long are removed
MAX_AGE_S = 30 * 24 * 3600

CACHEDIR_TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by spec-compiler.\n"
    "# For information about cache directory tags, see https://bford.info/cachedir/\n"
)

if TYPE_CHECKING:
    Stamp = tuple[int, int, int, int, int]
    #: what a lint of one file produced: its stamp (None: do not trust the stat), the hash
    #: of its bytes (None: not cacheable, e.g. it could not be read) and its findings
    Fresh = tuple[Stamp | None, str | None, list[Diagnostic]]


def digest(data: bytes) -> str:
    """The content hash of a file's bytes."""
    return blake2b(data, digest_size=16).hexdigest()


def stamp(st: os.stat_result) -> Stamp:
    """The stat fields that change when a file's content can have changed."""
    return (st.st_mtime_ns, st.st_ctime_ns, st.st_size, st.st_ino, st.st_dev)


def trusted(st: os.stat_result, before: os.stat_result, now_ns: int) -> Stamp | None:
    """``st`` as a pre-check, if the file did not change while read and is old enough."""
    s = stamp(st)
    if s != stamp(before) or max(st.st_mtime_ns, st.st_ctime_ns) > now_ns - RACY_NS:
        return None
    return s


def cache_dir(config: Config, cwd: str) -> str:
    """``SPEC_COMPILER_CACHE_DIR``, else ``cache-dir`` of the configuration, else
    ``.spec-compiler-cache`` in the project root (the configuration file's folder, or
    the working directory when there is none)."""
    env = os.environ.get(ENV_VAR)
    if env:
        return os.path.join(cwd, env)
    if config.cache_dir is not None:
        return os.path.join(cwd, config.cache_dir)
    return os.path.join(config.root or cwd, DIR_NAME)


def _package_state() -> str:
    """Names, sizes and mtimes of the package's own files: a changed rule, schema or
    loader (a development tree, a reinstall of the same version) is a new namespace."""
    here = os.path.dirname(os.path.abspath(__file__))
    parts = [__version__, sys.version]
    for sub in ("", "rules", "schemas"):
        folder = os.path.join(here, sub)
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
            for e in entries:
                if e.name.endswith((".py", ".json")):
                    st = e.stat()
                    parts.append(f"{sub}/{e.name}:{st.st_size}:{st.st_mtime_ns}")
        except OSError:
            parts.append(f"{sub}:?")
    return "\n".join(parts)


def namespace(config: Config, kind: str | None) -> str:
    """The hash of everything a finding depends on besides the file itself."""
    text = "\0".join((FORMAT, _package_state(), config.fingerprint(), str(kind)))
    return digest(text.encode("utf-8", "surrogatepass"))


def _diag_to_list(d: Diagnostic, display: str) -> list[Any]:
    return [None if d.file == display else d.file, d.line, d.column, d.code, d.severity,
            d.message, d.rule, d.pointer, d.document, d.end_line, d.end_column]


def _diag_from_list(item: Any, display: str) -> Diagnostic:
    """A finding back from its list form; ValueError for anything malformed."""
    from spec_compiler.diagnostics import SEVERITIES, Diagnostic

    if not isinstance(item, list) or len(item) != 11:
        raise ValueError("malformed finding")
    file, line, col, code, sev, message, rule, pointer, document, end_line, end_col = item
    if file is None:
        file = display
    ints = (line, col, document, end_line, end_col)
    strs = (file, code, message, rule, pointer)
    if (
        not all(type(v) is int for v in ints)
        or not all(type(v) is str for v in strs)
        or sev not in SEVERITIES
    ):
        raise ValueError("malformed finding")
    return Diagnostic(file=file, line=line, column=col, code=code, severity=sev,
                      message=message, rule=rule, pointer=pointer, document=document,
                      end_line=end_line, end_column=end_col)


class Hit:
    """A file answered by the cache: its findings, and whether its entry needs a new
    stamp (it was matched by hash, and its stat is now old enough to trust)."""

    __slots__ = ("diagnostics", "refresh")

    def __init__(self, diagnostics: list[Diagnostic], refresh: list[Any] | None) -> None:
        self.diagnostics, self.refresh = diagnostics, refresh


class LintCache:
    """One run's view of the cache: look files up, record fresh results, write back."""

    def __init__(self, directory: str, space: str, cwd: str | None = None) -> None:
        self.directory = directory
        self.cwd = cwd if cwd is not None else os.getcwd()
        self.folder = os.path.join(directory, FORMAT, space)
        self._shards: dict[int, dict[str, Any]] = {}
        self._dirty: dict[int, dict[str, Any]] = {}

    @classmethod
    def open(cls, config: Config, kind: str | None, cwd: str) -> LintCache:
        """The cache for a run with ``config`` and the ``--kind`` override ``kind``."""
        return cls(cache_dir(config, cwd), namespace(config, kind), cwd)

    # ------------------------------------------------------------ keys and shards

    def key(self, path: str, display: str) -> str:
        """The entry key: absolute path and displayed path."""
        return f"{os.path.normpath(os.path.join(self.cwd, path))}\0{display}"

    @staticmethod
    def _shard_of(key: str) -> int:
        return blake2b(key.encode("utf-8", "surrogatepass"), digest_size=1).digest()[0] % SHARDS

    def _shard_path(self, shard: int) -> str:
        return os.path.join(self.folder, f"{shard:02x}.json")

    def _read_shard(self, shard: int) -> dict[str, Any]:
        try:
            with open(self._shard_path(shard), "rb") as fh:
                data = json.loads(fh.read())
        except (OSError, ValueError, RecursionError):
            return {}
        return data if isinstance(data, dict) else {}

    def _shard(self, shard: int) -> dict[str, Any]:
        found = self._shards.get(shard)
        if found is None:
            found = self._shards[shard] = self._read_shard(shard)
        return found

    # ------------------------------------------------------------ lookup

    def lookup(self, path: str, display: str, limit: int) -> Hit | None:
        """The findings of an unchanged file, or None (lint it)."""
        key = self.key(path, display)
        entry = self._shard(self._shard_of(key)).get(key)
        if not isinstance(entry, list) or len(entry) != 3:
            return None
        old_stamp, old_hash, items = entry
        try:
            before = os.stat(path)
        except (OSError, ValueError):
            return None
        refresh: list[Any] | None = None
        if old_stamp is None or tuple(old_stamp) != stamp(before):
            if not isinstance(old_hash, str):
                return None
            data = _read(path, before, limit)
            if data is None:
                return None
            try:
                after = os.stat(path)
            except (OSError, ValueError):
                return None
            if digest(data) != old_hash:
                return None
            now = trusted(after, before, time.time_ns())
            if now is not None or old_stamp is not None:
                refresh = [list(now) if now is not None else None, old_hash, items]
        if not isinstance(items, list):
            return None
        try:
            diags = [_diag_from_list(item, display) for item in items]
        except (ValueError, TypeError):
            return None
        return Hit(diags, refresh)

    # ------------------------------------------------------------ recording

    def record(self, path: str, display: str, fresh: Fresh) -> None:
        """Keep a fresh result (files that could not be read are not kept)."""
        st, hashed, diags = fresh
        if hashed is None:
            return
        entry = [list(st) if st is not None else None, hashed,
                 [_diag_to_list(d, display) for d in diags]]
        self._set(self.key(path, display), entry)

    def refresh(self, path: str, display: str, hit: Hit) -> None:
        """Store the new stamp of a file matched by its hash."""
        if hit.refresh is not None:
            self._set(self.key(path, display), hit.refresh)

    def _set(self, key: str, entry: list[Any]) -> None:
        shard = self._shard_of(key)
        self._shard(shard)[key] = entry
        self._dirty.setdefault(shard, {})[key] = entry

    def save(self) -> None:
        """Write the shards this run changed; never raises for an unwritable cache."""
        if not self._dirty:
            return
        try:
            new = not os.path.isdir(self.folder)
            os.makedirs(self.folder, exist_ok=True)
            _mark(self.directory)
            if new:
                _prune(os.path.dirname(self.folder), os.path.basename(self.folder))
            for shard, changes in self._dirty.items():
                on_disk = self._read_shard(shard)  # what concurrent runs wrote meanwhile
                on_disk.update(changes)
                _write_atomic(self._shard_path(shard), json.dumps(on_disk, separators=(",", ":")))
        except OSError:
            pass
        self._dirty = {}


def _read(path: str, before: os.stat_result, limit: int) -> bytes | None:
    """The bytes of a regular file within the size limit, else None (lint it instead)."""
    import stat as _stat

    if not _stat.S_ISREG(before.st_mode) or before.st_size > limit:
        return None
    try:
        with open(path, "rb") as fh:
            data = fh.read(limit + 1)
    except OSError:
        return None
    return data if len(data) <= limit else None


def _mark(directory: str) -> None:
    """CACHEDIR.TAG (backup tools skip the folder) and a .gitignore of everything."""
    for name, text in (("CACHEDIR.TAG", CACHEDIR_TAG), (".gitignore", "*\n")):
        path = os.path.join(directory, name)
        if not os.path.exists(path):
            _write_atomic(path, text)


def _write_atomic(path: str, text: str) -> None:
    tmp = f"{path}.{os.getpid()}.{time.time_ns()}.tmp"
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        import contextlib

        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _prune(parent: str, keep: str) -> None:
    """Remove namespaces nobody wrote to for MAX_AGE_S (old versions and configurations)."""
    import shutil

    cutoff = time.time() - MAX_AGE_S
    try:
        with os.scandir(parent) as it:
            old = [e.path for e in it if e.name != keep and e.is_dir(follow_symlinks=False)
                   and e.stat(follow_symlinks=False).st_mtime < cutoff]
    except OSError:
        return
    for path in old:
        shutil.rmtree(path, ignore_errors=True)


def lookup_all(
    cache: LintCache, targets: Sequence[tuple[str, str]], limit: int
) -> tuple[dict[int, Hit], list[int]]:
    """Hits by index into ``targets`` (path, display), and the indexes to lint."""
    hits: dict[int, Hit] = {}
    misses: list[int] = []
    for i, (path, display) in enumerate(targets):
        hit = cache.lookup(path, display, limit)
        if hit is None:
            misses.append(i)
        else:
            hits[i] = hit
            cache.refresh(path, display, hit)
    return hits, misses

