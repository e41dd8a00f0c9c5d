"""Configuration: discovery, validation against the schema, and what it turns into."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from spec_compiler import schemas
from spec_compiler.config import DEFAULT_CONFIG, Config, load_config, parse_config, with_overrides
from spec_compiler.errors import UsageError
from spec_compiler.loader import Limits

GOOD = """\
select = ["ALL"]
extend-select = ["SPEC002"]
ignore = ["PACE", "MSG004"]
include = ["*.yaml"]
exclude = ["generated"]

[severity]
SMS005 = "error"
SMS = "info"

[per-file-ignores]
"legacy/*.yaml" = ["MSG002"]

[kinds]
"payloads/*.json" = "message"

[rules]
sms-segments = {max-segments = 4}
ACT007 = {max_length = 40}

[sms]
max-segments = 3

[whatsapp]
window = "closed"

[links]
quick-reply-max-length = 30

[limits]
max-file-bytes = 1000
max-depth = 20
max-alias-nodes = 50
max-findings = 7
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_no_file_gives_the_defaults(tmp_path: Path) -> None:
    assert load_config(None, tmp_path) is DEFAULT_CONFIG


def test_every_key(tmp_path: Path) -> None:
    write(tmp_path, "spec-compiler.toml", GOOD)
    c = load_config(None, tmp_path)
    assert c.select == ("ALL",) and c.extend_select == ("SPEC002",)
    assert c.ignore == ("PACE", "MSG004")
    assert c.include == ("*.yaml",) and c.exclude == ("generated",)
    assert c.severity_for("SMS005", "warning") == "error"
    assert c.severity_for("SMS001", "error") == "info"
    assert c.ignores_for("legacy/old.yaml") == ("MSG002",)
    assert c.kind_for("payloads/a.json") == "message"
    # the rules table wins over the profile; names and snake_case are accepted
    assert c.options_for("SMS005", "sms-segments") == {"max-segments": 4}
    assert c.options_for("WA007", "free-form-whatsapp") == {"window": "closed"}
    assert c.options_for("ACT007", "quick-reply-too-long") == {"max-length": 40}
    assert c.limits == Limits(max_file_bytes=1000, max_depth=20, max_alias_nodes=50,
                              max_findings=7)
    assert c.source == "spec-compiler.toml"
    assert not c.is_enabled("PACE001") and not c.is_enabled("MSG004")
    assert c.is_enabled("MSG002") and not c.is_enabled("MSG002", "legacy/old.yaml")


def test_profile_alone(tmp_path: Path) -> None:
    write(tmp_path, "spec-compiler.toml", "[sms]\nmax-segments = 3\n")
    c = load_config(None, tmp_path)
    assert c.options_for("SMS005", "sms-segments") == {"max-segments": 3}


def test_found_upward_from_a_subfolder(tmp_path: Path) -> None:
    write(tmp_path, "spec-compiler.toml", 'ignore = ["SMS"]\n')
    sub = tmp_path / "a" / "b"
    sub.mkdir(parents=True)
    c = load_config(None, sub)
    assert c.ignore == ("SMS",)
    assert c.source == "../../spec-compiler.toml"


def test_pyproject_table(tmp_path: Path) -> None:
    write(
        tmp_path,
        "pyproject.toml",
        '[project]\nname = "x"\n\n[tool.spec-compiler]\nignore = ["WA"]\n',
    )
    assert load_config(None, tmp_path).ignore == ("WA",)


def test_pyproject_without_our_table_is_passed_over(tmp_path: Path) -> None:
    write(tmp_path, "spec-compiler.toml", 'ignore = ["WA"]\n')
    write(tmp_path, "sub/pyproject.toml", '[project]\nname = "x"\n')
    assert load_config(None, tmp_path / "sub").ignore == ("WA",)


def test_spec_compiler_toml_wins_over_pyproject(tmp_path: Path) -> None:
    write(tmp_path, "spec-compiler.toml", 'ignore = ["WA"]\n')
    write(tmp_path, "pyproject.toml", '[tool.spec-compiler]\nignore = ["SMS"]\n')
    assert load_config(None, tmp_path).ignore == ("WA",)


