"""``spec-compiler lint``: find files, lint them, report (no click here).

Exit codes: 0 no errors; 1 errors (or warnings with ``--strict``); 2 usage,
configuration or internal error. Large runs fork workers (a process pool where there is
no ``fork``); the output is sorted, so it is the same as a serial run's.
"""

from __future__ import annotations

import os
import sys
import time
from collections import namedtuple
from collections.abc import Iterator, Sequence

from spec_compiler.errors import UsageError
from spec_compiler.reading import read_bytes  # in ``_read``, ~8K instructions a file

TYPE_CHECKING = False  # mypy takes it for True; a lint run need not import typing
if TYPE_CHECKING:
    from multiprocessing.context import BaseContext
    from typing import Any, NamedTuple, TextIO

    from spec_compiler.cache import Fresh, Stamp
    from spec_compiler.config import Config
    from spec_compiler.diagnostics import Diagnostic
    from spec_compiler.document import DocumentKind
    from spec_compiler.loader import LoadedFile
    from spec_compiler.quiet import Certifier
    from spec_compiler.reading import Limits
    from spec_compiler.walker import PathArg, Target

#: from this many files on, ``--jobs 0`` lints in parallel (a pool costs ~50 ms to start)
PARALLEL_THRESHOLD = 300
#: the loader's default ``limits.max-file-bytes``, known here without importing the loader
#: (it only bounds how much a cache lookup reads; a file over the loader's limit is never
#: cached)
DEFAULT_MAX_FILE_BYTES = 10 * 1024 * 1024


if TYPE_CHECKING:
    class LintOptions(NamedTuple):
        """What ``spec-compiler lint`` was asked to do."""

        paths: tuple[PathArg, ...]
        format: str | None = None
        output: PathArg | None = None
        config: PathArg | None = None
        select: tuple[str, ...] = ()
        ignore: tuple[str, ...] = ()
        strict: bool = False
        statistics: bool = False
        kind: str = "auto"
        color: bool | None = None
        jobs: int = 0
        verbose: bool = False
        #: use the result cache (``--no-cache`` turns it off)
        cache: bool = True
else:
    LintOptions = namedtuple(
        "LintOptions",
        "paths format output config select ignore strict statistics kind color jobs verbose "
        "cache",
        defaults=(None, None, None, (), (), False, False, "auto", None, 0, False, True))


class _Crash(Exception):
    """A rule crashed (a bug of ours): exit 2 with its message."""


def run(options: LintOptions, stdout: TextIO, stderr: TextIO) -> int:
    """Lint and report; returns the exit code."""
    global _REAP_LATER
    _REAP_LATER = True  # the workers' exits overlap the report (see _collect)
    try:
        return _run(options, stdout, stderr)
    except UsageError as exc:
        stderr.write(f"spec-compiler: error: {exc}\n")
        return 2
    except _Crash as exc:
        stderr.write(
            f"spec-compiler: internal error: {exc}\n"
            "please report this with the file that caused it\n"
        )
        return 2
    finally:
        _REAP_LATER = False
        _reap_done()


def _run(options: LintOptions, stdout: TextIO, stderr: TextIO) -> int:
    from spec_compiler.config import load_config, with_overrides
    from spec_compiler.walker import discover

    config = with_overrides(
        load_config(options.config, os.getcwd()), select=options.select, ignore=options.ignore
    )
    fmt = _format(options)
    if options.jobs < 0:
        raise UsageError("--jobs must be 0 (automatic) or a positive number")
    found = discover(options.paths or (".",), config)
    kind = _kind(options.kind)
    diags = list(found.problems)
    if options.cache:
        diags += _lint_cached(found.targets, config, kind, options.jobs)
    else:
        diags += lint_targets(
            found.targets, config, kind, _jobs(options.jobs, len(found.targets))
        )
    if diags:
        from spec_compiler.diagnostics import sort_key

        diags.sort(key=sort_key)
    if options.verbose:
        stderr.write(
            f"spec-compiler: configuration: {config.source or 'defaults'}; "
            f"{len(found.targets)} files linted\n"
        )
    files = [t.display for t in found.targets]
    _report(options, fmt, diags, files, {t.display: t.path for t in found.targets}, stdout, stderr)
    return _exit_code(diags, strict=options.strict)


