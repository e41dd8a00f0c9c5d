"""The lint result cache: same output as without it, invalidation, robustness, imports."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from spec_compiler import cache, lint_cmd
from spec_compiler.config import DEFAULT_CONFIG, parse_config
from spec_compiler.lint_cmd import LintOptions, run

REPO = Path(__file__).resolve().parent.parent
FORMATS = ("text", "json", "sarif", "github", "junit")

BAD = (
    "role: agent\ntouchpoint: sms\nmeta:\n  SenderID: Tims Truckshop BV\ntext: Your car is ready\n"
)
# findings of every stage: load (duplicate key), schema, rules, suppressions (SUP001)
SPECIAL = {
    "bad.yaml": BAD,
    "warn.yaml": "text: Your car is ready\n",
    "good.yaml": "role: agent\ntext: Your car is ready\n",
    "dup.yaml": "role: agent\ntext: a\ntext: b\n",
    "syntax.yaml": "role: agent\ntext: [unclosed\n",
    "empty.yaml": "",
    "trailing.json": '{"role": "agent", "text": "hi",}\n',
    "unused.yaml": "role: agent  # spec-compiler: ignore[SMS001] not needed\ntext: hi\n",
    "nosuch.yaml": "role: agent\ntext: hi  # spec-compiler: ignore[NOPE001]\n",
    "filewide.yaml": "# spec-compiler: ignore-file[MSG002]\ntext: hi\n",
    "used.yaml": BAD.replace("BV\n", "BV  # spec-compiler: ignore[SMS001] known\n"),
    "typo.yaml": "role: agent\ntype: chatt\ntext: hi\n",
    "emoji.json": '{"role": "agent", "text": "\\ud83c\\udf2e taco"}\n',
    "long.yaml": "role: agent\ntouchpoint: sms\ntext: " + "Your car is ready. " * 10 + "\n",
}


@pytest.fixture(autouse=True)
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in ("GITHUB_ACTIONS", "NO_COLOR", "TERM", cache.ENV_VAR):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    for name, text in SPECIAL.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "binary.yaml").write_bytes(b"role: agent\x00\n")
    (tmp_path / "latin1.yaml").write_bytes(b"text: caf\xe9\n")
    return tmp_path


def lint(*paths: str | Path, use_cache: bool = True, **kw: object) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    opts = LintOptions(paths=tuple(Path(p) for p in paths) or (Path("."),), cache=use_cache,
                       **kw)  # type: ignore[arg-type]
    code = run(opts, out, err)
    return code, out.getvalue(), err.getvalue()


def shards(root: Path) -> list[Path]:
    return sorted((root / cache.DIR_NAME).glob(f"{cache.FORMAT}/*/*.json"))


@pytest.fixture
def trust_now(monkeypatch: pytest.MonkeyPatch) -> None:
    """Trust stats of files just written (the 2-second rule would otherwise hash them)."""
    monkeypatch.setattr(cache, "RACY_NS", -(10**18))


# ---------------------------------------------------------------- same output


def _same_with_and_without(paths: list[Path], fmt: str, **kw: object) -> str:
    expected = lint(*paths, use_cache=False, format=fmt, **kw)
    first = lint(*paths, format=fmt, **kw)  # fills the cache
    second = lint(*paths, format=fmt, **kw)  # every file from the cache
    assert first == expected
    assert second == expected
    return expected[1]


@pytest.mark.parametrize("fmt", FORMATS)
def test_output_identical_special_files(project: Path, fmt: str) -> None:
    out = _same_with_and_without([project], fmt, statistics=True)
    if fmt == "text":
        for code in ("SMS001", "MSG002", "YAML002", "YAML001", "YAML007", "SUP001", "IO003",
                     "IO004"):
            assert code in out


@pytest.mark.parametrize("fmt", FORMATS)
def test_output_identical_examples_and_fixtures(fmt: str, trust_now: None) -> None:
    paths = [REPO / "examples", REPO / "tests" / "fixtures"]
    _same_with_and_without(paths, fmt)


def test_output_identical_generated_corpus(project: Path, trust_now: None) -> None:
    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        from corpus import generate
    finally:
        sys.path.remove(str(REPO / "benchmarks"))
    for fmt in ("yaml", "json"):
        generate(project / "corpus" / fmt, 120, fmt, seed=3)
    for fmt in FORMATS:
        _same_with_and_without([project / "corpus"], fmt)
    # and in parallel: the pool gets only the misses, the output stays the same
    (project / "corpus" / "yaml" / "extra.yaml").write_text(BAD, encoding="utf-8")
    expected = lint(project / "corpus", use_cache=False, jobs=2)
    assert lint(project / "corpus", jobs=2) == expected
    assert lint(project / "corpus", jobs=2) == expected


def test_findings_round_trip_exactly(project: Path) -> None:
    from spec_compiler.walker import discover

    targets = discover([project]).targets
    fresh = lint_cmd.lint_files(targets, DEFAULT_CONFIG, None, record=True)
    store = cache.LintCache.open(DEFAULT_CONFIG, None, str(project))
    for target, result in zip(targets, fresh, strict=True):
        store.record(str(target.path), target.display, result)
    store.save()
    again = cache.LintCache.open(DEFAULT_CONFIG, None, str(project))
    seen = 0
    for target, (_, hashed, diags) in zip(targets, fresh, strict=True):
        hit = again.lookup(str(target.path), target.display, 10**7)
        assert (hit is None) == (hashed is None)
        if hit is not None:
            assert [d.as_dict() for d in hit.diagnostics] == [d.as_dict() for d in diags]
            seen += len(diags)
    assert seen >= 10


# ---------------------------------------------------------------- hits and misses


def test_hit_by_stat_does_not_read_the_file(
    project: Path, monkeypatch: pytest.MonkeyPatch, trust_now: None
) -> None:
    expected = lint(project)
    calls: list[object] = []
    monkeypatch.setattr(lint_cmd, "lint_files", lambda *a, **k: calls.append(a) or [])
    monkeypatch.setattr(cache, "_read", lambda *a: calls.append(a))
    assert lint(project) == expected
    assert calls == []


def test_recent_files_are_checked_by_hash(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    expected = lint(project)  # files written just now: their stat is not trusted
    monkeypatch.setattr(lint_cmd, "lint_files", lambda *a, **k: pytest.fail("linted"))
    assert lint(project) == expected


def test_only_misses_are_linted(project: Path, monkeypatch: pytest.MonkeyPatch,
                                trust_now: None) -> None:
    lint(project)
    (project / "good.yaml").write_text("role: agent\ntext: Changed\n", encoding="utf-8")
    seen: list[str] = []
    real = lint_cmd.lint_files

    def spy(targets: list[lint_cmd.Target], *args: object, **kw: object) -> object:
        seen.extend(t.display for t in targets)
        return real(targets, *args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(lint_cmd, "lint_files", spy)
    lint(project, jobs=2)
    assert seen == [str(project / "good.yaml")]


def test_content_change_with_same_size_and_mtime_is_seen(project: Path, trust_now: None) -> None:
    path = project / "good.yaml"
    assert lint(path)[0] == 0
    st = os.stat(path)
    new = "role: agnt\ntext: Your car is ready \n"
    assert len(new) == st.st_size
    path.write_text(new, encoding="utf-8")
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert os.stat(path).st_mtime_ns == st.st_mtime_ns
    code, out, err = lint(path)
    assert (code, out, err) == lint(path, use_cache=False) and code == 1


def test_file_changed_since_cached(project: Path) -> None:
    assert lint("good.yaml")[0] == 0
    (project / "good.yaml").write_text(BAD, encoding="utf-8")
    code, out, _ = lint("good.yaml")
    assert code == 1 and "SMS001" in out


@pytest.mark.parametrize(
    "change",
    [
        {"select": ("MSG",)},
        {"ignore": ("SMS001",)},
        {"kind": "conversation"},
    ],
)
def test_options_that_change_findings_are_keys(project: Path, change: dict[str, object]) -> None:
    for _ in range(2):
        assert lint(project, **change) == lint(project, use_cache=False, **change)
        assert lint(project) == lint(project, use_cache=False)


@pytest.mark.parametrize(
    "toml",
    [
        'severity = {SMS001 = "warning"}',
        'per-file-ignores = {"bad.yaml" = ["SMS"]}',
        'kinds = {"*.yaml" = "conversation"}',
        "[rules]\nsms-segments = {max-segments = 1}",
        "[limits]\nmax-depth = 1",
        'ignore = ["MSG002"]',
    ],
)
def test_configuration_changes_are_keys(project: Path, toml: str) -> None:
    config = project / "spec-compiler.toml"
    config.write_text("", encoding="utf-8")
    plain = lint(project, use_cache=False)
    assert lint(project) == plain
    config.write_text(toml + "\n", encoding="utf-8")
    changed = lint(project, use_cache=False)
    assert changed != plain
    assert lint(project) == changed
    assert lint(project) == changed


def test_namespace_depends_on_config_kind_and_package(monkeypatch: pytest.MonkeyPatch) -> None:
    base = cache.namespace(DEFAULT_CONFIG, None)
    assert cache.namespace(DEFAULT_CONFIG, None) == base
    assert cache.namespace(DEFAULT_CONFIG, "message") != base
    assert cache.namespace(parse_config({"ignore": ["MSG002"]}), None) != base
    # output and file-set settings are not part of it
    assert cache.namespace(parse_config({"exclude": ["x"]}), None) == base
    monkeypatch.setattr(cache, "_package_state", lambda: "another build")
    assert cache.namespace(DEFAULT_CONFIG, None) != base


def test_display_path_is_part_of_the_key(project: Path) -> None:
    (project / "sub").mkdir()
    assert lint("bad.yaml") == lint("bad.yaml", use_cache=False)
    code, out, _ = lint("sub/../bad.yaml")
    assert out.startswith("sub/../bad.yaml:4:13: SMS001")
    assert (code, out) == lint("sub/../bad.yaml", use_cache=False)[:2]


def test_identical_files_in_two_folders(project: Path) -> None:
    (project / "spec-compiler.toml").write_text(
        'per-file-ignores = {"a/*" = ["SMS001"]}\n', encoding="utf-8")
    for sub in ("a", "b"):
        (project / sub).mkdir()
        (project / sub / "x.yaml").write_text(BAD, encoding="utf-8")
    for sub in ("a", "b"):
        os.chdir(project / sub)
        assert lint("x.yaml") == lint("x.yaml", use_cache=False)
    os.chdir(project / "b")
    assert lint("x.yaml")[0] == 1


# ---------------------------------------------------------------- where, and robustness


def test_cache_folder_is_tagged_and_ignored(project: Path) -> None:
    lint(project)
    folder = project / cache.DIR_NAME
    assert (folder / "CACHEDIR.TAG").read_text().startswith(
        "Signature: 8a477f597d28d172789f06886806bc55")
    assert (folder / ".gitignore").read_text() == "*\n"
    assert shards(project)


def test_no_cache_writes_nothing(project: Path) -> None:
    lint(project, use_cache=False)
    assert not (project / cache.DIR_NAME).exists()


def test_cache_is_in_the_project_root(project: Path) -> None:
    (project / "spec-compiler.toml").write_text("", encoding="utf-8")
    (project / "sub").mkdir()
    (project / "sub" / "m.yaml").write_text(BAD, encoding="utf-8")
    os.chdir(project / "sub")
    lint("m.yaml")
    assert shards(project) and not (project / "sub" / cache.DIR_NAME).exists()


def test_cache_dir_setting_and_environment(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (project / "spec-compiler.toml").write_text('cache-dir = "build/c"\n', encoding="utf-8")
    (project / "sub").mkdir()
    os.chdir(project / "sub")
    lint(project / "bad.yaml")
    assert (project / "build" / "c" / "CACHEDIR.TAG").is_file()
    monkeypatch.setenv(cache.ENV_VAR, "elsewhere")
    lint(project / "bad.yaml")
    assert (project / "sub" / "elsewhere" / "CACHEDIR.TAG").is_file()


def test_corrupt_cache_is_ignored(project: Path) -> None:
    expected = lint(project, use_cache=False)
    lint(project)
    files = shards(project)
    assert files
    for i, path in enumerate(files):
        path.write_bytes([b"\x00garbage", b"[1, 2]", b'{"k": 1}', b"{", b""][i % 5])
    assert lint(project) == expected
    assert lint(project) == expected
    # well-formed JSON with wrong shapes inside entries
    for path in shards(project):
        data = json.loads(path.read_bytes())
        for key in data:
            if isinstance(data[key], list):
                data[key] = [None, data[key][1], [[None, "x", 1, "A", "nope", 1, 2, 3, 4, 5, 6]]]
        path.write_text(json.dumps(data))
    assert lint(project) == expected


def test_unwritable_cache_is_not_an_error(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    expected = lint(project, use_cache=False)
    (project / "blocked").write_text("a file where the folder should be", encoding="utf-8")
    monkeypatch.setenv(cache.ENV_VAR, "blocked")
    assert lint(project) == expected
    assert lint(project) == expected


def test_concurrent_runs(project: Path) -> None:
    for i in range(60):
        (project / f"m{i:02}.yaml").write_text(BAD if i % 3 else f"text: {i}\n", encoding="utf-8")
    expected = lint(project, use_cache=False, format="json")[1]
    env = {k: v for k, v in os.environ.items() if k != cache.ENV_VAR}
    env["PYTHONPATH"] = str(REPO)
    argv = [sys.executable, "-m", "spec_compiler", "lint", str(project), "--format", "json"]
    procs = [subprocess.Popen(argv, cwd=project, env=env, stdout=subprocess.PIPE, text=True)
             for _ in range(4)]
    outs = [p.communicate()[0] for p in procs]
    assert outs == [expected] * 4
    assert lint(project, format="json")[1] == expected


def _modules_after_run(project: Path, *args: str) -> list[str]:
    script = (
        "import sys\n"
        "from spec_compiler.cli import main\n"
        f"sys.argv = ['spec-compiler', 'lint', *{list(args)!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "heavy = ('yaml', 'jsonschema_rs', 'jsonschema', 'click', 'spec_compiler.engine',\n"
        "         'spec_compiler.loader', 'spec_compiler.validation', 'spec_compiler.yaml12')\n"
        "found = [m for m in sys.modules if m in heavy or m.startswith('spec_compiler.rules.')]\n"
        "print('MODULES', ','.join(sorted(found)), file=sys.stderr)\n"
    )
    env = {k: v for k, v in os.environ.items() if k != cache.ENV_VAR}
    env["PYTHONPATH"] = str(REPO)
    proc = subprocess.run([sys.executable, "-c", script], cwd=project, env=env,
                          capture_output=True, text=True, check=True)
    line = [x for x in proc.stderr.splitlines() if x.startswith("MODULES")][-1]
    return [m for m in line[len("MODULES "):].split(",") if m]


def test_all_hits_import_nothing_heavy(project: Path) -> None:
    first = _modules_after_run(project, ".", "--format", "json")
    assert "yaml" in first and "spec_compiler.engine" in first
    assert _modules_after_run(project, ".", "--format", "json") == []
    assert _modules_after_run(project, ".") == []


def test_missing_file_is_never_cached(project: Path) -> None:
    for _ in range(2):
        code, out, _ = lint("missing.yaml", "good.yaml")
        assert code == 1 and "IO001" in out
    assert lint("missing.yaml") == lint("missing.yaml", use_cache=False)
