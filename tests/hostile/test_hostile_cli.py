"""Hostile input end to end: the commands give findings or clean errors, never tracebacks."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from spec_compiler import walker
from spec_compiler.cli import cli

from .test_load_hostile import billion_laughs

CASES: list[tuple[str, bytes, set[str]]] = [
    ("bomb.yaml", billion_laughs().encode(), {"YAML004"}),
    ("deep.yaml", b"[" * 60_000 + b"]" * 60_000, {"YAML005"}),
    ("deep.json", b"[" * 60_000 + b"]" * 60_000, {"YAML005"}),
    ("binary.yaml", b"\x00\x01\x02\x03", {"IO003"}),
    ("latin1.yaml", b"role: agent\ntext: caf\xe9\n", {"IO004"}),
    ("evil.yaml", b"role: agent\ntext: !!python/object/apply:os.system ['touch pwned']\n",
     {"YAML003"}),
    ("empty.yaml", b"", {"YAML007"}),
    ("scalar.yaml", b"just a string\n", {"SCHEMA001"}),
    ("lists.yaml", b"- [1, 2]\n- [3]\n", {"SCHEMA001"}),
    ("keys.yaml", b"role: agent\ntext: hi\n1: x\n", {"YAML006"}),
    ("dup.json", b'{"role": "agent", "text": "a", "text": "b"}', {"YAML002"}),
    ("dup.yaml", b"role: agent\ntext: a\ntext: b\n", {"YAML002"}),
    ("merge.yaml", b"base: &b {role: agent}\nmsg:\n  <<: *b\n  text: hi\n", set()),
    ("bom16.yaml", "role: agent\ntext: hi\n".encode("utf-16"), set()),
]


def lint(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["lint", "--format", "json", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.stdout


@pytest.mark.parametrize(("name", "raw", "codes"), CASES, ids=[c[0] for c in CASES])
def test_hostile_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, raw: bytes,
                      codes: set[str]) -> None:
    target = tmp_path / name
    target.write_bytes(raw)
    monkeypatch.chdir(tmp_path)
    t0 = time.perf_counter()
    status, out = lint(str(target))
    assert time.perf_counter() - t0 < 5
    report = json.loads(out)
    found = {d["code"] for d in report["diagnostics"]}
    assert codes <= found, report
    assert status == (1 if report["summary"]["error"] else 0)
    assert not (tmp_path / "pwned").exists()
    for d in report["diagnostics"]:
        assert d["line"] >= 1 and d["column"] >= 1


def test_all_hostile_files_in_one_run_and_other_files_still_linted(tmp_path: Path) -> None:
    for name, raw, _ in CASES:
        (tmp_path / name).write_bytes(raw)
    (tmp_path / "good.yaml").write_text("role: agent\ntext: hi\n")
    (tmp_path / "bad.yaml").write_text("role: agnet\ntext: hi\n")
    status, out = lint(str(tmp_path))
    report = json.loads(out)
    assert status == 1
    assert report["summary"]["files"] == len(CASES) + 2
    assert any(d["file"].endswith("bad.yaml") and d["code"] == "SCHEMA003"
               for d in report["diagnostics"])


def test_file_vanishing_mid_run_is_a_finding(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    for i in range(3):
        (tmp_path / f"m{i}.yaml").write_text("role: agent\ntext: hi\n")
    real = walker.discover

    def discover_then_delete(*args: Any, **kwargs: Any) -> Any:
        found = real(*args, **kwargs)
        (tmp_path / "m1.yaml").unlink()
        return found

    monkeypatch.setattr(walker, "discover", discover_then_delete)
    status, out = lint(str(tmp_path))
    report = json.loads(out)
    assert status == 1
    assert [(Path(d["file"]).name, d["code"]) for d in report["diagnostics"]] == [
        ("m1.yaml", "IO001")]


def test_device_and_fifo_arguments(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    t0 = time.perf_counter()
    status, out = lint(str(fifo), "/dev/zero")
    assert time.perf_counter() - t0 < 5
    assert status == 1
    assert {d["code"] for d in json.loads(out)["diagnostics"]} == {"IO001"}


def test_size_limit_from_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "spec-compiler.toml").write_text("[limits]\nmax-file-bytes = 100\n")
    big = tmp_path / "big.yaml"
    big.write_text("role: agent\ntext: " + "x" * 200 + "\n")
    monkeypatch.chdir(tmp_path)
    status, out = lint(str(big))
    assert status == 1
    assert [d["code"] for d in json.loads(out)["diagnostics"]] == ["IO002"]


def test_remote_schema_in_config_is_refused_not_fetched(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_network: list[Any]) -> None:
    (tmp_path / "spec-compiler.toml").write_text('"$schema" = "https://evil.example/s.json"\n')
    monkeypatch.chdir(tmp_path)
    (tmp_path / "m.yaml").write_text("role: agent\ntext: hi\n")
    result = CliRunner().invoke(cli, ["lint", "m.yaml"])
    assert result.exit_code == 2
    assert "schema" in result.output.lower()


SPEC = """\
kind: conversation
vars:
  name: {type: string}