def test_explicit_file(tmp_path: Path) -> None:
    write(tmp_path, "conf/lint.toml", 'ignore = ["CONV"]\n')
    write(tmp_path, "spec-compiler.toml", 'ignore = ["WA"]\n')
    assert load_config(Path("conf/lint.toml"), tmp_path).ignore == ("CONV",)


def test_explicit_pyproject_without_table_gives_defaults(tmp_path: Path) -> None:
    write(tmp_path, "pyproject.toml", '[project]\nname = "x"\n')
    c = load_config(Path("pyproject.toml"), tmp_path)
    assert c.select == DEFAULT_CONFIG.select and c.source == "pyproject.toml"


def test_compile_cmd_calling_convention() -> None:
    """``compile_cmd`` calls ``load_config(path)`` with one argument."""
    assert isinstance(load_config(None), Config)


BAD = [
    ("selct = ['SMS']", "spec-compiler.toml: 'selct' is not a known key; did you mean 'select'?"),
    ("select = 'SMS'", "spec-compiler.toml: 'select' must be an array, not a string"),
    (
        "select = ['sms']",
        "spec-compiler.toml: 'select[0]' must match ^(ALL|[A-Z]+[0-9]*)$, not 'sms'",
    ),
    (
        "select = ['SMX']",
        "spec-compiler.toml: 'select[0]': unknown code or prefix 'SMX'; did you mean 'SMS'?",
    ),
    (
        "[severity]\nSMS005 = 'fatal'",
        "spec-compiler.toml: 'severity.SMS005' must be one of "
        "'error', 'warning', 'info', not 'fatal'",
    ),
    (
        "[per-file-ignores]\n'a/*' = ['NOPE1']",
        "spec-compiler.toml: 'per-file-ignores.\"a/*\"[0]': unknown code or prefix 'NOPE1'",
    ),
    (
        "[kinds]\n'*.json' = 'payload'",
        "spec-compiler.toml: 'kinds.\"*.json\"' must be one of "
        "'spec', 'conversation', 'message', 'message-list', "
        "not 'payload'",
    ),
    ("[sms]\nmax-segments = 0", "spec-compiler.toml: 'sms.max-segments' must be at least 1, not 0"),
    (
        "[sms]\nmax-segmnts = 2",
        "spec-compiler.toml: 'sms.max-segmnts' is not a known key; did you mean 'max-segments'?",
    ),
    (
        "[whatsapp]\nwindow = 'opne'",
        "spec-compiler.toml: 'whatsapp.window' must be one of "
        "'unknown', 'open', 'closed', not 'opne'; did you mean "
        "'open'?",
    ),
    (
        "[limits]\nmax-depth = '100'",
        "spec-compiler.toml: 'limits.max-depth' must be an integer, not a string",
    ),
    (
        "[rules.sms-segmnts]\nx = 1",
        "spec-compiler.toml: 'rules.sms-segmnts' is not a rule "
        "code or name; did you mean 'sms-segments'?",
    ),
    (
        "[rules.SMS005]\nmax-segment = 1",
        "spec-compiler.toml: 'rules.SMS005.max-segment' is not "
        "an option of SMS005; did you mean 'max-segments'?",
    ),
    (
        "[rules.sms-segments]\nmax-segments = 'two'",
        "spec-compiler.toml: 'rules.sms-segments.max-segments' must be an integer, not a string",
    ),
    (
        "'$schema' = 'https://example.org/evil.json'",
        "spec-compiler.toml: '$schema' must be "
        "'https://spec-compiler.dev/schemas/config.schema.json', not "
        "'https://example.org/evil.json'",
    ),
    (
        "[rules.SMS005]\n'$ref' = 'https://example.org/x.json'",
        "spec-compiler.toml: 'rules.SMS005.$ref' is not an option of SMS005",
    ),
]


@pytest.mark.parametrize(("text", "message"), BAD, ids=[m.split(": ", 1)[1][:40] for _, m in BAD])
def test_bad_config_names_file_and_key(tmp_path: Path, text: str, message: str) -> None:
    write(tmp_path, "spec-compiler.toml", text + "\n")
    with pytest.raises(UsageError) as info:
        load_config(None, tmp_path)
    assert str(info.value) == message