def _lint_cached(
    targets: Sequence[Target], config: Config, kind: DocumentKind | None, jobs: int
) -> list[Diagnostic]:
    """Findings of ``targets``: unchanged files from the cache, the rest linted (in
    ``jobs`` processes when there are enough of them) and recorded."""
    from spec_compiler.cache import LintCache, lookup_all

    cache = LintCache.open(config, kind, os.getcwd())
    pairs = [(str(t.path), t.display) for t in targets]
    limit = config.limit_values.get("max_file_bytes", DEFAULT_MAX_FILE_BYTES)
    hits, misses = lookup_all(cache, pairs, limit)
    per_file: list[list[Diagnostic]] = [[] for _ in targets]
    for i, hit in hits.items():
        per_file[i] = hit.diagnostics
    if misses:
        todo = [targets[i] for i in misses]
        results = lint_files(todo, config, kind, _jobs(jobs, len(todo)), record=True)
        for i, fresh in zip(misses, results, strict=True):
            cache.record(*pairs[i], fresh)
            per_file[i] = fresh[2]
    cache.save()
    return [d for found in per_file for d in found]


def _format(options: LintOptions) -> str:
    from spec_compiler.reporters import REPORTERS

    fmt = options.format
    if fmt is None:
        fmt = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    if fmt not in REPORTERS:
        raise UsageError(f"unknown format '{fmt}'; use one of {', '.join(REPORTERS)}")
    return fmt


#: ``document.KINDS``, repeated so that a cached run need not import ``document``
_KINDS: tuple[DocumentKind, ...] = ("spec", "conversation", "message", "message-list")


def _kind(kind: str) -> DocumentKind | None:
    for known in _KINDS:
        if kind == known:
            return known
    if kind != "auto":
        raise UsageError(f"unknown kind '{kind}'; use auto or one of {', '.join(_KINDS)}")
    return None


def _exit_code(diags: Sequence[Diagnostic], *, strict: bool) -> int:
    failing = ("error", "warning") if strict else ("error",)
    return 1 if any(d.severity in failing for d in diags) else 0


def _jobs(jobs: int, files: int) -> int:
    if jobs == 0:
        cpus = (
            len(os.sched_getaffinity(0))
            if hasattr(os, "sched_getaffinity")
            else (os.cpu_count() or 1)
        )
        return min(cpus, 8) if files >= PARALLEL_THRESHOLD else 1
    return max(1, min(jobs, files))


# ---------------------------------------------------------------- linting


def lint_targets(
    targets: Sequence[Target], config: Config, kind: DocumentKind | None, jobs: int = 1
) -> list[Diagnostic]:
    """Every finding of ``targets`` (unsorted); in ``jobs`` processes when above 1."""
    return [d for _, _, found in lint_files(targets, config, kind, jobs) for d in found]


def lint_files(
    targets: Sequence[Target],
    config: Config,
    kind: DocumentKind | None,
    jobs: int = 1,
    *,
    record: bool = False,
) -> list[Fresh]:
    """Each target's findings, in order; with ``record``, also its stamp and content hash
    (for the cache). In ``jobs`` processes when above 1."""
    if jobs <= 1 or len(targets) < 2:
        return _lint_chunk(list(targets), config, kind, record)
    if not _can_fork():
        return _lint_pool(targets, config, kind, jobs, record)
    try:
        return _lint_forked(targets, config, kind, jobs, record)
    finally:
        if not _REAP_LATER:
            _reap_done()


