"""``spec-compiler compile``: specs to requests, written atomically (no click here)."""

from __future__ import annotations

import collections
import contextlib
import hashlib
import itertools
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Literal, TextIO

from spec_compiler.compiler import CompiledSpec, CompileError, SpecPlan
from spec_compiler.diagnostics import Diagnostic, sort_key
from spec_compiler.emitters import EXTENSIONS, Item, Stream, dumps_line, render
from spec_compiler.errors import UsageError
from spec_compiler.rows import Records, Row, RowsError, chain, read_records
from spec_compiler.variables import VariableError, parse_assignment
from spec_compiler.writer import (
    FILE_MODE,
    SCRIPT_MODE,
    atomic_open,
    same_content,
    write_all,
)


@dataclass(frozen=True)
class CompileOptions:
    """What ``spec-compiler compile`` was asked to do."""

    specs: tuple[Path, ...]
    var: tuple[str, ...] = ()
    vars_file: Path | None = None
    rows: Path | None = None
    rejects: Path | None = None
    format: Literal["json", "jsonl", "body", "curl", "http"] = "json"
    output: Path | None = None
    out_dir: Path | None = None
    check: bool = False
    batch: bool = False
    config: Path | None = None
    progress: bool | None = None


class Failed(Exception):
    """Compilation failed: findings were reported, exit 1 and write nothing."""


@dataclass
class Prepared:
    """A spec ready to compile: its plan and the findings of its static lint."""

    plan: SpecPlan
    seen: set[tuple[str, int, int, str]]


def run(options: CompileOptions, stdout: TextIO, stderr: TextIO) -> int:
    """Compile; 0 ok, 1 findings / rejected rows / stale outputs, 2 usage."""
    try:
        _check_usage(options)
        config = load_config(options.config)
        typed, raw = given_values(options)
        prepared = prepare(options.specs, config, stderr)
        if options.rows is not None:
            return run_rows(options, prepared[0], typed, raw, config, stdout, stderr)
        return _run_specs(options, prepared, typed, raw, config, stdout, stderr)
    except UsageError as exc:
        stderr.write(f"spec-compiler: error: {exc}\n")
        return 2
    except Failed:
        return 1


def _check_usage(options: CompileOptions) -> None:
    if not options.specs:
        raise UsageError("no spec given")
    if options.output is not None and options.out_dir is not None:
        raise UsageError("use either -o/--output or --out-dir, not both")
    if options.rejects is not None and options.rows is None:
        raise UsageError("--rejects needs --rows")
    if options.rows is not None and len(options.specs) != 1:
        raise UsageError("--rows compiles exactly one spec")
    if options.check and options.output is None and options.out_dir is None:
        raise UsageError("--check needs -o/--output or --out-dir to compare with")
    if options.format not in EXTENSIONS:
        raise UsageError(f"unknown format '{options.format}'")
    for path, flag in ((options.vars_file, "--vars"), (options.rows, "--rows")):
        if path is not None and not path.is_file():
            raise UsageError(f"{flag} file '{path}' does not exist")


def load_config(path: Path | None) -> Any:
    """The lint configuration (explicit file, else found upward, else the defaults)."""
    from spec_compiler.config import load_config as find_and_load

    return find_and_load(path)  # a bad configuration raises UsageError (exit 2)


def given_values(options: CompileOptions) -> tuple[dict[str, Any], dict[str, str]]:
    """Typed values of ``--vars FILE`` and the raw strings of ``--var k=v``."""
    typed: dict[str, Any] = {}
    if options.vars_file is not None:
        typed = read_vars_file(options.vars_file)
    raw: dict[str, str] = {}
    for text in options.var:
        try:
            name, value = parse_assignment(text)
        except ValueError as exc:
            raise UsageError(str(exc)) from None
        raw[name] = value
    return typed, raw


def read_vars_file(path: Path) -> dict[str, Any]:
    """The mapping of a YAML or JSON variables file."""
    from spec_compiler.loader import load_path

    loaded = load_path(path)
    errors = [d for d in loaded.diagnostics if d.severity == "error"]
    if errors:
        raise UsageError(f"--vars file: {errors[0].render()}")
    if len(loaded.documents) != 1 or not isinstance(loaded.documents[0].data, Mapping):
        raise UsageError(f"--vars file '{path}' must hold one mapping of names to values")
    return {str(k): v for k, v in loaded.documents[0].data.items()}


