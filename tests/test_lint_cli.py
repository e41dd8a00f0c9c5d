"""``spec-compiler lint`` through click: exit codes, formats, options."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from spec_compiler.cli import cli
from spec_compiler.lint_cmd import LintOptions, lint_targets, run
from spec_compiler.walker import discover

BAD = (
    "role: agent\ntouchpoint: sms\nmeta:\n  SenderID: Tims Truckshop BV\ntext: Your car is ready\n"
)
WARN = "text: Your car is ready\n"  # no role: MSG002 warning
GOOD = "role: agent\ntext: Your car is ready\n"
BAD_LINE = (
    "bad.yaml:4:13: SMS001 error sender id 'Tims Truckshop BV' is 17 characters; "
    "at most 11 are allowed"
)


@pytest.fixture(autouse=True)
def clean_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in ("GITHUB_ACTIONS", "NO_COLOR", "TERM"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bad.yaml").write_text(BAD, encoding="utf-8")
    (tmp_path / "warn.yaml").write_text(WARN, encoding="utf-8")
    (tmp_path / "good.yaml").write_text(GOOD, encoding="utf-8")
    return tmp_path


def lint(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner(env=env).invoke(cli, ["lint", *args], catch_exceptions=False)


def test_clean_file_exits_0() -> None:
    result = lint("good.yaml")
    assert (result.exit_code, result.stdout) == (0, "All checks passed.\n")


def test_errors_exit_1() -> None:
    result = lint("bad.yaml", "good.yaml")
    assert result.exit_code == 1
    assert result.stdout == f"{BAD_LINE}\nFound 1 error in 1 file.\n"


def test_warnings_exit_0_unless_strict() -> None:
    assert lint("warn.yaml").exit_code == 0
    result = lint("--strict", "warn.yaml")
    assert result.exit_code == 1
    assert "MSG002 warning" in result.stdout


def test_directory_argument_is_walked() -> None:
    result = lint(".")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0] == BAD_LINE and lines[1].startswith("warn.yaml:1:1: MSG002 warning")
    assert lines[-1] == "Found 1 error, 1 warning in 2 files."


def test_default_path_is_the_current_folder() -> None:
    assert lint().exit_code == 1


def test_missing_file_is_a_finding_not_a_crash() -> None:
    result = lint("nope.yaml", "good.yaml")
    assert result.exit_code == 1
    assert result.stdout.startswith("nope.yaml:1:1: IO001 error cannot read file:")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs")
def test_fifo_argument_never_hangs(clean_env: Path) -> None:
    os.mkfifo(clean_env / "pipe.yaml")
    result = lint("pipe.yaml")
    assert result.exit_code == 1
    assert result.stdout.startswith("pipe.yaml:1:1: IO001 error not a regular file")


def test_json_format_exact_shape() -> None:
    result = lint("--format", "json", "bad.yaml", "good.yaml")
    assert result.exit_code == 1
    assert json.loads(result.stdout) == {
        "version": 1,
        "diagnostics": [
            {
                "file": "bad.yaml",
                "line": 4,
                "column": 13,
                "end_line": 4,
                "end_column": 30,
                "code": "SMS001",
                "rule": "sender-id-format",
                "severity": "error",
                "message": "sender id 'Tims Truckshop BV' is 17 characters; at most 11 are allowed",
                "pointer": "/meta/SenderID",
                "document": 0,
            }
        ],
        "summary": {"files": 2, "error": 1, "warning": 0, "info": 0},
    }


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github", "junit"])
def test_output_file(clean_env: Path, fmt: str) -> None:
    result = lint("--format", fmt, "--output", "report.out", "bad.yaml")
    assert result.exit_code == 1
    assert result.stdout == ""
    report = (clean_env / "report.out").read_text("utf-8")
    assert "SMS001" in report
    assert [p.name for p in clean_env.iterdir() if p.name.startswith(".report")] == []


def test_output_to_a_missing_folder_is_a_usage_error() -> None:
    result = lint("--output", "no/such/dir/report.txt", "bad.yaml")
    assert result.exit_code == 2
    assert "cannot write 'no/such/dir/report.txt'" in result.stderr


def test_statistics() -> None:
    result = lint("--statistics", "bad.yaml", "warn.yaml")
    assert result.stdout.splitlines()[-3:] == [
        "1  MSG002  missing-role",
        "1  SMS001  sender-id-format",
        "Found 1 error, 1 warning in 2 files.",
    ]


def test_statistics_of_machine_formats_go_to_stderr() -> None:
    result = lint("--statistics", "--format", "json", "bad.yaml")
    json.loads(result.stdout)
    assert result.stderr == "1  SMS001  sender-id-format\n"


def test_select_and_ignore() -> None:
    assert lint("--ignore", "SMS001", "bad.yaml").exit_code == 0
    assert lint("--select", "MSG", "bad.yaml").exit_code == 0
    assert lint("--select", "SMS", "bad.yaml").exit_code == 1


def test_unknown_code_on_the_command_line_exits_2() -> None:
    result = lint("--select", "SMSS", "bad.yaml")
    assert result.exit_code == 2
    assert result.stderr == (
        "spec-compiler: error: --select: unknown code or prefix 'SMSS'; did you mean 'SMS'?\n"
    )


def test_bad_config_exits_2(clean_env: Path) -> None:
    (clean_env / "spec-compiler.toml").write_text("selct = ['SMS']\n", encoding="utf-8")
    result = lint("bad.yaml")
    assert result.exit_code == 2
    assert result.stderr == (
        "spec-compiler: error: spec-compiler.toml: 'selct' is not a known "
        "key; did you mean 'select'?\n"
    )
    assert result.stdout == ""


def test_config_is_used(clean_env: Path) -> None:
    (clean_env / "spec-compiler.toml").write_text(
        '[severity]\nSMS001 = "warning"\n', encoding="utf-8"
    )
    result = lint("bad.yaml")
    assert result.exit_code == 0
    assert "SMS001 warning" in result.stdout


def test_explicit_config(clean_env: Path) -> None:
    (clean_env / "lint.toml").write_text('ignore = ["SMS"]\n', encoding="utf-8")
    assert lint("--config", "lint.toml", "bad.yaml").exit_code == 0
    result = lint("--config", "missing.toml", "bad.yaml")
    assert result.exit_code == 2
    assert "configuration file 'missing.toml' does not exist" in result.stderr


def test_github_format_is_automatic_on_github_actions() -> None:
    result = lint("bad.yaml", env={"GITHUB_ACTIONS": "true"})
    assert result.stdout.startswith(
        "::error file=bad.yaml,line=4,col=13,endLine=4,endColumn=30,"
        "title=SMS001 sender-id-format::sender id"
    )
    forced = lint("--format", "text", "bad.yaml", env={"GITHUB_ACTIONS": "true"})
    assert forced.stdout.startswith(BAD_LINE)


def test_kind_override(clean_env: Path) -> None:
    (clean_env / "list.yaml").write_text("- role: agent\n  text: hi\n", encoding="utf-8")
    assert lint("list.yaml").exit_code == 0
    result = lint("--kind", "spec", "list.yaml")
    assert result.exit_code == 1


def test_negative_jobs_is_a_usage_error() -> None:
    assert lint("--jobs", "-1", "bad.yaml").exit_code == 2


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def _run_on_tty(monkeypatch: pytest.MonkeyPatch, color: bool | None, **env: str) -> str:
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    out = Tty()
    run(LintOptions(paths=(Path("bad.yaml"),), color=color), out, io.StringIO())
    return out.getvalue()


def test_terminal_gets_colour_and_a_code_frame(monkeypatch: pytest.MonkeyPatch) -> None:
    out = _run_on_tty(monkeypatch, None)
    assert "\x1b[" in out
    assert "4 |   SenderID: Tims Truckshop BV\n" in out


def test_no_color_is_respected(monkeypatch: pytest.MonkeyPatch) -> None:
    out = _run_on_tty(monkeypatch, None, NO_COLOR="1")
    assert "\x1b[" not in out
    assert "4 |   SenderID: Tims Truckshop BV\n  |             ^^^^^^^^^^^^^^^^^\n" in out


def test_color_flag_wins(monkeypatch: pytest.MonkeyPatch) -> None:
    assert "\x1b[" in _run_on_tty(monkeypatch, True, NO_COLOR="1")
    assert "\x1b[" not in _run_on_tty(monkeypatch, False)


def test_not_a_terminal_no_colour_no_frame() -> None:
    result = lint("--color", "bad.yaml")
    assert "\x1b[" in result.stdout
    assert " | " not in result.stdout


def test_parallel_output_equals_serial(clean_env: Path) -> None:
    for i in range(40):
        (clean_env / f"m{i:02}.yaml").write_text(BAD if i % 3 else WARN, encoding="utf-8")
    serial = lint("--jobs", "1", ".")
    parallel = lint("--jobs", "2", ".")
    assert serial.exit_code == parallel.exit_code == 1
    assert serial.stdout == parallel.stdout
    found = discover([Path(".")])
    from spec_compiler.config import DEFAULT_CONFIG

    a = sorted(lint_targets(found.targets, DEFAULT_CONFIG, None, 1))
    b = sorted(lint_targets(found.targets, DEFAULT_CONFIG, None, 3))
    assert a == b and len(a) == 42


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the forked scheduler")
def test_children_send_uncertified_files_whole_and_once() -> None:
    """Two children send 3000 indices each through one pipe in atomic pieces while the
    parent takes them without waiting, then the rest until both are done."""
    from spec_compiler.lint_cmd import _Found, _send

    read_fd, write_fd = os.pipe()
    pids = []
    for child in range(2):
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child
            os.close(read_fd)
            for at in range(0, 3000, 7):
                _send(write_fd, [child * 100_000 + i for i in range(at, min(at + 7, 3000))])
            _send(write_fd, [])
            os._exit(0)
        pids.append(pid)
    os.close(write_fd)
    stream = _Found(read_fd)
    got = stream.take()  # whatever is there: never blocks
    got += stream.rest()
    for pid in pids:
        assert os.waitpid(pid, 0)[1] == 0
    assert sorted(got) == [c * 100_000 + i for c in range(2) for i in range(3000)]
    assert stream.take() == [] and stream.rest() == []
    stream.close()  # twice is fine


def test_child_results_come_back_as_they_went() -> None:
    """Plain data is marshalled (no pickle import before the fork), results with
    findings are marshalled as the findings' fields and come back as findings, other
    objects are pickled, and bytes that are none of these (a child that died mid-write)
    are a lost result."""
    from spec_compiler.diagnostics import Diagnostic
    from spec_compiler.lint_cmd import _decode, _encode, _Failed

    plain = [(3, ((1, 2, 3, 4, 5), "ab" * 16, [])), (7, (None, None, []))]
    assert _encode(plain)[:1] == b"M" and _decode(_encode(plain)) == plain
    finding = Diagnostic(file="a.json", line=1, column=2, code="MSG001", rule="unknown-field",
                         severity="error", message="m", pointer="/x", document=1,
                         end_line=3, end_column=4)
    fresh = [((1, 2, 3, 4, 5), "ab" * 16, [finding, finding._replace(line=2)]),
             (None, None, [])]
    back = _decode(_encode(fresh))
    assert _encode(fresh)[:1] == b"F" and back == fresh
    # equal compares four fields: every field, and the type, must come back
    assert [[(type(d), tuple(d)) for d in found] for _, _, found in back] == [
        [(Diagnostic, tuple(d)) for d in found] for _, _, found in fresh]
    objects = [(0, (None, None, [finding]))]  # another shape: pickled
    assert _encode(objects)[:1] == b"P" and _decode(_encode(objects)) == objects
    failed = _decode(_encode(_Failed("a rule crashed")))
    assert isinstance(failed, _Failed) and failed == "a rule crashed"
    whole = _encode(plain)
    for broken in (b"", whole[:-3], b"M", b"P" + _encode(objects)[1:-2], b"X" + whole[1:],
                   b"F" + _encode(fresh)[1:-5], b"F" + whole[1:]):
        assert _decode(broken) is None


def test_a_run_with_many_faulty_files_in_three_processes_equals_serial(
        clean_env: Path) -> None:
    # past the size where workers fork, a third of the files with a finding: the
    # children send theirs to the parent as they go, the rest is split at the end
    bad = {"role": "agent", "touchpoint": "sms", "meta": {"SenderID": "Tims Truckshop BV"},
           "text": "Your car is ready"}
    good = {"role": "agent", "text": "Your car is ready"}
    for i in range(330):
        (clean_env / f"m{i:03}.json").write_text(json.dumps(bad if i % 3 == 0 else good),
                                                 encoding="utf-8")
    serial = lint("--jobs", "1", "--no-cache", "--format", "json", ".")
    for jobs in ("2", "3"):
        parallel = lint("--jobs", jobs, "--no-cache", "--format", "json", ".")
        assert (parallel.exit_code, parallel.stdout) == (serial.exit_code, serial.stdout)
    assert serial.stdout.count('"SMS001"') == 110 + 1  # bad.yaml of the fixture


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the forked scheduler")
def test_the_parent_lints_what_it_has_before_it_certifies_more(
        clean_env: Path, tmp_path_factory: pytest.TempPathFactory,
        monkeypatch: pytest.MonkeyPatch) -> None:
    # so that the cores stay evenly busy to the end: a chunk certified while files wait
    # to be linted leaves them for after the children are done. The first 30 files have
    # findings; the child starts only once the parent has certified a chunk (of those
    # files: more than a batch to lint), so the parent certifies more than one chunk
    import time

    from spec_compiler import lint_cmd

    bad = {"role": "agent", "touchpoint": "sms", "meta": {"SenderID": "Tims Truckshop BV"},
           "text": "Your car is ready"}
    good = {"role": "agent", "text": "Your car is ready"}
    for i in range(400):
        (clean_env / f"m{i:03}.json").write_text(json.dumps(bad if i < 30 else good),
                                                 encoding="utf-8")
    started = tmp_path_factory.mktemp("scheduler") / "parent-certified-a-chunk"
    parent = os.getpid()
    waiting: list[int] = []  # how many files were left to lint each time the parent certified
    certify_range = lint_cmd._certify_range

    def watched(*args: object) -> None:
        if os.getpid() == parent:
            waiting.append(len(args[-1]))  # type: ignore[arg-type]
            if len(waiting) == 2:  # the first is file 0's, before the fork
                started.touch()
        else:
            deadline = time.monotonic() + 30
            while not started.exists() and time.monotonic() < deadline:
                time.sleep(0.001)
        certify_range(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(lint_cmd, "_certify_range", watched)
    result = lint("--jobs", "2", "--no-cache", "--format", "json", ".")
    assert result.stdout.count('"SMS001"') == 30 + 1  # bad.yaml of the fixture
    assert len(waiting) >= 2 and set(waiting) == {0}


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the forked scheduler")
def test_once_the_children_are_done_the_parent_splits_what_it_has_left(
        clean_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # every file has a finding: the child certifies none and is done long before the
    # parent, slowed down here, has linted them all; the parent must not go on alone
    import time

    from spec_compiler import lint_cmd

    bad = {"role": "agent", "touchpoint": "sms", "meta": {"SenderID": "Tims Truckshop BV"},
           "text": "Your car is ready"}
    for i in range(400):
        (clean_env / f"m{i:03}.json").write_text(json.dumps(bad), encoding="utf-8")
    parent = os.getpid()
    split: list[int] = []  # how many files the parent split over forks at the end
    lint_chunk, lint_split = lint_cmd._lint_chunk, lint_cmd._lint_split

    def slow_chunk(*args: object, **kwargs: object) -> object:
        if os.getpid() == parent:
            time.sleep(0.005)
        return lint_chunk(*args, **kwargs)  # type: ignore[arg-type]

    def watched_split(targets: list[object], *args: object, **kwargs: object) -> object:
        if os.getpid() == parent:
            split.append(len(targets))
        return lint_split(targets, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(lint_cmd, "_lint_chunk", slow_chunk)
    monkeypatch.setattr(lint_cmd, "_lint_split", watched_split)
    result = lint("--jobs", "2", "--no-cache", "--format", "json", ".")
    assert result.stdout.count('"SMS001"') == 400 + 1  # bad.yaml of the fixture
    assert len(split) == 1 and split[0] > 200


def _many_files(root: Path, count: int = 330) -> None:
    bad = {"role": "agent", "touchpoint": "sms", "meta": {"SenderID": "Tims Truckshop BV"},
           "text": "Your car is ready"}
    good = {"role": "agent", "text": "Your car is ready"}
    for i in range(count):
        (root / f"m{i:03}.json").write_text(json.dumps(bad if i % 30 == 0 else good),
                                            encoding="utf-8")


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the forked scheduler")
def test_workers_write_nothing_to_our_output(clean_env: Path, capfd: pytest.CaptureFixture[str],
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    # a worker's copies of stdout and stderr point at the null device: they would keep
    # the pipes our output is read from open until its exit is through
    from spec_compiler import lint_cmd

    _many_files(clean_env)
    certify_queue = lint_cmd._certify_queue

    def noisy(*args: object) -> object:
        os.write(1, b"a worker on stdout\n")
        os.write(2, b"a worker on stderr\n")
        return certify_queue(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(lint_cmd, "_certify_queue", noisy)
    found = discover([Path(".")])
    from spec_compiler.config import DEFAULT_CONFIG

    assert len(lint_targets(found.targets, DEFAULT_CONFIG, None, 2)) == 11 + 2  # the fixture's
    out, err = capfd.readouterr()
    assert "a worker" not in out + err


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the forked scheduler")
def test_workers_are_waited_for_after_the_report_and_none_is_left(
        clean_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # a worker whose result came back whole is not waited for before the report (its
    # exit overlaps it), but every one is before the command returns; lint_files
    # called on its own leaves none behind either
    from spec_compiler import lint_cmd

    _many_files(clean_env)
    events: list[str] = []
    waitpid, report = os.waitpid, lint_cmd._report

    def logged_waitpid(pid: int, options: int) -> tuple[int, int]:
        events.append("wait")
        return waitpid(pid, options)

    def logged_report(*args: object) -> None:
        events.append("report")
        report(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "waitpid", logged_waitpid)
    monkeypatch.setattr(lint_cmd, "_report", logged_report)
    result = lint("--jobs", "2", "--no-cache", "--format", "json", ".")
    assert result.stdout.count('"SMS001"') == 11 + 1  # bad.yaml of the fixture
    assert events[0] == "report" and events.count("wait") >= 1
    assert lint_cmd._DONE == []
    with pytest.raises(ChildProcessError):
        waitpid(-1, os.WNOHANG)
    events.clear()
    from spec_compiler.config import DEFAULT_CONFIG

    lint_targets(discover([Path(".")]).targets, DEFAULT_CONFIG, None, 2)
    assert "wait" in events and lint_cmd._DONE == []
    with pytest.raises(ChildProcessError):
        waitpid(-1, os.WNOHANG)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the forked scheduler")
def test_a_worker_that_dies_is_an_internal_error_that_says_how(
        clean_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # its standard error goes to the null device, so the parent says how it ended
    import signal

    from spec_compiler import lint_cmd

    _many_files(clean_env)

    def killed(*args: object) -> object:
        os.kill(os.getpid(), signal.SIGKILL)
        raise AssertionError("unreachable")  # pragma: no cover

    monkeypatch.setattr(lint_cmd, "_certify_queue", killed)
    result = lint("--jobs", "2", "--no-cache", ".")
    assert result.exit_code == 2
    assert ("internal error: a lint worker process died (killed by signal 9)"
            in result.stderr)
    assert lint_cmd._DONE == []


def test_internal_error_exits_2(monkeypatch: pytest.MonkeyPatch) -> None:
    from spec_compiler import engine

    def boom(*args: object, **kwargs: object) -> None:
        raise engine.RuleCrash("SMS001", "bad.yaml", ValueError("boom"))

    monkeypatch.setattr(engine, "lint_loaded", boom)
    result = lint("bad.yaml")
    assert result.exit_code == 2
    assert "internal error: rule SMS001 crashed on bad.yaml: ValueError: boom" in result.stderr


@pytest.mark.parametrize("jobs", ["2", "3"])
def test_a_crash_in_a_worker_exits_2(clean_env: Path, jobs: str,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    from spec_compiler import engine

    for i in range(40):
        (clean_env / f"m{i:02}.yaml").write_text(BAD if i % 3 else WARN, encoding="utf-8")

    def boom(*args: object, **kwargs: object) -> None:
        raise engine.RuleCrash("SMS001", "m01.yaml", ValueError("boom"))

    monkeypatch.setattr(engine, "lint_loaded", boom)
    result = lint("--jobs", jobs, "--no-cache", ".")
    assert result.exit_code == 2
    assert "internal error: rule SMS001 crashed on m01.yaml: ValueError: boom" in result.stderr


def test_sarif_of_a_real_run_validates(clean_env: Path) -> None:
    import jsonschema

    result = lint("--format", "sarif", ".")
    assert result.exit_code == 1
    schema_path = Path(__file__).parent / "fixtures" / "sarif-schema-2.1.0.json"
    schema = json.loads(schema_path.read_text("utf-8"))
    log = json.loads(result.stdout)
    jsonschema.Draft4Validator(schema).validate(log)
    assert {r["ruleId"] for r in log["runs"][0]["results"]} == {"SMS001", "MSG002"}


# ---------------------------------------------------------------- the fast path (no click)

FAST = [
    [],
    ["good.yaml"],
    ["bad.yaml", "good.yaml", "dir/x.json"],
    ["--format", "json", "a.yaml"],
    ["--format=sarif", "a.yaml"],
    ["a.yaml", "--format", "junit", "b.yaml"],
    ["-o", "out.txt", "--output", "second.txt", "a.yaml"],
    ["--output=o.json", "--config", "c.toml", "--config=d.toml"],
    ["--select", "SMS,MSG", "--select", "WA001", "--ignore", "SMS001", "--ignore=PACE"],
    ["--strict", "--statistics", "--verbose", "-v", "x"],
    ["--color", "--no-color"],
    ["--no-color", "--color"],
    ["--kind", "spec", "--kind=message", "--kind", "conversation"],
    ["--jobs", "3", "-j", "2", "--jobs=0"],
    ["--jobs", "+4"],
    ["--no-cache", "a.yaml"],
    ["--", "--strict", "-v"],
    ["a.yaml", "--", "b.yaml", "--format"],
    ["spaced name.yaml", "über.yaml"],
]

# what the fast parser leaves to click (click parses, reports or prints help)
SLOW = [
    ["--help"],
    ["-h"],
    ["a.yaml", "--help"],
    ["--nope"],
    ["--form", "json"],
    ["-vj", "2"],
    ["-j2"],
    ["-ofile"],
    ["--format", "xml"],
    ["--format"],
    ["--format="],
    ["--kind", "message-list"],
    ["--jobs", "x"],
    ["--jobs", "-1"],
    ["--select", "-v"],
    ["--strict=1"],
    ["-"],
    ["a.yaml", "--", "-"],
    [""],
    ["--output", ""],
]


def _click_options(args: list[str], monkeypatch: pytest.MonkeyPatch) -> LintOptions:
    from spec_compiler import lint_cmd

    seen: list[LintOptions] = []
    monkeypatch.setattr(lint_cmd, "run", lambda opts, *rest: seen.append(opts) or 0)
    result = CliRunner().invoke(cli, ["lint", *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert len(seen) == 1
    return seen[0]


@pytest.mark.parametrize("args", FAST, ids=" ".join)
def test_fast_parser_matches_click(args: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    from spec_compiler.cli import fast_lint_options

    fast = fast_lint_options(["lint", *args])
    assert fast is not None
    assert fast == _click_options(args, monkeypatch)


@pytest.mark.parametrize("args", SLOW, ids=" ".join)
def test_fast_parser_leaves_the_rest_to_click(args: list[str]) -> None:
    from spec_compiler.cli import fast_lint_options

    assert fast_lint_options(["lint", *args]) is None


def test_fast_parser_only_for_lint(monkeypatch: pytest.MonkeyPatch) -> None:
    from spec_compiler.cli import fast_lint_options

    assert fast_lint_options(["compile", "a.yaml"]) is None
    assert fast_lint_options(["--version"]) is None
    assert fast_lint_options([]) is None
    monkeypatch.setenv("_SPEC_COMPILER_COMPLETE", "bash_complete")
    assert fast_lint_options(["lint"]) is None


def test_lint_kinds_match_the_document_kinds() -> None:
    from spec_compiler import lint_cmd
    from spec_compiler.document import KINDS

    assert lint_cmd._KINDS == KINDS


def _main(args: list[str], tmp: Path) -> subprocess.CompletedProcess[str]:
    script = (
        "import sys\n"
        "from spec_compiler.cli import main\n"
        f"sys.argv = ['spec-compiler', *{args!r}]\n"
        "try:\n    main()\n"
        "finally:\n    print('CLICK', 'click' in sys.modules, file=sys.stderr)\n"
    )
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parent.parent))
    return subprocess.run([sys.executable, "-c", script], cwd=tmp, env=env,
                          capture_output=True, text=True)


def _console(args: list[str], tmp: Path) -> subprocess.CompletedProcess[str]:
    """``console()`` (the entry point) in a fresh interpreter with an atexit hook, which
    runs only when the interpreter is torn down."""
    script = (
        "import atexit, sys\n"
        "atexit.register(lambda: print('TEARDOWN', file=sys.stderr))\n"
        "from spec_compiler.cli import console\n"
        f"sys.argv = ['spec-compiler', *{args!r}]\n"
        "console()\n"
    )
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parent.parent))
    return subprocess.run([sys.executable, "-c", script], cwd=tmp, env=env,
                          capture_output=True, text=True)


def test_console_lint_leaves_without_teardown_and_loses_nothing(clean_env: Path) -> None:
    # many findings through a pipe and into a file: all of it is written before leaving
    for i in range(300):
        (clean_env / f"bad{i:03}.yaml").write_text(BAD, encoding="utf-8")
    args = ["lint", ".", "--no-cache", "--format", "json"]
    fast = _console(args, clean_env)
    plain = _main(args, clean_env)
    assert fast.returncode == plain.returncode == 1
    assert fast.stdout == plain.stdout
    assert sum(d["code"] == "SMS001" for d in json.loads(fast.stdout)["diagnostics"]) == 301
    assert "TEARDOWN" not in fast.stderr
    out = clean_env / "out" / "report.json"
    out.parent.mkdir()
    to_file = _console([*args, "-o", str(out)], clean_env)
    assert (to_file.returncode, to_file.stdout) == (1, "")
    assert out.read_text(encoding="utf-8") == plain.stdout
    # other commands (click) and crashes keep the normal exit
    other = _console(["rules", "--format", "json"], clean_env)
    assert other.returncode == 0 and other.stderr == "TEARDOWN\n"
    clean = _console(["lint", "good.yaml", "--no-cache"], clean_env)
    assert (clean.returncode, clean.stdout, clean.stderr) == (0, "All checks passed.\n", "")


def test_main_runs_lint_without_click(clean_env: Path) -> None:
    fast = _main(["lint", "bad.yaml", "good.yaml", "--no-cache"], clean_env)
    assert (fast.returncode, fast.stdout) == (1, f"{BAD_LINE}\nFound 1 error in 1 file.\n")
    assert fast.stderr.endswith("CLICK False\n")
    slow = _main(["lint", "-vj1", "bad.yaml", "good.yaml", "--no-cache"], clean_env)
    assert (slow.returncode, slow.stdout) == (fast.returncode, fast.stdout)
    assert slow.stderr.endswith("CLICK True\n")
    bad = _main(["lint", "--nope"], clean_env)
    assert bad.returncode == 2 and "No such option" in bad.stderr
    usage = _main(["lint", "--select", "NOPE1", "good.yaml"], clean_env)
    assert usage.returncode == 2 and "error: --select: unknown code" in usage.stderr