def _lint_pool(targets: Sequence[Target], config: Config, kind: DocumentKind | None,
               jobs: int, record: bool) -> list[Fresh]:
    """A process pool over chunks of files (where there is no ``fork``)."""
    from concurrent.futures import ProcessPoolExecutor

    # lint the first chunk here: it imports the engine, rules and validators before the
    # workers start, so that forked workers inherit them
    size = max(1, -(-len(targets) // (jobs * 4)))
    out = _lint_chunk(list(targets[:size]), config, kind, record)
    chunks = [list(targets[i : i + size]) for i in range(size, len(targets), size)]
    with ProcessPoolExecutor(max_workers=jobs, mp_context=_context()) as pool:
        n = len(chunks)
        for result in pool.map(_lint_chunk_safe, chunks, [config] * n, [kind] * n,
                               [record] * n):
            if isinstance(result, str):
                raise _Crash(result)
            out.extend(result)
    return out


def _can_fork() -> bool:
    return sys.platform == "linux" and hasattr(os, "fork")


def _lint_forked(targets: Sequence[Target], config: Config, kind: DocumentKind | None,
                 jobs: int, record: bool) -> list[Fresh]:
    """Lint in ``jobs`` processes: this one and ``jobs - 1`` forks.

    Two phases. First every process takes chunks of files from a shared queue (a pipe
    holding chunk numbers: whoever is free takes the next) and certifies them. A file
    this process cannot certify it lints, importing what the full path needs the first
    time (the loader, the engine, 64 rules: ~30 ms) while the others go on certifying:
    the import is paid once and overlaps with their work. The children only certify;
    what they cannot, they send at once through a second pipe. This process lints what
    it has to lint before it takes another chunk, so that the cores stay evenly busy to
    the end. What is left when the children are done (their last chunks' files, or a
    backlog when most files have findings) it lints last, split again over forks that
    inherit the imports when there are enough of them. Results come back through pipes
    (``_encode``); no process pool (no manager thread, no task queue).
    """
    certifier = _certifier(config, kind)
    if certifier is None:
        return _lint_split(targets, config, kind, jobs, record)
    limits = config.limits
    results: list[Fresh | None] = [None] * len(targets)
    todo: list[int] = []
    # the first file compiles its kind's certificate before the fork, for every process
    _certify_range(targets, 0, 1, certifier, limits, record, results, todo)
    # ~24 chunks a process; never more chunk numbers than a pipe holds before anyone
    # reads (64 KiB, 4 bytes each), or filling the queue would block
    size = max(4, min(64, -(-len(targets) // (jobs * 24))), -(-len(targets) // 16_000))
    starts = list(range(1, len(targets), size))
    queue_r, queue_w = os.pipe()
    _fill_queue(queue_w, starts)
    found_r, found_w = os.pipe()
    try:
        children = _fork_children(jobs - 1, lambda: _certify_queue(
            queue_r, found_w, targets, size, certifier, limits, record))
    finally:
        os.close(found_w)  # the children's copies stay open until they are done: then EOF
    stream = _Found(found_r)
    imported = False

    def lint_some() -> None:
        """Lint a few of the files to do, importing the full path the first time."""
        nonlocal todo, imported
        if not imported:
            # what is left at the end may be split over forks: _lint_split sets up
            # every rule and validator before it forks
            _import_full_path(config, targets, for_forks=False)
            imported = True
        mine = todo[:LINT_BATCH]
        todo = todo[LINT_BATCH:]
        for i, fresh in zip(mine, _lint_chunk([targets[i] for i in mine], config, kind,
                                              record, certify=False), strict=True):
            results[i] = fresh

    try:
        # what this process could not certify and what the children send come first,
        # linted while they go on certifying, a few at a time so that what they send
        # meanwhile is seen; this process certifies a chunk only when it has nothing to
        # lint. So it has little left when the queue runs out. (Certifying a chunk
        # after every few files linted, it finished ~15 ms after the children in a
        # 2000-file run, or split a backlog over new forks.)
        while True:
            todo.extend(stream.take())
            if stream.done:  # the children are done, so is the queue: split what is left
                break
            if todo:
                lint_some()
                continue
            start = _next_chunk(queue_r)
            if start is None:
                break
            _certify_range(targets, start, min(start + size, len(targets)), certifier,
                           limits, record, results, todo)
        # the children's last chunks: lint what there is meanwhile, then wait for them;
        # what is left once they are done is split over forks below
        while not stream.done:
            todo.extend(stream.take())
            if not todo:
                break
            lint_some()
        todo.extend(stream.rest())
    except BaseException:  # Ctrl-C, a crash here: reap the children, report ours
        os.close(queue_r)
        stream.close()  # a child blocked on sending gets EPIPE and leaves
        _reap(children)
        raise
    os.close(queue_r)
    stream.close()
    for done in _collect(children):
        for i, fresh in done:
            results[i] = fresh
    if todo:
        todo.sort()
        full = _lint_split([targets[i] for i in todo], config, kind, jobs, record,
                           certify=False)
        for i, fresh in zip(todo, full, strict=True):
            results[i] = fresh
    out = [r for r in results if r is not None]
    if len(out) != len(targets):  # pragma: no cover - every index is certified or to do
        raise _Crash("a file was neither certified nor linted")
    return out


def _fill_queue(write_fd: int, starts: list[int]) -> None:
    """Write the chunk starts (4 bytes each) and close: readers see the end as EOF."""
    data = b"".join(s.to_bytes(4, "little") for s in starts)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(write_fd, view):]
    finally:
        os.close(write_fd)


def _next_chunk(read_fd: int) -> int | None:
    """The next chunk start from the queue, None when it is empty. Reads of 4 bytes from
    a pipe that only ever holds multiples of 4 are atomic between processes."""
    data = os.read(read_fd, 4)
    return int.from_bytes(data, "little") if len(data) == 4 else None


def _certify_range(targets: Sequence[Target], start: int, stop: int, certifier: Certifier,
                   limits: Limits, record: bool, results: list[Fresh | None],
                   todo: list[int]) -> None:
    for i, _raw, st, hashed, certified in _staged(targets, start, stop, certifier, limits,
                                                  record):
        if certified:
            results[i] = (st, hashed, [])
        else:
            todo.append(i)


#: files are taken in batches of about this many bytes: every file of a batch is read,
#: then every one parsed, then every one put to its certificate. Interleaved, each step
#: evicts the others' code and data from the CPU's caches (the reads' system calls most):
#: 1940 clean JSON files in one process took ~60 µs a file one at a time, ~54 read in
#: batches and ~47 in three stages (2026-12-03, medians of 25 interleaved rounds)
READ_AHEAD_BYTES = 128 * 1024


def _staged(targets: Sequence[Target], start: int, stop: int, certifier: Certifier | None,
            limits: Limits, record: bool) -> Iterator[tuple[int, bytes | None, Stamp | None,
                                                            str | None, bool]]:
    """(index, bytes, stamp, hash, certified) of each of ``targets[start:stop]``, in order,
    taken in batches of ``READ_AHEAD_BYTES``; bytes are None when the loader has a problem
    with reading the file, certified is False without a certifier."""
    i = start
    while i < stop:
        first = i
        reads = []
        held = 0
        while i < stop and held < READ_AHEAD_BYTES:
            got = _read(targets[i], limits, record)
            reads.append(got)
            if got[0] is not None:
                held += len(got[0])
            i += 1
        if certifier is None:
            for at, (raw, st, hashed) in enumerate(reads, first):
                yield at, raw, st, hashed, False
            continue
        files = [target.display for target in targets[first:i]]
        parsed = [None if raw is None else certifier.documents(raw, file)
                  for (raw, _, _), file in zip(reads, files, strict=True)]
        for j, ((raw, st, hashed), file) in enumerate(zip(reads, files, strict=True)):
            documents = parsed[j]
            certified = documents is not None and certifier.certifies_all(documents, file)
            # the data goes before the caller lints an uncertified file on the full
            # path, which parses it again: a large file is not held twice
            parsed[j] = documents = None
            yield first + j, raw, st, hashed, certified


def _certify_queue(queue_r: int, found_w: int, targets: Sequence[Target], size: int,
                   certifier: Certifier, limits: Limits,
                   record: bool) -> list[tuple[int, Fresh]]:
    """A child's first phase: certify chunks from the queue until it is empty, sending
    the indices of the files it cannot certify through ``found_w`` after each chunk;
    the results of those it certified."""
    results: list[Fresh | None] = [None] * len(targets)
    todo: list[int] = []
    try:
        while True:
            start = _next_chunk(queue_r)
            if start is None:
                break
            _certify_range(targets, start, min(start + size, len(targets)), certifier,
                           limits, record, results, todo)
            if todo:
                _send(found_w, todo)
                todo = []
    finally:
        # before the results, which the parent reads only after this pipe's end
        os.close(found_w)
    return [(i, r) for i, r in enumerate(results) if r is not None]


#: files the parent lints before it looks again at what the children sent (~0.65 ms
#: each, JSON)
LINT_BATCH = 8

#: what one write to a pipe may hold and still be atomic (POSIX PIPE_BUF is at least 512;
#: Linux's is 4096), in whole 4-byte indices
_ATOMIC_WRITE = 512


def _send(write_fd: int, indices: list[int]) -> None:
    """Write file indices (4 bytes each) in writes small enough to be atomic, so that
    the children's indices never interleave mid-number."""
    data = b"".join(i.to_bytes(4, "little") for i in indices)
    for at in range(0, len(data), _ATOMIC_WRITE):
        piece = memoryview(data)[at:at + _ATOMIC_WRITE]
        while piece:
            piece = piece[os.write(write_fd, piece):]


class _Found:
    """The parent's end of the pipe the children send uncertified file indices through."""

    def __init__(self, read_fd: int) -> None:
        self._fd: int | None = read_fd
        self._partial = b""
        os.set_blocking(read_fd, False)

    def _decode(self, data: bytes) -> list[int]:
        data = self._partial + data
        whole = len(data) - len(data) % 4
        self._partial = data[whole:]
        return [int.from_bytes(data[i:i + 4], "little") for i in range(0, whole, 4)]

    @property
    def done(self) -> bool:
        """Every child has closed its end, and all they sent has been taken."""
        return self._fd is None

    def take(self) -> list[int]:
        """What has arrived so far, without waiting."""
        out: list[int] = []
        while self._fd is not None:
            try:
                data = os.read(self._fd, 65536)
            except BlockingIOError:
                break
            if not data:
                self.close()
                break
            out += self._decode(data)
        return out

    def rest(self) -> list[int]:
        """Everything until every child has closed its end."""
        out: list[int] = []
        if self._fd is None:
            return out
        os.set_blocking(self._fd, True)
        while True:
            data = os.read(self._fd, 65536)
            if not data:
                break
            out += self._decode(data)
        self.close()
        return out

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


def _import_full_path(config: Config, targets: Sequence[Target], *,
                      for_forks: bool = True) -> None:
    """Import what linting a file that is not certified needs (before forking for it):
    the YAML side only when a target is a YAML file; without ``for_forks`` (a process
    that forks no more for it), the rules and the validators when a document first
    needs them."""
    from spec_compiler.engine import preload
    from spec_compiler.loader import JSON_SUFFIXES  # preload imports the loader anyway

    preload(config, yaml=not all(str(t.path).lower().endswith(JSON_SUFFIXES) for t in targets),
            for_forks=for_forks)


def _lint_split(targets: Sequence[Target], config: Config, kind: DocumentKind | None,
                jobs: int, record: bool, *, certify: bool = True) -> list[Fresh]:
    """Lint ``targets`` in up to ``jobs`` processes, each taking every ``jobs``-th file
    (in this process alone when there are too few to pay for a fork)."""
    jobs = min(jobs, max(1, len(targets) // SPLIT_MIN))
    if jobs > 1:
        _import_full_path(config, targets)  # once, before the fork
    if jobs <= 1:
        return _lint_chunk(list(targets), config, kind, record, certify=certify)
    children = _fork_children(jobs - 1, lambda share: _lint_chunk(
        list(targets[share::jobs]), config, kind, record, certify=certify), shares=True)
    try:
        mine = _lint_chunk(list(targets[0::jobs]), config, kind, record, certify=certify)
    except BaseException:  # Ctrl-C, a crash here: reap the children, report ours
        _reap(children)
        raise
    got = _collect(children)
    parts: list[list[Fresh]] = [mine, *got]
    # interleave back: targets[i] is in parts[i % jobs] at i // jobs
    return [parts[i % jobs][i // jobs] for i in range(len(targets))]


#: below this many files a share, ``_lint_split`` does not fork for them
SPLIT_MIN = 12


def _fork_children(count: int, work: Any, *, shares: bool = False) -> list[tuple[int, int]]:
    """Fork ``count`` children that run ``work()`` (``work(share)`` with ``shares``, share
    1..count) and send its result back (``_encode``); (pid, read end) of each."""
    children: list[tuple[int, int]] = []
    for share in range(1, count + 1):
        read_fd, write_fd = os.pipe()
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:  # the child: work, send, leave without running any cleanup
            code = 0
            try:
                os.close(read_fd)
                _quiet_std_streams()
                try:
                    result = work(share) if shares else work()
                except _Crash as exc:
                    result = _Failed(str(exc))
                with os.fdopen(write_fd, "wb") as pipe:
                    pipe.write(_encode(result))
            except KeyboardInterrupt:  # Ctrl-C reaches the whole process group
                code = _INTERRUPTED
            except BaseException:
                code = 70
            finally:
                os._exit(code)
        os.close(write_fd)
        children.append((pid, read_fd))
    return children


def _encode(result: Any) -> bytes:
    """A child's result as bytes: marshalled when it is plain data (what certifying
    children send: indices, stamps, hashes, empty lists) or a list of results with
    findings (``_lowered``), else pickled (a crash message). ``marshal`` is built in,
    where importing ``pickle`` (and ``struct``) cost ~4 ms of every large run's serial
    start before the fork, and ~2.5 ms in each process of a split after it (2026-12-03)."""
    import marshal

    try:
        return b"M" + marshal.dumps(result)
    except ValueError:  # an object marshal does not take (subclasses included)
        pass
    lowered = _lowered(result)
    if lowered is not None:
        return b"F" + marshal.dumps(lowered)
    import pickle

    return b"P" + pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)


def _lowered(result: Any) -> list[Any] | None:
    """A list of results (``Fresh``: stamp, hash, findings) with each finding as the
    plain tuple of its fields, which ``marshal`` takes; None for anything else."""
    from spec_compiler.diagnostics import Diagnostic

    if type(result) is not list:
        return None
    out = []
    for fresh in result:
        if type(fresh) is not tuple or len(fresh) != 3 or type(fresh[2]) is not list:
            return None
        found = fresh[2]
        if any(type(d) is not Diagnostic for d in found):
            return None
        out.append((fresh[0], fresh[1], [tuple(d) for d in found]))
    return out


def _decode(data: bytes) -> Any:
    """What ``_encode`` wrote; None for anything else (a child that died mid-write)."""
    import marshal

    try:
        if data[:1] == b"M":
            return marshal.loads(memoryview(data)[1:])
        if data[:1] == b"F":
            from spec_compiler.diagnostics import Diagnostic

            return [(st, hashed, [Diagnostic._make(fields) for fields in found])
                    for st, hashed, found in marshal.loads(memoryview(data)[1:])]
        if data[:1] == b"P":
            import pickle

            return pickle.loads(memoryview(data)[1:])
    except Exception:  # truncated or garbled: marshal and pickle raise several kinds
        return None
    return None


class _Failed(str):
    """A child's crash message (a rule crashed), sent back instead of a result."""


#: the exit status of a child that Ctrl-C interrupted
_INTERRUPTED = 130


def _reap(children: list[tuple[int, int]]) -> None:
    """Wait for every child without reading its result (this process is failing)."""
    import contextlib

    for pid, read_fd in children:
        os.close(read_fd)
        with contextlib.suppress(ChildProcessError):
            os.waitpid(pid, 0)


def _quiet_std_streams() -> None:
    """Point a child's standard output and error at the null device.

    A child never writes to either (what it has to say comes back through its pipe),
    but its copies of them would keep the pipes a caller reads our output from open
    until its exit is through: ~1.5 ms of tearing down a process's memory, after the
    result is sent. Without them, that overlaps the report (``_collect`` leaves the
    waiting for a child whose result came whole to ``_reap_done``).
    """
    null = os.open(os.devnull, os.O_WRONLY)
    try:
        for fd in (1, 2):
            os.dup2(null, fd)
    finally:
        os.close(null)


#: children whose results came back whole, not waited for yet (``_reap_done``)
_DONE: list[int] = []
#: set by ``run``: the children are waited for after the report, not in ``lint_files``
_REAP_LATER = False


def _reap_done() -> None:
    """Wait for the children whose results came back whole (their exits were all that
    was left of them); a process leaves none behind."""
    while _DONE:
        pid = _DONE.pop()
        try:
            os.waitpid(pid, 0)
        except ChildProcessError:  # pragma: no cover - reaped elsewhere (a signal handler)
            continue  # (not contextlib.suppress: no import for it on every run)


def _collect(children: list[tuple[int, int]]) -> list[Any]:
    """Each child's result, in order. A child whose result came back whole is left to
    ``_reap_done``, so that its exit overlaps what this process does next; any other is
    waited for here, for its exit status (every child, even after a failure)."""
    got: list[Any] = []
    interrupted = False
    died = ""
    for pid, read_fd in children:
        with os.fdopen(read_fd, "rb") as source:
            got.append(_decode(source.read()))
        if got[-1] is not None:
            _DONE.append(pid)
            continue
        _, status = os.waitpid(pid, 0)
        code = os.waitstatus_to_exitcode(status)
        interrupted = interrupted or code in (_INTERRUPTED, -2)  # -2: killed by SIGINT
        died = died or (f" (killed by signal {-code})" if code < 0 else f" (exit status {code})")
    if interrupted:
        raise KeyboardInterrupt  # the Ctrl-C that reached the children reaches us too
    for result in got:
        if result is None:
            # its standard error went to the null device: say how it ended
            raise _Crash(f"a lint worker process died{died}")
        if isinstance(result, _Failed):
            raise _Crash(str(result))
    return got


def _context() -> BaseContext | None:
    """``fork`` where it exists (cheap, inherits imports); the default elsewhere."""
    import multiprocessing

    if sys.platform == "linux" and "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return None


def _lint_chunk_safe(
    targets: list[Target], config: Config, kind: DocumentKind | None, record: bool
) -> list[Fresh] | str:
    """``_lint_chunk`` in a worker: a crash comes back as its message (it pickles)."""
    try:
        return _lint_chunk(targets, config, kind, record)
    except _Crash as exc:
        return str(exc)


#: certify clean files with one compiled check (``spec_compiler.quiet``); tests and
#: ``SPEC_COMPILER_FAST_PATH=0`` turn it off to compare
FAST_PATH = os.environ.get("SPEC_COMPILER_FAST_PATH", "1") != "0"
#: below this many files, certificates are checked by their generated Python modules
#: (no jsonschema_rs import, no compile: ~15–20 ms less to start, ~50 µs more a file;
#: still ~13 ms ahead at 350 JSON files, measured 2026-12-02)
SMALL_RUN = 400
_CERTIFIERS: dict[tuple[int, DocumentKind | None, str], tuple[Config, Certifier | None]] = {}


def _certifier(config: Config, kind: DocumentKind | None,
               engine: str = "rs") -> Certifier | None:
    if not FAST_PATH:
        return None
    key = (id(config), kind, engine)
    hit = _CERTIFIERS.get(key)
    if hit is None or hit[0] is not config:
        from spec_compiler.quiet import Certifier

        hit = (config, Certifier.build(config, kind, engine))
        _CERTIFIERS[key] = hit
    return hit[1]


def _lint_chunk(
    targets: list[Target], config: Config, kind: DocumentKind | None, record: bool,
    *, certify: bool = True,
) -> list[Fresh]:
    limits = config.limits
    engine = "python" if len(targets) < SMALL_RUN else "rs"
    certifier = _certifier(config, kind, engine) if certify else None
    out: list[Fresh] = []
    for i, raw, st, hashed, certified in _staged(targets, 0, len(targets), certifier, limits,
                                                 record):
        target = targets[i]
        if raw is None:
            from spec_compiler.loader import load_path

            loaded = load_path(target.path, limits, display=target.display)
            out.append((None, None, _lint(loaded, target, config, kind)))
            continue
        if certified:
            out.append((st, hashed, []))
            continue
        from spec_compiler.loader import load_text  # the full path: import on first use

        out.append((st, hashed, _lint(load_text(raw, target.display, limits), target, config,
                                      kind)))
    return out


def _lint(loaded: LoadedFile, target: Target, config: Config,
          kind: DocumentKind | None) -> list[Diagnostic]:
    from spec_compiler.engine import RuleCrash, lint_loaded

    try:
        diags = lint_loaded(loaded, config=config, kind=kind)
    except RuleCrash as exc:
        raise _Crash(str(exc)) from exc
    # SUP001 findings of a file without other findings have no file yet
    return [d if d.file else d.with_file(target.display) for d in diags]


def _read(target: Target, limits: Limits, record: bool) -> tuple[bytes | None, Stamp | None,
                                                                 str | None]:
    """A target's bytes (None when the loader has a problem with reading it: IO001,
    IO002); with ``record``, also the stamp to trust and the hash of exactly those bytes."""
    now = time.time_ns() if record else 0
    try:
        before = os.stat(target.path) if record else None
        data = read_bytes(target.path, limits, regular=target.regular)
        after = os.stat(target.path) if record else None
    except Exception:  # the loader's own problem (IO001, IO002...), reported by load_path
        return None, None, None
    if not record:
        return data, None, None
    from spec_compiler.cache import digest, trusted

    assert before is not None and after is not None
    return data, trusted(after, before, now), digest(data)


# ---------------------------------------------------------------- reporting


def _report(
    options: LintOptions,
    fmt: str,
    diags: list[Diagnostic],
    files: list[str],
    paths: dict[str, PathArg],
    stdout: TextIO,
    stderr: TextIO,
) -> None:
    from spec_compiler.reporters import REPORTERS, Report, statistics_lines

    report = Report(diags, files, statistics=options.statistics and fmt == "text")

    def source(display: str) -> str | None:
        try:
            with open(paths.get(display, display), encoding="utf-8", errors="replace") as fh:
                return fh.read()
        except OSError:
            return None

    if options.output is None:
        tty = _isatty(stdout)
        color = options.color if options.color is not None else tty and _color_allowed()
        REPORTERS[fmt](stdout, color=color, frame=tty, source=source).write(report)
    else:
        from pathlib import Path

        from spec_compiler.writer import atomic_open

        try:
            with atomic_open(Path(options.output)) as stream:
                REPORTERS[fmt](stream, color=bool(options.color), source=source).write(report)
        except OSError as exc:
            raise UsageError(f"cannot write '{options.output}': {exc.strerror or exc}") from None
    if options.statistics and fmt != "text":
        for line in statistics_lines(diags):
            stderr.write(line + "\n")


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _color_allowed() -> bool:
    return not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"