organization: 5c7574c78ae07962b12e264c
contact: {profile: {name: "{{ name }}", email: a@example.com}}
messages:
  - {text: "Hi {{ name }}", touchpoint: email}
"""


def test_interrupted_bulk_compile_leaves_no_partial_file(tmp_path: Path) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_text(SPEC)
    rows = tmp_path / "rows.csv"
    with rows.open("w") as fh:
        fh.write("name\n")
        fh.writelines(f"Person {i}\n" for i in range(2_000_000))
    out = tmp_path / "out.jsonl"
    out.write_text("previous output\n")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    proc = subprocess.Popen(
        [sys.executable, "-m", "spec_compiler", "compile", str(spec), "--rows", str(rows),
         "--format", "jsonl", "-o", str(out)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=tmp_path, env=env,
    )
    time.sleep(2.0)
    assert proc.poll() is None, "the run finished before it could be interrupted"
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode != 0
    assert b"Traceback" not in err
    assert out.read_text() == "previous output\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.jsonl", "rows.csv", "spec.yaml"]


def test_ctrl_c_during_a_parallel_lint_exits_130_and_leaves_no_worker(tmp_path: Path) -> None:
    """Ctrl-C reaches the whole process group: the workers and this process alike. It is
    an interruption (130), never an internal error, and no worker outlives the run."""
    if not Path("/proc/self/stat").exists():
        pytest.skip("needs /proc to see the workers")
    body = ("role: agent\ntext: Your car is ready\n"
            "actions:\n  - {type: reply, text: Ok, payload: OK}\n")
    for i in range(6000):
        (tmp_path / f"m{i:04}.yaml").write_text(body if i % 40 else "role: agent\ntext: ''\n")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    proc = subprocess.Popen(
        [sys.executable, "-m", "spec_compiler", "lint", ".", "--no-cache", "-j", "2"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=tmp_path, env=env,
        start_new_session=True,
    )
    deadline = time.monotonic() + 30
    while len(_group_members(proc.pid)) < 2 and proc.poll() is None:
        assert time.monotonic() < deadline, "no worker was forked"
        time.sleep(0.005)
    assert proc.poll() is None, "the run finished before it could be interrupted"
    os.killpg(proc.pid, signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert b"interrupted" in err
    assert b"internal error" not in err and b"Traceback" not in err, err
    assert _group_members(proc.pid) == []


def _group_members(pgid: int) -> list[int]:
    """Processes still in process group ``pgid`` (Linux /proc; [] elsewhere)."""
    found = []
    for entry in Path("/proc").glob("[0-9]*/stat") if Path("/proc/self/stat").exists() else []:
        try:
            fields = entry.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid and fields[0] != "Z":
            found.append(int(entry.parent.name))
    return found
