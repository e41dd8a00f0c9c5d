"""The benchmark suite: spec-compiler against check-jsonschema and the parse floor.

Also the validation floor (parse plus a jsonschema_rs verdict on every core, nothing
else), which is not a target but says how much of one any such linter has left.

    python benchmarks/run.py [--quick] [--n 2000] [--rounds 5] [--rss-rows 1000000]

Everything happens in one run, in a temporary directory: the corpora are generated
(``corpus.py``, deterministic), our schemas exported (``spec-compiler schema export``), and
every job is run as a whole process (start-up included) in interleaved rounds
(A B C ... A B C ...), after one warm-up round that is not timed but is checked (exit
codes, a position for every finding, a finding for every faulty file). Lint runs twice
over: cold (``--no-cache``) and warm (the result cache on, over unchanged files; its
warm-up runs fill the cache and must print exactly what the cold run printed). The table gives
the median of each job and the ratios that the targets are about, all measured in this
run. Peak RSS is measured once per job, each in its own ``/usr/bin/time`` wrapper (or a
small Python wrapper where GNU time is missing). Exit status: 0 when every target is
met, 1 when one is missed, 2 when a tool misbehaved.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import generate

REPO = Path(__file__).resolve().parent.parent
MB = 1024 * 1024

# The parse floor: read every file and parse it with libyaml (PyYAML's CSafeLoader) or
# json.loads, in one process, start-up included. What any Python linter has to pay.
FLOOR_SCRIPT = """\
import json, os, sys
import yaml
loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
paths = []
for arg in sys.argv[1:]:
    if os.path.isdir(arg):
        paths.extend(sorted(e.path for e in os.scandir(arg) if e.is_file()))
    else:
        paths.append(arg)
bad = 0
for path in paths:
    with open(path, "rb") as fh:
        data = fh.read()
    try:
        if path.endswith(".json"):
            json.loads(data)
        else:
            yaml.load(data, Loader=loader)
    except Exception:
        bad += 1
print(len(paths), "files,", bad, "unparsable")
"""

# The validation floor: the parse floor plus a verdict from jsonschema_rs against our
# exported message or conversation schema, on every core (a fork per core, files dealt
# out in turn), start-up and the import included. No rule, no position, no message, no
# finding printed: a lower bound for any linter that validates with jsonschema_rs, which
# tells how much of a target is left once the work no linter can skip is paid. It imports
# jsonschema_rs as lint does (spec_compiler.rsimport: without the email.utils import of
# its build stamp, ~14 ms), so that it stays a floor.
VALIDATION_FLOOR_SCRIPT = """\
import json, os, sys
from spec_compiler.rsimport import load
jsonschema_rs = load()
schemas, paths = sys.argv[1], []
for arg in sys.argv[2:]:
    if os.path.isdir(arg):
        paths.extend(sorted(e.path for e in os.scandir(arg) if e.is_file()))
    else:
        paths.append(arg)
if not all(p.endswith(".json") for p in paths):
    import yaml
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
validators = {}
for kind in ("message", "conversation"):
    with open(os.path.join(schemas, kind + ".schema.json"), encoding="utf-8") as fh:
        validators[kind] = jsonschema_rs.validator_for(json.load(fh), validate_formats=False)
def verdicts(share):
    bad = 0
    for path in share:
        fd = os.open(path, os.O_RDONLY)
        try:  # one read of the file's size, as lint reads (a 16 MB buffer costs ~20 µs a file)
            data = os.read(fd, os.fstat(fd).st_size + 1)
        finally:
            os.close(fd)
        try:
            doc = json.loads(data) if path.endswith(".json") else yaml.load(data, Loader=loader)
            kind = "conversation" if isinstance(doc, dict) and "messages" in doc else "message"
            bad += not validators[kind].is_valid(doc)
        except Exception:
            bad += 1
    return bad
jobs = min(len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1, 8)
children = []
for i in range(1, jobs if len(paths) >= 300 and hasattr(os, "fork") else 1):
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(r)
        os.write(w, str(verdicts(paths[i::jobs])).encode())
        os._exit(0)
    os.close(w)
    children.append((pid, r))
bad = verdicts(paths[0::jobs] if children else paths)
for pid, r in children:
    bad += int(os.read(r, 64) or b"0")
    os.close(r)
    os.waitpid(pid, 0)