def test_pyproject_keys_are_named_with_their_table(tmp_path: Path) -> None:
    write(tmp_path, "pyproject.toml", "[tool.spec-compiler]\nignor = ['SMS']\n")
    with pytest.raises(
        UsageError,
        match=r"^pyproject.toml: 'tool.spec-compiler.ignor' is not a "
        r"known key; did you mean 'ignore'\?$",
    ):
        load_config(None, tmp_path)


def test_invalid_toml(tmp_path: Path) -> None:
    write(tmp_path, "spec-compiler.toml", "select = [\n")
    with pytest.raises(UsageError, match=r"^spec-compiler.toml: not valid TOML: "):
        load_config(None, tmp_path)


def test_missing_explicit_file(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match=r"configuration file 'nope\.toml' does not exist"):
        load_config(Path("nope.toml"), tmp_path)


def test_a_schema_url_is_never_fetched(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import socket

    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("network access")

    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket.socket, "connect", no_network)
    write(tmp_path, "spec-compiler.toml", "'$schema' = 'https://example.org/remote.json'\n")
    with pytest.raises(UsageError, match=r"must be 'https://spec-compiler\.dev/schemas/"):
        load_config(None, tmp_path)


def test_our_own_schema_id_is_accepted(tmp_path: Path) -> None:
    write(
        tmp_path,
        "spec-compiler.toml",
        "'$schema' = 'https://spec-compiler.dev/schemas/config.schema.json'\n",
    )
    assert load_config(None, tmp_path).select == ("ALL",)


def test_several_problems_are_all_reported() -> None:
    with pytest.raises(UsageError) as info:
        parse_config({"selct": [], "ignor": []}, source="x.toml")
    assert str(info.value).splitlines() == [
        "x.toml: 'selct' is not a known key; did you mean 'select'?",
        "x.toml: 'ignor' is not a known key; did you mean 'ignore'?",
    ]


# ---------------------------------------------------------------- the schema file


def test_schema_is_bundled_and_valid() -> None:
    schema = schemas.load("config")
    Draft202012Validator.check_schema(schema)
    assert schema["$id"] == "https://spec-compiler.dev/schemas/config.schema.json"


def _props(node: object) -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    if isinstance(node, dict):
        for sub in node.get("properties", {}).values():
            out.append(sub)
        for value in node.values():
            out += _props(value)
    return out


def test_every_property_is_described_with_examples() -> None:
    schema = schemas.load("config")
    for prop in _props(schema):
        assert "description" in prop
        assert "examples" in prop or "properties" in prop, prop


def test_the_full_example_validates_with_jsonschema_too(tmp_path: Path) -> None:
    import sys

    toml = pytest.importorskip("tomllib" if sys.version_info >= (3, 11) else "tomli")
    data = toml.loads(GOOD)
    Draft202012Validator(schemas.load("config")).validate(data)
    for example in schemas.load("config")["examples"]:
        parse_config(example)
    assert json.dumps(data)


# ---------------------------------------------------------------- command-line overrides


def test_cli_select_replaces_and_ignore_adds(tmp_path: Path) -> None:
    c = parse_config({"select": ["SMS"], "extend-select": ["WA"], "ignore": ["SMS005"]})
    c = with_overrides(c, select=("CONV,MSG",), ignore=("MSG004",))
    assert c.select == ("CONV", "MSG") and c.extend_select == ()
    assert c.ignore == ("SMS005", "MSG004")
    assert c.is_enabled("CONV001") and not c.is_enabled("SMS001")


def test_cli_unknown_code() -> None:
    with pytest.raises(UsageError, match=r"--select: unknown code or prefix 'SMSX'"):
        with_overrides(DEFAULT_CONFIG, select=("SMSX",))


def test_globs_match_relative_to_the_config_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path, "spec-compiler.toml", '[per-file-ignores]\n"legacy/*" = ["MSG"]\n')
    (tmp_path / "legacy").mkdir()
    monkeypatch.chdir(tmp_path / "legacy")
    c = load_config(None, tmp_path / "legacy")
    assert c.ignores_for("old.yaml") == ("MSG",)
    assert c.ignores_for("../other/old.yaml") == ()


@pytest.mark.parametrize(("text", "message"), BAD, ids=[m.split(": ", 1)[1][:40] for _, m in BAD])
def test_the_hand_check_agrees_with_jsonschema(text: str, message: str) -> None:
    """Faults the schema can see are faults for jsonschema too (the rest are semantic)."""
    import sys

    toml = pytest.importorskip("tomllib" if sys.version_info >= (3, 11) else "tomli")
    valid = Draft202012Validator(schemas.load("config")).is_valid(toml.loads(text))
    semantic = "unknown code" in message or "'rules." in message
    assert valid == semantic