def prepare(specs: Sequence[Path], config: Any, stderr: TextIO) -> list[Prepared]:
    """Load and lint every spec once; errors are reported and stop the run."""
    from spec_compiler.engine import lint_loaded
    from spec_compiler.loader import load_path

    prepared: list[Prepared] = []
    failed = False
    for path in specs:
        loaded = load_path(path)
        diags = sorted(lint_loaded(loaded, config=config), key=sort_key)
        # a file that does not load cannot compile, whatever the configuration selects
        unloadable = [d for d in loaded.diagnostics if d.severity == "error" and d not in diags]
        report(sorted([*diags, *unloadable], key=sort_key), stderr)
        if unloadable or any(d.severity == "error" for d in diags) or not loaded.documents:
            if not loaded.documents and not unloadable:
                stderr.write(f"{path}: no spec in this file\n")
            failed = True
            continue
        for doc in loaded.documents:
            try:
                plan = SpecPlan(doc)
            except CompileError as exc:
                stderr.write(f"{doc.file}:{doc.start_line}:1: {exc}\n")
                failed = True
                continue
            prepared.append(Prepared(plan, {_key(d) for d in diags}))
    if failed:
        raise Failed
    _check_names(prepared, stderr)
    return prepared


def _check_names(prepared: Sequence[Prepared], stderr: TextIO) -> None:
    seen: dict[str, str] = {}
    for item in prepared:
        other = seen.setdefault(item.plan.name, item.plan.doc.file)
        if other is not item.plan.doc.file:
            stderr.write(f"{item.plan.doc.file}: spec name '{item.plan.name}' is used twice\n")
            raise Failed


def _key(diag: Diagnostic) -> tuple[str, int, int, str]:
    return (diag.code, diag.line, diag.column, diag.message)


def report(diags: Sequence[Diagnostic], stderr: TextIO, suffix: str = "") -> None:
    """One canonical line per finding."""
    for diag in diags:
        stderr.write(diag.render() + suffix + "\n")


def values_for(plan: SpecPlan, typed: Mapping[str, Any], raw: Mapping[str, str]) -> dict[str, Any]:
    """The given values a spec declares, ``--var`` strings typed by its schemas."""
    names = set(plan.variables.names)
    values = {k: v for k, v in typed.items() if k in names}
    try:
        values.update({k: plan.variables.coerce(k, v) for k, v in raw.items() if k in names})
    except VariableError as exc:
        raise CompileError(str(exc), exc.variable) from None
    return values


def _undeclared(prepared: Sequence[Prepared], given: Sequence[str]) -> list[str]:
    declared = {n for p in prepared for n in p.plan.variables.names}
    return sorted(set(given) - declared)


# ---------------------------------------------------------------- one compile per spec


def _run_specs(
    options: CompileOptions,
    prepared: Sequence[Prepared],
    typed: Mapping[str, Any],
    raw: Mapping[str, str],
    config: Any,
    stdout: TextIO,
    stderr: TextIO,
) -> int:
    for name in _undeclared(prepared, [*typed, *raw]):
        stderr.write(f"spec-compiler: undeclared variable '{name}'\n")
        raise Failed
    compiled = [_compile_one(p, typed, raw, options.batch, config, stderr) for p in prepared]
    if any(c is None for c in compiled):
        raise Failed
    done = [c for c in compiled if c is not None]
    return _write_outputs(options, done, stdout, stderr)


def _compile_one(
    prepared: Prepared,
    typed: Mapping[str, Any],
    raw: Mapping[str, str],
    batch: bool,
    config: Any,
    stderr: TextIO,
) -> CompiledSpec | None:
    plan = prepared.plan
    try:
        compiled = plan.build(plan.resolve(values_for(plan, typed, raw)), batch=batch)
    except CompileError as exc:
        stderr.write(f"{plan.doc.file}: spec '{plan.name}': {exc}\n")
        return None
    diags = plan.validate(compiled, config=config)
    fresh = {_key(d): d for d in diags if _key(d) not in prepared.seen}  # one line per fault
    report(sorted(fresh.values(), key=sort_key), stderr)
    compiled.diagnostics = diags
    return None if any(d.severity == "error" for d in diags) else compiled


def _items(compiled: CompiledSpec, row: int | None = None) -> list[Item]:
    total = len(compiled.requests)
    return [
        Item(f"{compiled.name}: request {i} of {total}", request, row)
        for i, request in enumerate(compiled.requests, start=1)
    ]


def _mode(options: CompileOptions) -> int:
    return SCRIPT_MODE if options.format == "curl" else FILE_MODE