print(len(paths), "files,", bad, "invalid or unparsable")
"""

# Where GNU time is missing: run the command as our only child, report its peak RSS (KiB).
RSS_WRAPPER = """\
import resource, subprocess, sys
rc = subprocess.run(sys.argv[2:], stdout=subprocess.DEVNULL).returncode
with open(sys.argv[1], "w") as fh:
    fh.write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))
sys.exit(rc)
"""

# A check-jsonschema schema that sends each file to our exported schema for its kind, so
# that both tools check the same files in one process each (the fairest comparison).
DISPATCH_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "Web1on1 payload: a conversation body or a message body",
    "if": {"type": "object", "required": ["messages"]},
    "then": {"$ref": "./conversation.schema.json"},
    "else": {"$ref": "./message.schema.json"},
}

COMPILE_SPEC = """\
# One message to every row of a CSV: name, phone and date come from the row.
kind: conversation
description: Reminds each contact by SMS that their car is due for its yearly service.
vars:
  name: {type: string, minLength: 1}
  phone: {type: string, format: phone}
  date: {type: string, format: date}
organization: 5c7574c78ae07962b12e264c
contact:
  profile:
    name: "{{ name }}"
    telephone: "{{ phone }}"
messages:
  - text: "Hi {{ name }}, your car is due for its service on {{ date }}. Reply to plan a visit."
    touchpoint: sms
"""

FIRST = ["John", "Anna", "Pieter", "Sanne", "Mohamed", "Lotte", "Daan", "Emma", "Lucas", "Julia"]
LAST = ["Johnson", "de Vries", "Jansen", "van Dijk", "Bakker", "Visser", "Smit", "Meijer"]


def write_rows(path: Path, n: int, seed: int = 1) -> None:
    """A CSV of ``n`` rows (name, phone, date), streamed to disk."""
    rng = random.Random(f"{seed}:rows")
    with open(path, "w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(["name", "phone", "date"])
        for i in range(n):
            out.writerow([f"{rng.choice(FIRST)} {rng.choice(LAST)}",
                          f"+316{rng.randrange(10**8):08d}",
                          f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}"])


# ---------------------------------------------------------------- running processes


@dataclass
class Job:
    name: str
    argv: list[str]
    ok: tuple[int, ...] = (0,)
    times: list[float] = field(default_factory=list)
    rss_kib: int | None = None
    rows: int = 0

    @property
    def median(self) -> float:
        return statistics.median(self.times)


class Tools:
    """How to start each tool: console scripts when installed, else ``python -m``."""

    def __init__(self, from_source: bool = False) -> None:
        bindir = Path(sys.executable).parent
        sc, cj = bindir / "spec-compiler", bindir / "check-jsonschema"
        self.env = dict(os.environ)
        for var in ("SPEC_COMPILER_DEBUG", "PYTHONDONTWRITEBYTECODE", "PYTHONPROFILEIMPORTTIME"):
            self.env.pop(var, None)
        if sc.exists() and cj.exists() and not from_source:
            self.spec_compiler, self.check_jsonschema = [str(sc)], [str(cj)]
            self.how = "console scripts"
        else:
            # the same start-up path for both tools: python -m
            self.spec_compiler = [sys.executable, "-m", "spec_compiler"]
            self.check_jsonschema = [sys.executable, "-m", "check_jsonschema"]
            self.how = "python -m"
            if from_source or _package_dir(self.env) is None:
                self.env["PYTHONPATH"] = os.pathsep.join(
                    p for p in (str(REPO), os.environ.get("PYTHONPATH", "")) if p)
        self.package = _package_dir(self.env)
        self.time = shutil.which("time", path="/usr/bin:/bin")


def _package_dir(env: dict[str, str]) -> str | None:
    """Where the spec_compiler that the tools will run is imported from."""
    probe = [sys.executable, "-c", "import importlib.util as u; s = u.find_spec('spec_compiler'); "
             "print(s.submodule_search_locations[0] if s else '')"]
    out = subprocess.run(probe, cwd=tempfile.gettempdir(), env=env, capture_output=True,
                         text=True).stdout.strip()
    return out or None


def _sources(package: Path) -> dict[str, bytes]:
    """The package's Python sources and schemas, by relative path (to compare two copies)."""
    if not package.is_dir():
        return {}
    return {str(p.relative_to(package)): p.read_bytes() for p in sorted(package.rglob("*"))
            if p.suffix in (".py", ".json") and "__pycache__" not in p.parts}