# ---------------------------------------------------------------- the result cache's keys


def test_cache_dir_is_resolved_against_the_config_folder(tmp_path: Path) -> None:
    (tmp_path / "spec-compiler.toml").write_text('cache-dir = "build/cache"\n')
    (tmp_path / "sub").mkdir()
    c = load_config(None, tmp_path / "sub")
    assert c.cache_dir == str(tmp_path / "build" / "cache")
    assert DEFAULT_CONFIG.cache_dir is None


def test_cache_dir_must_be_a_string(tmp_path: Path) -> None:
    (tmp_path / "spec-compiler.toml").write_text("cache-dir = 3\n")
    with pytest.raises(UsageError, match="cache-dir"):
        load_config(None, tmp_path)


@pytest.mark.parametrize(
    "table",
    [
        {"select": ["SMS"]},
        {"extend-select": ["SPEC002"]},
        {"ignore": ["MSG002"]},
        {"severity": {"SMS": "info"}},
        {"per-file-ignores": {"*.json": ["MSG"]}},
        {"kinds": {"*.json": "message"}},
        {"rules": {"ACT007": {"max-length": 10}}},
        {"sms": {"max-segments": 2}},
        {"limits": {"max-depth": 10}},
    ],
)
def test_fingerprint_covers_what_changes_findings(table: dict[str, Any]) -> None:
    assert parse_config(table).fingerprint() != parse_config({}).fingerprint()


def test_fingerprint_leaves_out_what_does_not(tmp_path: Path) -> None:
    base = parse_config({}).fingerprint()
    assert parse_config({"include": ["*.yaml"], "exclude": ["x"]}).fingerprint() == base
    assert parse_config({"cache-dir": "c"}, source="other.toml").fingerprint() == base
    # globs also match paths relative to the config's folder: the folder is part of it
    assert parse_config({}, root=str(tmp_path)).fingerprint() != base


def test_config_import_does_not_import_the_loader() -> None:
    import subprocess
    import sys

    code = ("import sys, spec_compiler.config as c; c.DEFAULT_CONFIG.fingerprint(); "
            "print(sorted(m for m in ('yaml', 'spec_compiler.loader') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=Path(__file__).parent.parent).stdout
    assert out.strip() == "[]"
    assert DEFAULT_CONFIG.limits == Limits()


@pytest.mark.parametrize(
    "path",
    ["a.yaml", "dir/a.yaml", "dir.yaml/a.json", "/abs/x.YAML", ".yaml", "a.yaml.bak", "a.yml",
     "dir/sub/", "x/..", "deep/er/a.json", "a"],
)
@pytest.mark.parametrize("pattern", ["*.yaml", "*.yml", "*.json", "*.YAML"])
def test_suffix_patterns_match_as_fnmatch_does(path: str, pattern: str, tmp_path: Path) -> None:
    import fnmatch
    import os

    for root in (None, str(tmp_path)):
        c = Config(root=root)
        slow = fnmatch.fnmatch(path, pattern) or fnmatch.fnmatch(path.rsplit("/", 1)[-1],
                                                                 pattern)
        if not slow and root is not None:
            rel = os.path.relpath(os.path.abspath(path), root)
            slow = not rel.startswith("../") and fnmatch.fnmatch(rel, pattern)
        assert c.matches(path, pattern) == slow


def test_discovery_with_suffix_globs_and_other_globs(tmp_path: Path) -> None:
    from spec_compiler.walker import discover

    for name in ("a.yaml", "b.yml", "c.json", "d.txt", "e.YAML", "sub/f.yaml", "sub/g.json.bak",
                 "x.yaml/h.json", "x.yaml/i.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("text: hi\n")
    fast = discover([tmp_path], Config(include=("*.yaml", "*.json")))
    slow = discover([tmp_path], Config(include=("*.[y]aml", "*.[j]son")))
    assert fast.targets == slow.targets
    assert [Path(t.display).name for t in fast.targets] == ["a.yaml", "c.json", "f.yaml",
                                                             "h.json"]