def _write_outputs(
    options: CompileOptions, compiled: Sequence[CompiledSpec], stdout: TextIO, stderr: TextIO
) -> int:
    if options.out_dir is not None:
        ext = EXTENSIONS[options.format]
        files = {
            options.out_dir / (c.name + ext): render(options.format, _items(c)) for c in compiled
        }
    else:
        text = render(options.format, [i for c in compiled for i in _items(c)])
        if options.output is None:
            stdout.write(text)
            return 0
        files = {options.output: text}
    if options.check:
        return _check(files, stderr)
    try:
        if options.out_dir is not None:
            options.out_dir.mkdir(parents=True, exist_ok=True)
        write_all(files, mode=_mode(options))
    except OSError as exc:
        stderr.write(f"spec-compiler: error: cannot write: {exc}\n")
        return 1
    return 0


def _check(files: Mapping[Path, str], stderr: TextIO) -> int:
    stale = [path for path, text in files.items() if not same_content(path, text)]
    for path in stale:
        stderr.write(f"{path}: out of date; run spec-compiler compile without --check\n")
    return 1 if stale else 0


# ---------------------------------------------------------------- bulk rows


@dataclass
class Tally:
    """Counts of a bulk run."""

    compiled: int = 0
    rejected: int = 0
    #: when the progress line was last drawn
    shown_at: float = 0.0


def run_rows(
    options: CompileOptions,
    prepared: Prepared,
    typed: Mapping[str, Any],
    raw: Mapping[str, str],
    config: Any,
    stdout: TextIO,
    stderr: TextIO,
) -> int:
    """One compilation per row, streamed; failing rows go to ``--rejects``."""
    assert options.rows is not None
    plan = prepared.plan
    for name in _undeclared([prepared], [*typed, *raw]):
        stderr.write(f"spec-compiler: undeclared variable '{name}'\n")
        raise Failed
    try:
        base = values_for(plan, typed, raw)
    except CompileError as exc:
        stderr.write(f"spec-compiler: {exc}\n")
        raise Failed from None
    target = _rows_target(options, plan)
    source = _open_rows(options.rows, plan, stderr)
    wants_rejects = options.rejects is not None and not options.check
    rows = RowCompiler(plan, base, options.batch, config, options.format, source.parse,
                       wants_rejects)
    tally = Tally()
    with _sink(options, target, stdout) as out, _rejects(options) as rejects:
        stream = Stream(options.format)
        out.write(stream.begin())
        streams = (out, rejects, stdout, stderr)
        with _outcomes(rows, source.records, streams) as outcomes:
            for text, messages, record in outcomes:
                if text is not None:
                    tally.compiled += 1
                    out.write(text)
                else:
                    tally.rejected += 1
                    stderr.write(messages or "")
                    if rejects is not None and record is not None:
                        rejects.write(record)
                _progress(options, stderr, tally)
        out.write(stream.end())
    _progress_done(options, stderr, tally)
    stale = options.check and target is not None and not _same_hash(target, out)
    if stale:
        stderr.write(f"{target}: out of date; run spec-compiler compile without --check\n")
    return 1 if tally.rejected or stale else 0


def _rows_target(options: CompileOptions, plan: SpecPlan) -> Path | None:
    if options.out_dir is not None:
        if not options.check:
            options.out_dir.mkdir(parents=True, exist_ok=True)
        streamed = options.format in ("json", "jsonl", "body")
        ext = ".jsonl" if streamed else EXTENSIONS[options.format]
        return options.out_dir / (plan.name + ext)
    return options.output


def _open_rows(path: Path, plan: SpecPlan, stderr: TextIO) -> Records:
    try:
        source = read_records(path)
        record = next(source.records, None)
        first = None if record is None else source.parse(record)
    except (RowsError, OSError) as exc:
        stderr.write(f"spec-compiler: {path}: {exc}\n")
        raise Failed from None
    if first is not None and first.strings:
        columns = [c for c in (first.values or {}) if c not in plan.variables.names]
        if columns:
            stderr.write(f"spec-compiler: {path}: undeclared variable '{columns[0]}' (a column)\n")
            raise Failed
    return Records(chain(record, source.records), source.parse)


def compile_row(
    plan: SpecPlan,
    row: Row,
    base: Mapping[str, Any],
    batch: bool,
    config: Any,
    checker: Any = None,
    *,
    with_timeline: bool = True,
) -> tuple[CompiledSpec | None, list[str]]:
    """One row's compilation, or the reasons it fails."""
    values = dict(base)
    given = row.values or {}
    if row.strings:
        given = {k: v for k, v in given.items() if v != ""}  # an empty cell is no value
    values.update(given)
    try:
        resolved = plan.resolve(values, strings=row.strings)
        compiled = plan.build(resolved, batch=batch, with_timeline=with_timeline)
    except CompileError as exc:
        return None, [str(exc)]
    if checker is not None:
        diags = checker.errors(plan.row_data(compiled))
    else:
        diags = plan.validate(compiled, config=config)
    compiled.diagnostics = diags
    if not diags:
        return compiled, []
    errors = list(
        dict.fromkeys(d.render() for d in sorted(diags, key=sort_key) if d.severity == "error")
    )
    return (None, errors) if errors else (compiled, [])