def _ruamel_backend(tools: Tools) -> str:
    """Whether check-jsonschema's ruamel.yaml has its C extension (``ruamel.yaml.clib``,
    which ruamel.yaml 0.19 no longer requires): about twice as fast on YAML."""
    probe = [sys.executable, "-c", "import ruamel.yaml as r\n"
             "try:\n import _ruamel_yaml\n c = 'with its C extension (ruamel.yaml.clib)'\n"
             "except ImportError:\n c = 'in pure Python (no ruamel.yaml.clib)'\n"
             "print(r.__version__, c)"]
    done = subprocess.run(probe, cwd=tempfile.gettempdir(), env=tools.env, capture_output=True,
                          text=True)
    return done.stdout.strip() or "(not importable here)"


def run_once(job: Job, tools: Tools, cwd: Path, *, capture: bool = False) -> tuple[float, str]:
    out = subprocess.PIPE if capture else subprocess.DEVNULL
    start = time.perf_counter()
    proc = subprocess.run(job.argv, cwd=cwd, env=tools.env, stdout=out,
                          stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - start
    if proc.returncode not in job.ok:
        sys.stderr.write(f"\n{job.name}: exit {proc.returncode} (expected {job.ok})\n"
                         f"  {' '.join(job.argv)}\n{proc.stderr[-3000:]}\n")
        raise SystemExit(2)
    return elapsed, proc.stdout if capture else ""


def peak_rss(argv: Sequence[str], tools: Tools, cwd: Path) -> int:
    """Peak RSS (KiB) of the largest process of one run, in a wrapper of its own."""
    with tempfile.NamedTemporaryFile("r", suffix=".rss", dir=cwd) as out:
        if tools.time:
            cmd = [tools.time, "-f", "%M", "-o", out.name, *argv]
        else:
            cmd = [sys.executable, "-c", RSS_WRAPPER, out.name, *argv]
        subprocess.run(cmd, cwd=cwd, env=tools.env, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        text = Path(out.name).read_text().strip().splitlines()
    return int(text[-1])


# ---------------------------------------------------------------- checking outputs


def check_lint(output: str, manifest: dict[str, Any] | None, label: str) -> list[str]:
    """Every finding has a position; every faulty file has a finding. Returns notes."""
    report = json.loads(output)
    diags = report["diagnostics"]
    notes = []
    unplaced = [d for d in diags if not (d.get("line", 0) >= 1 and d.get("column", 0) >= 1)]
    if unplaced:
        sys.stderr.write(f"{label}: {len(unplaced)} findings without a position, e.g. "
                         f"{unplaced[0]}\n")
        raise SystemExit(2)
    by_file: dict[str, list[dict[str, Any]]] = {}
    for d in diags:
        by_file.setdefault(Path(d["file"]).name, []).append(d)
    counts = {s: sum(1 for d in diags if d["severity"] == s) for s in ("error", "warning", "info")}
    notes.append(f"{label}: {len(diags)} findings ({counts['error']} errors, "
                 f"{counts['warning']} warnings, {counts['info']} info), all with a position")
    if manifest is not None:
        faulty = {f["file"]: f["fault"] for f in manifest["files"] if f["fault"]}
        missed = sorted(f"{name} ({fault})" for name, fault in faulty.items()
                        if name not in by_file)
        clean_hits = sorted(name for name in by_file if name not in faulty)
        notes.append(f"{label}: {len(faulty) - len(missed)}/{len(faulty)} faulty files have "
                     f"a finding; {len(clean_hits)} clean files have findings")
        if missed:
            notes.append(f"{label}: MISSED {', '.join(missed[:8])}")
        if clean_hits:
            codes: dict[str, int] = {}
            for name in clean_hits:
                for d in by_file[name]:
                    codes[d["code"]] = codes.get(d["code"], 0) + 1
            top = ", ".join(f"{c}×{n}" for c, n in sorted(codes.items(), key=lambda x: -x[1]))
            notes.append(f"{label}: findings on clean files: {top[:300]}")
    return notes


def profile(lint_args: list[str], tools: Tools, cwd: Path, top: int = 30) -> str:
    """Top cumulative entries of ``spec-compiler lint`` under cProfile (package and libs)."""
    out = cwd / "prof.out"
    subprocess.run([sys.executable, "-m", "cProfile", "-o", str(out), "-m", "spec_compiler",
                    "lint", *lint_args, "--format", "json", "--no-cache"], cwd=cwd, env=tools.env,
                   stdout=subprocess.DEVNULL, check=False)
    code = ("import pstats, sys; s = pstats.Stats(sys.argv[1]); "
            "s.sort_stats('cumulative').print_stats(sys.argv[2], int(sys.argv[3]))")
    text = subprocess.run([sys.executable, "-c", code, str(out),
                           r"spec_compiler/(?!cli\.py|__main__)|yaml|json|difflib|importlib/__init__",
                           str(top)], capture_output=True, text=True).stdout
    keep = [line for line in text.splitlines()
            if line.strip() and not line.startswith(("   List reduced", "   Ordered by"))]
    return "\n".join(line.replace(str(REPO) + "/", "").replace(sys.prefix + "/", "")
                     for line in keep[1:])


# ---------------------------------------------------------------- the table


def fmt_time(seconds: float) -> str:
    return f"{seconds * 1000:8.0f} ms" if seconds < 10 else f"{seconds:8.2f} s "


@dataclass
class Target:
    label: str
    value: float
    limit: float
    unit: str
    higher_is_better: bool = False

    @property
    def met(self) -> bool:
        return self.value >= self.limit if self.higher_is_better else self.value <= self.limit

    def row(self) -> str:
        op = "≥" if self.higher_is_better else "≤"
        if self.unit == "×":
            got, want = f"{self.value:.3f}×", f"{op} {self.limit:g}×"
        elif self.unit == "rows/s":
            got, want = f"{self.value:,.0f} rows/s", f"{op} {self.limit:,.0f} rows/s"
        else:
            got, want = f"{self.value:.1f} MB", f"{op} {self.limit:g} MB"
        return f"  {self.label:<46} {got:>16}  {want:>18}  {'PASS' if self.met else 'FAIL'}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="3 rounds instead of 5")
    parser.add_argument("--rounds", type=int, help="timed rounds (default 5; 3 with --quick)")
    parser.add_argument("--n", type=int, default=2000, help="files per corpus (default 2000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rows", type=int, default=100_000, help="rows to compile (default "
                        "100000)")
    parser.add_argument("--rss-rows", type=int, default=0, help="also measure compile peak RSS "
                        "at this many rows (e.g. 1000000)")
    parser.add_argument("--workdir", type=Path, help="keep corpora and outputs here "
                        "(default: a temporary directory, removed afterwards)")
    parser.add_argument("--json", type=Path, help="also write the results as JSON")
    parser.add_argument("--from-source", action="store_true", help="run spec-compiler from "
                        "this checkout (python -m, PYTHONPATH) even when it is installed")
    parser.add_argument("--profile", action="store_true", help="also print a cProfile summary "
                        "of lint (2000 YAML files, -j 1; and 3 files)")
    parser.add_argument("--only", help="comma-separated job keys (python, floor3, cjs3, lint3, "
                        "lint3w, floorY, vfloorY, cjsY, lintY, lintYw, floorJ, vfloorJ, cjsJ, "
                        "lintJ, lintJw, "
                        "compile; lint* is cold, lint*w warm: the result cache on, over "
                        "unchanged files): to check the harness; targets whose jobs did not "
                        "run are left out")
    args = parser.parse_args(argv)
    rounds = args.rounds or (3 if args.quick else 5)

    tools = Tools(args.from_source)
    if args.workdir:
        args.workdir.mkdir(parents=True, exist_ok=True)
        return _run(args, rounds, tools, args.workdir.resolve())
    with tempfile.TemporaryDirectory(prefix="spec-compiler-bench-") as tmp:
        return _run(args, rounds, tools, Path(tmp))


def _run(args: argparse.Namespace, rounds: int, tools: Tools, work: Path) -> int:
    say = lambda text: print(text, file=sys.stderr, flush=True)  # noqa: E731
    say(f"workdir {work}; tools started as {tools.how}; spec_compiler from {tools.package}")
    here = REPO / "spec_compiler"
    if tools.package and _sources(Path(tools.package)) != _sources(here):
        say(f"WARNING: the installed spec_compiler ({tools.package}) differs from this "
            f"checkout's ({here}): reinstall, or use --from-source to measure the checkout")

    # ---- inputs
    t0 = time.perf_counter()
    manifests = {fmt: generate(work / fmt, args.n, fmt, args.seed) for fmt in ("yaml", "json")}
    for fmt, m in manifests.items():
        say(f"corpus {fmt}: {m['n']} files, {m['bytes'] / 1e6:.2f} MB, {m['faulty']} faulty "
            f"({time.perf_counter() - t0:.1f} s)")
    schemas = work / "schemas"
    subprocess.run([*tools.spec_compiler, "schema", "export", str(schemas)], cwd=work,
                   env=tools.env, check=True, stdout=subprocess.DEVNULL)
    dispatch = schemas / "payload.schema.json"
    dispatch.write_text(json.dumps(DISPATCH_SCHEMA, indent=2) + "\n", encoding="utf-8")
    floor = work / "parse_floor.py"
    floor.write_text(FLOOR_SCRIPT, encoding="utf-8")
    vfloor = work / "validation_floor.py"
    vfloor.write_text(VALIDATION_FLOOR_SCRIPT, encoding="utf-8")
    few = [work / "yaml" / f["file"] for f in manifests["yaml"]["files"]
           if f["kind"] == "message" and not f["fault"]][:3]
    spec = work / "reminder.yaml"
    spec.write_text(COMPILE_SPEC, encoding="utf-8")
    rows_csv = work / f"rows-{args.rows}.csv"
    write_rows(rows_csv, args.rows, args.seed)
    out_jsonl = work / "out.jsonl"

    py = sys.executable
    sc, cj = tools.spec_compiler, tools.check_jsonschema
    cjs = [*cj, "--schemafile", str(dispatch)]
    ydir, jdir = work / "yaml", work / "json"
    yfiles = sorted(str(p) for p in ydir.iterdir())
    jfiles = sorted(str(p) for p in jdir.iterdir())

    def compile_argv(rows: Path) -> list[str]:
        return [*sc, "compile", str(spec), "--rows", str(rows), "--format", "jsonl",
                "-o", str(out_jsonl), "--no-progress"]

    jobs = {
        "python": Job("python -c pass", [py, "-c", "pass"]),
        "floor3": Job("parse floor, 3 YAML files", [py, str(floor), *map(str, few)]),
        "cjs3": Job("check-jsonschema, 3 YAML files", [*cjs, *map(str, few)]),
        "lint3": Job("spec-compiler lint, 3 YAML files, cold",
                     [*sc, "lint", *map(str, few), "--format", "json", "--no-cache"]),
        "lint3w": Job("spec-compiler lint, 3 YAML files, warm",
                      [*sc, "lint", *map(str, few), "--format", "json"]),
        "floorY": Job(f"parse floor, {args.n} YAML files", [py, str(floor), str(ydir)]),
        "vfloorY": Job(f"validation floor, {args.n} YAML files",
                       [py, str(vfloor), str(schemas), str(ydir)]),
        "cjsY": Job(f"check-jsonschema, {args.n} YAML files", [*cjs, *yfiles], ok=(0, 1)),
        "lintY": Job(f"spec-compiler lint, {args.n} YAML files, cold",
                     [*sc, "lint", str(ydir), "--format", "json", "--no-cache"], ok=(0, 1)),
        "lintYw": Job(f"spec-compiler lint, {args.n} YAML files, warm",
                      [*sc, "lint", str(ydir), "--format", "json"], ok=(0, 1)),
        "floorJ": Job(f"parse floor, {args.n} JSON files", [py, str(floor), str(jdir)]),
        "vfloorJ": Job(f"validation floor, {args.n} JSON files",
                       [py, str(vfloor), str(schemas), str(jdir)]),
        "cjsJ": Job(f"check-jsonschema, {args.n} JSON files", [*cjs, *jfiles], ok=(0, 1)),
        "lintJ": Job(f"spec-compiler lint, {args.n} JSON files, cold",
                     [*sc, "lint", str(jdir), "--format", "json", "--no-cache"], ok=(0, 1)),
        "lintJw": Job(f"spec-compiler lint, {args.n} JSON files, warm",
                      [*sc, "lint", str(jdir), "--format", "json"], ok=(0, 1)),
        "compile": Job(f"spec-compiler compile, {args.rows:,} rows", compile_argv(rows_csv),
                       rows=args.rows),
    }

    if args.only:
        wanted = set(args.only.split(","))
        jobs = {k: j for k, j in jobs.items() if k in wanted or k == "python"}

    # ---- warm-up round: caches warm, outputs checked. A warm lint job (the result cache
    # on, the default) runs twice here: the first run fills the cache, the second must
    # print exactly what the cold (--no-cache) job printed.
    notes: list[str] = []
    cold_out: dict[str, str] = {}
    for key, job in jobs.items():
        elapsed, out = run_once(job, tools, work, capture=key.startswith("lint"))
        say(f"warm-up {job.name}: {elapsed:.2f} s")
        if key.startswith("lint") and key.endswith("w"):
            elapsed, again = run_once(job, tools, work, capture=True)
            say(f"warm-up {job.name}, second run: {elapsed:.2f} s")
            for label, text in (("first", out), ("second", again)):
                if key[:-1] in cold_out and text != cold_out[key[:-1]]:
                    say(f"{job.name}: the {label} run's output differs from the cold run's")
                    raise SystemExit(2)
            if key[:-1] in cold_out:
                notes.append(f"{job.name}: output identical to the cold run's")
            out = again
        else:
            cold_out[key] = out
        if key.startswith("lint3"):
            notes += check_lint(out, None, "3 YAML files")
        elif key[:5] in ("lintY", "lintJ"):
            notes += check_lint(out, manifests["yaml" if key[4] == "Y" else "json"],
                                f"{args.n} {'YAML' if key[4] == 'Y' else 'JSON'}"
                                f"{', warm' if key.endswith('w') else ''}")
        elif key == "compile":
            with open(out_jsonl, "rb") as fh:
                lines = sum(1 for _ in fh)
            if lines != args.rows:
                say(f"compile wrote {lines} requests for {args.rows} rows")
                raise SystemExit(2)
            notes.append(f"compile: {lines:,} requests written (JSONL)")

    # ---- timed rounds, interleaved
    for r in range(rounds):
        for job in jobs.values():
            job.times.append(run_once(job, tools, work)[0])
        say(f"round {r + 1}/{rounds} done")

    # ---- peak RSS, one wrapper process per measurement
    rss_keys = [k for k in ("lint3", "lintY", "lintYw", "lintJ", "lintJw", "cjsY", "compile")
                if k in jobs]
    for key in rss_keys:
        jobs[key].rss_kib = peak_rss(jobs[key].argv, tools, work)
    rss_rows: dict[int, int] = {}
    if "compile" in jobs:
        rss_rows[args.rows] = jobs["compile"].rss_kib or 0
        for n in sorted({10_000, args.rss_rows} - {0, args.rows}):
            path = work / f"rows-{n}.csv"
            write_rows(path, n, args.seed)
            rss_rows[n] = peak_rss(compile_argv(path), tools, work)
            path.unlink()
    say("peak RSS measured")

    # ---- the table
    med = {k: j.median for k, j in jobs.items()}
    lines = [
        f"spec-compiler benchmarks: {args.n} files per corpus, seed {args.seed}, "
        f"{rounds} interleaved rounds, medians (whole processes, start-up included)",
        f"{platform.python_implementation()} {platform.python_version()} on "
        f"{platform.machine()}, {os.cpu_count()} CPUs; tools started as {tools.how}",
        f"spec_compiler from {tools.package}; "
        f"corpora {manifests['yaml']['bytes'] / 1e6:.2f} MB YAML, "
        f"{manifests['json']['bytes'] / 1e6:.2f} MB JSON, "
        f"{manifests['yaml']['faulty']} faulty files each",
        f"check-jsonschema reads YAML with ruamel.yaml {_ruamel_backend(tools)}",
        "",
        f"  {'job':<46} {'median':>11} {'min-max':>17}  {'× python':>8} {'× parse':>8}",
    ]
    groups = [("", ["python"]),
              ("3 YAML files (a pre-commit run)", ["floor3", "cjs3", "lint3", "lint3w"]),
              (f"{args.n} YAML files", ["floorY", "vfloorY", "cjsY", "lintY", "lintYw"]),
              (f"{args.n} JSON files", ["floorJ", "vfloorJ", "cjsJ", "lintJ", "lintJw"]),
              ("compile", ["compile"])]
    parse_of = {"3": "floor3", "Y": "floorY", "J": "floorJ"}
    for title, keys in groups:
        keys = [k for k in keys if k in jobs]
        if title and keys:
            lines.append(f"  {title}")
        for k in keys:
            j = jobs[k]
            spread = f"{min(j.times) * 1000:.0f}-{max(j.times) * 1000:.0f} ms"
            x_floor = f"{j.median / med['python']:7.1f}×"
            parse = parse_of.get(k.removesuffix("w")[-1])
            x_parse = (f"{j.median / med[parse]:7.2f}×"
                       if parse in med and k != parse else "")
            lines.append(f"  {j.name:<46} {fmt_time(j.median):>11} {spread:>17}  "
                         f"{x_floor:>8} {x_parse:>8}")
    lines.append("")
    lines.append("  peak RSS (largest process of the run)")
    for key in rss_keys:
        if key != "compile":
            lines.append(f"  {jobs[key].name:<46} {(jobs[key].rss_kib or 0) / 1024:8.1f} MB")
    for n, kib in sorted(rss_rows.items()):
        lines.append(f"  {f'spec-compiler compile, {n:,} rows':<46} {kib / 1024:8.1f} MB")

    targets: list[Target] = []
    # the 3-file run is a pre-commit run (changed files): cold is what counts there; for
    # 2000 files both are reported, cold (--no-cache) and warm (unchanged files, cached)
    for key, limit, what in (("3", 0.25, "3 YAML files"), ("Y", 0.07, f"{args.n} YAML files"),
                             ("J", 0.04, f"{args.n} JSON files")):
        for suffix, how in (("", "cold"), ("w", "warm")):
            if key == "3" and suffix:
                continue
            if f"lint{key}{suffix}" in med and f"cjs{key}" in med:
                targets.append(Target(f"lint {what}, {how} / check-jsonschema",
                                      med[f"lint{key}{suffix}"] / med[f"cjs{key}"], limit, "×"))
    # not targets: where the validation floor stands against the same limits
    floors = [(f"validation floor, {args.n} {what} files / check-jsonschema",
               med[f"vfloor{key}"] / med[f"cjs{key}"], limit)
              for key, limit, what in (("Y", 0.07, "YAML"), ("J", 0.04, "JSON"))
              if f"vfloor{key}" in med and f"cjs{key}" in med]
    if "compile" in med:
        big, small = max(rss_rows), min(rss_rows)
        targets += [
            Target(f"compile {args.rows:,} rows", args.rows / med["compile"], 20_000, "rows/s",
                   True),
            Target(f"compile peak RSS at {big:,} rows", rss_rows[big] / 1024, 100, "MB"),
            Target(f"compile RSS growth {small:,} → {big:,} rows",
                   (rss_rows[big] - rss_rows[small]) / 1024, 10, "MB"),
        ]
    for key, what in (("lintY", "YAML"), ("lintJ", "JSON")):
        if key in jobs:
            targets.append(Target(f"peak RSS, lint {args.n} {what} files, cold",
                                  (jobs[key].rss_kib or 0) / 1024, 80, "MB"))
    lines += ["", f"  {'target (ratios from this run)':<46} {'measured':>16}  {'target':>18}",
              *(t.row() for t in targets)]
    if floors:
        lines += ["", "  for comparison (no rule, no position, no finding: not a target)"]
        lines += [f"  {label:<46} {f'{value:.3f}×':>16}  {f'(limit {limit:g}×)':>18}"
                  for label, value, limit in floors]
    lines += ["", *(f"  {n}" for n in notes)]
    print("\n".join(lines))
    if args.profile:
        for label, argv in ((f"lint {args.n} YAML files, one process", [str(ydir), "-j", "1"]),
                            ("lint 3 YAML files", list(map(str, few)))):
            print(f"\ncProfile, {label}: top entries by cumulative time")
            print(profile(argv, tools, work))
    if args.json:
        args.json.write_text(json.dumps({
            "rounds": rounds, "n": args.n, "rows": args.rows,
            "jobs": {k: {"name": j.name, "times": j.times, "median": j.median,
                         "rss_kib": j.rss_kib} for k, j in jobs.items()},
            "compile_rss_kib": rss_rows,
            "targets": [{"label": t.label, "value": t.value, "limit": t.limit, "met": t.met}
                        for t in targets],
        }, indent=1) + "\n", encoding="utf-8")
    return 0 if all(t.met for t in targets) else 1


if __name__ == "__main__":
    sys.exit(main())
