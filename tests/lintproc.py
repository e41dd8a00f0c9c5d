"""Run ``spec-compiler lint`` from this checkout in a fresh interpreter, and see which of
some modules it imported: the import-diet tests share it."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import NamedTuple

REPO = Path(__file__).resolve().parent.parent

# argv: the watched names (comma-separated), then lint's arguments. A name ending in
# ".*" is a package and all its submodules; any other name is one module.
_SCRIPT = """\
import sys
from spec_compiler.cli import main
watch = sys.argv[1].split(",")
exact = {w for w in watch if not w.endswith(".*")}
packages = tuple(w[:-2] for w in watch if w.endswith(".*"))
sys.argv = ["spec-compiler", "lint", *sys.argv[2:]]
code = 0
try:
    main()
except SystemExit as exc:
    code = exc.code
found = sorted(m for m in sys.modules
               if m in exact or m in packages or m.startswith(tuple(p + "." for p in packages)))
print("MODULES", code, ",".join(found), file=sys.stderr)
"""


class LintRun(NamedTuple):
    code: str
    modules: list[str]
    stdout: str


def lint_in_subprocess(args: Iterable[str], *, watch: Iterable[str], cwd: Path,
                       env: Mapping[str, str] | None = None) -> LintRun:
    """Lint with ``args`` in ``cwd``; the exit code, the watched modules that were
    imported (sorted) and what lint printed."""
    run_env = {**os.environ, "PYTHONPATH": str(REPO), **(env or {})}
    run_env.pop("SPEC_COMPILER_FAST_PATH", None)
    proc = subprocess.run([sys.executable, "-c", _SCRIPT, ",".join(watch), *args], cwd=cwd,
                          env=run_env, capture_output=True, text=True, check=False)
    lines = [x for x in proc.stderr.splitlines() if x.startswith("MODULES")]
    assert lines, proc.stderr
    _, code, found = [*lines[-1].split(" "), ""][:3]
    return LintRun(code, [m for m in found.split(",") if m], proc.stdout)