#: what one row comes to: its output text, else its stderr lines and ``--rejects`` line
Outcome = tuple[str | None, str | None, str | None]


class RowCompiler:
    """Records of a rows file to outcomes: the work of a bulk run, in any process."""

    def __init__(self, plan: SpecPlan, base: Mapping[str, Any], batch: bool, config: Any,
                 fmt: Any, parse: Callable[[Any], Row], rejects: bool) -> None:
        self.plan, self.base, self.batch, self.config = plan, base, batch, config
        self.stream = Stream(fmt)
        self.parse = parse
        self.rejects = rejects
        self.checker = plan.row_checker(config=config)

    def outcome(self, record: Any) -> Outcome:
        """The outcome of one record."""
        row = self.parse(record)
        if row.error is not None or row.values is None:
            return self._rejected(row, [row.error or "unreadable row"])
        compiled, reasons = compile_row(self.plan, row, self.base, self.batch, self.config,
                                        self.checker, with_timeline=False)
        if compiled is None:
            return self._rejected(row, reasons)
        return self.stream.row(compiled.name, compiled.requests, row.number), None, None

    def outcomes(self, records: Iterable[Any]) -> list[Outcome]:
        """The outcomes of a chunk of records, in order."""
        return [self.outcome(record) for record in records]

    def _rejected(self, row: Row, reasons: list[str]) -> Outcome:
        messages = "".join(f"row {row.number} (line {row.line}): {r}\n" for r in reasons)
        if not self.rejects:
            return None, messages, None
        record = {"row": row.number, "line": row.line, "reasons": reasons}
        record["values" if row.values is not None else "raw"] = (
            row.values if row.values is not None else row.raw
        )
        return None, messages, dumps_line(record) + "\n"


# ---------------------------------------------------------------- rows in worker processes

#: a run with more rows than this compiles them in worker processes (tests lower it)
PARALLEL_THRESHOLD = 5000
#: rows a worker compiles per task
CHUNK_ROWS = 1000
#: tasks in flight per worker: bounds memory while keeping every worker busy
IN_FLIGHT = 3
#: worker processes; None: one per usable core (tests set it)
WORKERS: int | None = None
#: how long an interrupted run waits for its workers to finish the chunks they hold
STOP_SECONDS = 10.0


def _workers() -> int:
    if WORKERS is not None:
        return WORKERS
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _can_fork() -> bool:
    import multiprocessing

    return (
        sys.platform != "darwin"
        and hasattr(signal, "pthread_sigmask")
        and "fork" in multiprocessing.get_all_start_methods()
    )


@contextlib.contextmanager
def _outcomes(
    rows: RowCompiler, records: Iterator[Any], streams: Sequence[Any]
) -> Iterator[Iterator[Outcome]]:
    """Every record's outcome, in order: here, or in worker processes for a big run."""
    head = list(itertools.islice(records, PARALLEL_THRESHOLD + 1))
    workers = _workers()
    if len(head) <= PARALLEL_THRESHOLD or workers < 2 or not _can_fork():
        yield map(rows.outcome, itertools.chain(head, records))
        return
    pools: list[Any] = []
    try:
        yield _parallel(rows, head, records, streams, workers, pools)
    except BaseException:
        for pool in pools:
            _stop_pool(pool)
        raise
    for pool in pools:
        pool.shutdown(wait=True)


def _parallel(rows: RowCompiler, head: list[Any], records: Iterator[Any],
              streams: Sequence[Any], workers: int, pools: list[Any]) -> Iterator[Outcome]:
    # the first rows here, until the row checker has learned: the workers inherit it
    done = 0
    while done < len(head) and not rows.checker.learned:
        yield rows.outcome(head[done])
        done += 1
    for stream in (*streams, sys.stdout, sys.stderr):
        if stream is not None:
            stream.flush()  # a forked worker must not inherit unwritten text
    pool = _start_pool(rows, workers, pools)
    rest = itertools.chain(itertools.islice(head, done, None), records)
    yield from _pooled(pool, rows, rest, workers * IN_FLIGHT)


