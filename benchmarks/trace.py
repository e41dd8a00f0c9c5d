"""A timeline of one ``spec-compiler lint`` run: when each phase starts and ends, in
which process.

    python benchmarks/trace.py DIR [lint options...]     # e.g. DIR --no-cache --format json

It wraps the scheduler's functions (``spec_compiler.lint_cmd``: the certifier, the
fork, the full-path import, each child's queue, the collection, the report) with
timestamps written to stderr, then runs ``cli.main`` with ``lint`` and the arguments
given; lint's own output goes to stdout as usual (send it to ``/dev/null``). Times are
milliseconds from this script's start, after the interpreter's. The table "where the
time goes" in docs/performance.md is read off its output.

Where a process is about to fork, where a child ends its queue and where the run ends,
the line also gives that process's CPU time so far (user + system, ``getrusage``) and
its minor page faults: a forked child's count from zero, so the CPU time after the fork
is the parent's at the end less its own at the fork, plus each child's.
"""

from __future__ import annotations

import functools
import os
import resource
import sys
import time
from collections.abc import Callable

TYPE_CHECKING = False  # typing imports re, which a lint of JSON files may not import
if TYPE_CHECKING:
    from typing import Any

_T0 = time.perf_counter()
#: where the stamps go: a copy of stderr, which lint's workers keep (they point their
#: own stderr at the null device), so their stamps arrive too; in a traced run they
#: hold it open until they exit
_OUT = os.dup(2)

#: the functions of lint_cmd whose start and end are printed (per-chunk ones are left
#: out: thousands of lines); _encode and _decode once a child, at the end of a run
PHASES = ("_lint_forked", "_certifier", "_fork_children", "_certify_queue",
          "_import_full_path", "_lint_split", "_collect", "_encode", "_decode", "_report")


#: the stamps that also give the process's CPU time and page faults so far
USAGE = ("> _fork_children", "< _certify_queue")


def _stamp(text: str, usage: bool = False) -> None:
    if usage or text in USAGE:
        used = resource.getrusage(resource.RUSAGE_SELF)
        text += (f"  [cpu {used.ru_utime * 1000:.1f} user + {used.ru_stime * 1000:.1f} "
                 f"system ms, {used.ru_minflt} minor faults]")
    line = f"{(time.perf_counter() - _T0) * 1000:8.1f} ms  pid {os.getpid()}  {text}\n"
    os.write(_OUT, line.encode())


def _timed(name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        _stamp(f"> {name}")
        try:
            return fn(*args, **kwargs)
        finally:
            _stamp(f"< {name}")
    return wrapper


def main() -> None:
    from spec_compiler import lint_cmd

    for name in PHASES:
        setattr(lint_cmd, name, _timed(name, getattr(lint_cmd, name)))
    _stamp("lint_cmd imported")
    from spec_compiler.cli import main as cli_main

    sys.argv = ["spec-compiler", "lint", *sys.argv[1:]]
    code: Any = 0
    try:
        cli_main()
    except SystemExit as exc:
        code = exc.code
    _stamp(f"done, exit {code}", usage=True)


if __name__ == "__main__":
    main()
