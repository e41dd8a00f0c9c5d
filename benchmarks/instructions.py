"""Instructions a serial lint run executes, counted by callgrind: a figure that does not
move with the machine's load, for A/B comparisons on a shared, noisy machine.

    python benchmarks/instructions.py DIR [DIR...] [--from PATH ...]

Each DIR is linted once with ``--no-cache --format json --jobs 1`` (one process:
callgrind counts the process it starts, not forked workers) under ``valgrind
--tool=callgrind``, and the total number of instructions is printed. ``--from PATH``
runs the package installed in PATH (``pip install --no-deps --target PATH .``) instead
of the one this interpreter imports; give it several times to compare trees side by
side. The run starts in a temporary folder, so a source tree in the working directory
is never imported by mistake. Wall time grows ~50x under callgrind: 2000 JSON files take
~20 s, 2000 YAML files ~50 s.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

_COLLECTED = re.compile(r"Collected\s*:\s*(\d+)")


def count(folder: str, tree: str | None) -> int:
    """Instructions of one serial ``spec-compiler lint`` of ``folder``."""
    env = dict(os.environ)
    if tree is not None:
        env["PYTHONPATH"] = os.path.abspath(tree)
    command = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
               sys.executable, "-c", "from spec_compiler.cli import console; console()",
               "lint", os.path.abspath(folder), "--no-cache", "--format", "json",
               "--jobs", "1"]
    with tempfile.TemporaryDirectory() as where:
        done = subprocess.run(command, env=env, cwd=where, capture_output=True, text=True,
                              check=False)
    found = _COLLECTED.search(done.stderr)
    if found is None or done.returncode not in (0, 1):
        raise SystemExit(f"callgrind run failed ({done.returncode}):\n{done.stderr[-2000:]}")
    return int(found.group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="+", metavar="DIR")
    parser.add_argument("--from", dest="trees", action="append", metavar="PATH",
                        help="a package installed with pip install --target PATH")
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed (Debian: apt-get install valgrind)")
    trees: list[str | None] = list(args.trees) if args.trees else [None]
    for folder in args.folders:
        counts = [count(folder, tree) for tree in trees]
        cells = [f"{tree or 'installed'}: {n:,}" for tree, n in zip(trees, counts, strict=True)]
        ratio = f"  ({counts[-1] / counts[0]:.3f}x)" if len(counts) > 1 else ""
        print(f"{folder}  " + "  ".join(cells) + ratio)


if __name__ == "__main__":
    main()