def _start_pool(rows: RowCompiler, workers: int, pools: list[Any]) -> Any:
    """Fork the workers; the pool goes in ``pools`` at once, for the caller to stop."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("fork")
    # forked with SIGINT blocked, the workers ignore it: Ctrl-C reaches the parent only
    # (delivered when unblocked), which stops the workers
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_adopt,
                                   initargs=(rows, os.getpid()))
        pools.append(pool)
        pool.submit(int).result()  # every worker started (with fork, all start at once)
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)
    return pool


def _stop_pool(pool: Any) -> None:
    """Stop the workers after the chunks they hold: one killed while it sends a result
    would leave the pool's result pipe half-written, and the interpreter's exit waiting
    on it. A worker still busy after ``STOP_SECONDS`` is killed all the same."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    deadline = time.monotonic() + STOP_SECONDS
    try:
        for process in processes:
            process.join(max(0.0, deadline - time.monotonic()))
    finally:
        for process in processes:
            if process.is_alive():
                process.terminate()


def _pooled(pool: Any, rows: RowCompiler, records: Iterator[Any], limit: int
            ) -> Iterator[Outcome]:
    pending: collections.deque[tuple[list[Any], Any]] = collections.deque()
    while True:
        chunk = list(itertools.islice(records, CHUNK_ROWS))
        if chunk:
            try:
                future = pool.submit(_work, chunk)
            except Exception:  # a broken pool (a worker was killed): compile it here
                future = None
            pending.append((chunk, future))
        if not pending:
            return
        if len(pending) >= limit or not chunk:
            yield from _collect(rows, *pending.popleft())


def _collect(rows: RowCompiler, chunk: list[Any], future: Any) -> Iterator[Outcome]:
    try:
        done = None if future is None else future.result()
    except Exception:  # a lost worker
        done = None
    if done is None:
        # the worker failed: compile the chunk here, to the same failure in the same place
        yield from map(rows.outcome, chunk)
    else:
        yield from done


_ROWS: RowCompiler | None = None


def _adopt(rows: RowCompiler, parent: int) -> None:
    """A worker's start: keep the parent's compiler (inherited, not pickled)."""
    global _ROWS
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    _ROWS = rows
    threading.Thread(target=_orphaned, args=(parent,), daemon=True).start()


def _orphaned(parent: int) -> None:
    """End the worker should its parent die without stopping it (SIGKILL, SIGTERM)."""
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def _work(chunk: list[Any]) -> list[Outcome] | None:
    """A worker's task; None when it fails (the parent then reports it)."""
    assert _ROWS is not None
    try:
        return _ROWS.outcomes(chunk)
    except BaseException:
        return None


class _Sink:
    """Where streamed output goes; hashes it instead of writing for ``--check``."""

    def __init__(self, stream: IO[str] | None) -> None:
        self.stream = stream
        self.digest = hashlib.sha256() if stream is None else None

    def write(self, text: str) -> None:
        if self.stream is None:
            assert self.digest is not None
            self.digest.update(text.encode("utf-8"))
        else:
            self.stream.write(text)

    def flush(self) -> None:
        if self.stream is not None:
            self.stream.flush()


@contextlib.contextmanager
def _sink(options: CompileOptions, target: Path | None, stdout: TextIO) -> Iterator[_Sink]:
    if options.check:
        yield _Sink(None)
    elif target is None:
        yield _Sink(stdout)
    else:
        with atomic_open(target, mode=_mode(options)) as stream:
            yield _Sink(stream)


@contextlib.contextmanager
def _rejects(options: CompileOptions) -> Iterator[IO[str] | None]:
    if options.check or options.rejects is None:
        yield None
    else:
        with atomic_open(options.rejects) as stream:
            yield stream


def _same_hash(target: Path, sink: _Sink) -> bool:
    digest = hashlib.sha256()
    try:
        with target.open("rb") as stream:
            for block in iter(lambda: stream.read(1 << 16), b""):
                digest.update(block)
    except OSError:
        return False
    return sink.digest is not None and digest.digest() == sink.digest.digest()


def _show_progress(options: CompileOptions, stderr: TextIO) -> bool:
    if options.progress is not None:
        return options.progress
    isatty = getattr(stderr, "isatty", None)
    return bool(isatty and isatty())


def _progress(options: CompileOptions, stderr: TextIO, tally: Tally) -> None:
    if (tally.compiled + tally.rejected) % 256 or not _show_progress(options, stderr):
        return
    now = time.monotonic()
    if now - tally.shown_at >= 0.1:
        tally.shown_at = now
        stderr.write(f"\rrows: {tally.compiled} compiled, {tally.rejected} rejected")
        stderr.flush()


def _progress_done(options: CompileOptions, stderr: TextIO, tally: Tally) -> None:
    if _show_progress(options, stderr):
        stderr.write(f"\rrows: {tally.compiled} compiled, {tally.rejected} rejected\n")
