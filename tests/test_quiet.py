"""Quiet certificates are sound: a document they certify has no finding.

Every rule's ``QUIET`` (see ``spec_compiler.quiet``) is held to its promise over every
test document we have (the rule tables' failing cases above all), the benchmark corpus,
and hypothesis mutations of them aimed at the edges the conditions draw (URLs, blank
and non-ASCII text, placeholders, channels, commands, delays).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from docpool import loaded_pool
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lintproc import lint_in_subprocess
from mutants import mutant

from spec_compiler import engine, quiet
from spec_compiler.config import Config
from spec_compiler.document import Document, LintContext
from spec_compiler.loader import LoadedFile
from spec_compiler.rules import REGISTRY, load_rule
from spec_compiler.rules.base import option_defaults
from spec_compiler.schemas import bundled

DATA = quiet.generate()


@cache
def _validator(kind: str, code: str | None) -> Any:
    codes = None if code is None else [code]
    return quiet.compile_certificate(quiet.compose(DATA, kind, bundled(kind), codes))


def _certified(data: Any, kind: str, code: str | None = None) -> bool:
    try:
        return bool(_validator(kind, code).is_valid(data))
    except (ValueError, TypeError, OverflowError):
        return False


def _context(data: Any, kind: str) -> LintContext | None:
    """The context the engine builds, or None when the document has schema faults."""
    doc = Document("case.yaml", 0, data, _NoLocator())
    ctx = engine._with_schema_errors(engine.build_context(doc, kind))  # type: ignore[arg-type]
    return None if ctx.schema_errors else ctx


class _NoLocator:
    def locate(self, pointer: str, *, key: bool = False) -> Any:
        from spec_compiler.document import Span

        return Span(1, 1, 1, 1)

    def raw(self, pointer: str) -> str | None:
        return None


@pytest.fixture(scope="module")
def pool(tmp_path_factory: pytest.TempPathFactory) -> list[LoadedFile]:
    return loaded_pool(tmp_path_factory.mktemp("quiet"))


def _payloads(pool: list[LoadedFile]) -> Iterator[tuple[str, Any, str]]:
    """(origin, data, kind) of every schema-valid payload in the pool, under its detected
    kind and every other kind it is valid as."""
    for file in pool:
        for doc in file.documents:
            for kind in quiet.KINDS:
                yield file.path, doc.data, kind


# ---------------------------------------------------------------- the data file


def test_certificates_are_current() -> None:
    wanted = quiet.certificates(DATA)
    assert sorted(p.name for p in Path(quiet.FOLDER).iterdir()
                  if p.name != "__pycache__") == sorted(wanted)
    for name, text in wanted.items():
        on_disk = (Path(quiet.FOLDER) / name).read_text(encoding="utf-8")
        assert on_disk == text, f"{name}: run python -m spec_compiler.quiet"


def test_every_rule_is_quiet_or_silent() -> None:
    """A rule that can find something in a valid payload states when it does not."""
    assert DATA["unquiet"] == []
    assert set(DATA["rules"]) | set(DATA["silent"]) == set(REGISTRY)
    for code in DATA["silent"]:
        needs = load_rule(code).NEEDS
        assert set(needs) <= {"spec"}, code


@pytest.mark.parametrize("kind", quiet.KINDS)
def test_composed_schema_compiles(kind: str) -> None:
    assert _validator(kind, None) is not None


# ---------------------------------------------------------------- soundness


@pytest.mark.parametrize("code", sorted(DATA["rules"]))
def test_rule_is_silent_where_certified(pool: list[LoadedFile], code: str) -> None:
    """Each rule alone: where its conditions hold, ``check`` yields nothing."""
    rule = load_rule(code)
    options = option_defaults(rule)
    certified = 0
    for origin, data, kind in _payloads(pool):
        if not _certified(data, kind, code):
            continue
        ctx = _context(data, kind)
        assert ctx is not None, (origin, kind, "certified with schema faults")
        found = list(rule.check(ctx, options))
        assert found == [], (code, origin, kind, found)
        certified += 1
    assert certified > 100, f"{code}: its QUIET certifies almost nothing ({certified})"


def test_certified_files_have_no_findings(pool: list[LoadedFile]) -> None:
    """All rules at once, through the engine: a certified document has no finding."""
    certified = 0
    for origin, data, kind in _payloads(pool):
        if not _certified(data, kind):
            continue
        doc = Document("case.yaml", 0, data, _NoLocator())
        assert engine.lint_document(doc, config=Config(), kind=kind) == [], (origin, kind)  # type: ignore[arg-type]
        certified += 1
    assert certified > 300


def test_certificates_cover_the_clean_corpus(clean_docs: list[Document]) -> None:
    """Not a soundness check: the conditions must not be so strict that realistic clean
    files miss the fast path (the benchmark corpus, detected kind)."""
    docs = clean_docs
    certified = sum(_certified(doc.data, doc.kind) for doc in docs)
    assert len(docs) > 200
    assert certified >= 0.95 * len(docs), f"{certified} of {len(docs)} clean documents"


@pytest.fixture(scope="module")
def seeds(pool: list[LoadedFile]) -> list[tuple[Any, str]]:
    out = []
    for _, data, kind in _payloads(pool):
        if kind == engine.detect_kind(data) and _context(data, kind) is not None:
            out.append((data, kind))
    assert len(out) > 300
    return out


def _mutation_test(code: str | None, examples: int) -> Any:
    @settings(max_examples=examples, deadline=None, database=None,
              suppress_health_check=[HealthCheck.function_scoped_fixture,
                                     HealthCheck.too_slow])
    @given(st.data())
    def run(seeds: list[tuple[Any, str]], data: st.DataObject) -> None:
        doc, kind = data.draw(mutant(seeds))
        if not _certified(doc, kind, code):
            return
        ctx = _context(doc, kind)
        assert ctx is not None, doc
        for each in DATA["rules"] if code is None else [code]:
            rule = load_rule(each)
            found = list(rule.check(ctx, option_defaults(rule)))
            assert found == [], (each, doc, kind, found)
    return run


@pytest.mark.parametrize("code", sorted(DATA["rules"]))
def test_mutants_a_rule_certifies_it_finds_nothing_in(seeds: list[tuple[Any, str]],
                                                       code: str) -> None:
    _mutation_test(code, 300)(seeds)


def test_mutants_certified_have_no_findings(seeds: list[tuple[Any, str]]) -> None:
    _mutation_test(None, 1000)(seeds)


@pytest.mark.parametrize("code", sorted(DATA["rules"]))
def test_rule_certifies_the_clean_corpus(clean_docs: list[Document], code: str) -> None:
    """Not soundness but reach: each rule's conditions hold on (nearly) every clean
    realistic document, or those documents would all miss the fast path."""
    clean = certified = 0
    for doc in clean_docs:
        clean += 1
        certified += _certified(doc.data, doc.kind, code)
    assert clean > 200
    assert certified >= 0.97 * clean, f"{code}: {certified} of {clean} clean documents"


@pytest.fixture(scope="module")
def clean_docs(pool: list[LoadedFile]) -> list[Document]:
    """The documents of the corpus files that have no finding."""
    out = []
    for file in pool:
        if file.path.startswith("corpus/") and not file.diagnostics \
                and not engine.lint_loaded(file, config=Config()):
            out.extend(file.documents)
    return out




def test_lint_gives_the_same_findings_with_and_without_the_fast_path(
        pool: list[LoadedFile], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every pool file through ``lint_cmd`` (the files as written, detected and forced
    kinds): certifying changes nothing, and it does certify most of them."""
    from spec_compiler import lint_cmd
    from spec_compiler.walker import Target

    targets = []
    for i, file in enumerate(pool):
        suffix = ".json" if file.path.endswith(".json") else ".yaml"
        path = tmp_path / f"f{i:04d}{suffix}"
        path.write_text(file.text, encoding="utf-8")
        targets.append(Target(path, path.name))
    config = Config()
    serial = lint_cmd.lint_files(targets, config, None, record=True)
    for kind in (None, "message", "conversation", "message-list"):
        monkeypatch.setattr(lint_cmd, "FAST_PATH", True)
        fast = lint_cmd.lint_files(targets, config, kind)  # type: ignore[arg-type]
        certifier = lint_cmd._certifier(config, kind)  # type: ignore[arg-type]
        assert certifier is not None
        monkeypatch.setattr(lint_cmd, "FAST_PATH", False)
        full = lint_cmd.lint_files(targets, config, kind)  # type: ignore[arg-type]
        assert [f[2] for f in fast] == [f[2] for f in full]
    monkeypatch.setattr(lint_cmd, "FAST_PATH", True)
    monkeypatch.setattr(lint_cmd, "SMALL_RUN", 10**6)  # the generated Python certificates
    by_python = lint_cmd.lint_files(targets, config, None)
    assert [f[2] for f in by_python] == [f[2] for f in serial]
    monkeypatch.setattr(lint_cmd, "SMALL_RUN", 0)
    for jobs in (2, 3):  # the forked scheduler: shared queue, then the to-do list
        forked = lint_cmd.lint_files(targets, config, None, jobs, record=True)
        assert [f[2] for f in forked] == [f[2] for f in serial]
        assert [f[1] for f in forked] == [f[1] for f in serial]
    for ahead in (1, 3000):  # a file a batch; a few files a batch, split mid-chunk
        monkeypatch.setattr(lint_cmd, "READ_AHEAD_BYTES", ahead)
        for jobs in (1, 2):
            batched = lint_cmd.lint_files(targets, config, None, jobs, record=True)
            assert [f[2] for f in batched] == [f[2] for f in serial]
            assert [f[1] for f in batched] == [f[1] for f in serial]
    monkeypatch.undo()
    certifier = lint_cmd._certifier(config, None)
    assert certifier is not None
    certified = sum(certifier.certifies(t.path.read_bytes(), t.display) for t in targets)
    assert certified > 200


def _nested(depth: int) -> Any:
    """A message with a value ``depth`` levels down (the message's members are one level
    down) and, beside it, 60 shallow lists: more brackets than the depth limit either
    way."""
    inner: Any = "x"
    for _ in range(depth - 2):
        inner = [inner]
    return {"type": "chat", "role": "agent", "text": "Your order shipped",
            "meta": {"trail": inner, "ids": [[i] for i in range(60)]}}


@pytest.mark.parametrize(("name", "data", "certified"), [
    # 120 messages: far more brackets than the depth limit (100), three levels deep
    ("list.json", [{"type": "chat", "role": "agent", "text": f"Update {i}",
                    "meta": {"ids": [i]}} for i in range(120)], True),
    ("at-limit.json", _nested(100), True),
    ("past-limit.json", _nested(101), False),
    ("far-past.json", _nested(400), False),
])
def test_a_json_file_with_more_brackets_than_the_depth_limit_is_walked(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, data: Any,
        certified: bool) -> None:
    """Counting brackets only rules a file in below the limit; above it the data is
    walked as the loader walks it, so a long clean file is certified and a deep one is
    not, with the full path's findings either way."""
    from spec_compiler import lint_cmd
    from spec_compiler.walker import Target

    path = tmp_path / name
    text = json.dumps(data, indent=1)
    path.write_text(text, encoding="utf-8")
    assert text.count("{") + text.count("[") > Config().limits.max_depth
    certifier = lint_cmd._certifier(Config(), None)
    assert certifier is not None
    assert certifier.certifies(text.encode(), path.name) is certified
    targets = [Target(path, path.name)]
    fast = lint_cmd.lint_files(targets, Config(), None)
    monkeypatch.setattr(lint_cmd, "FAST_PATH", False)
    full = lint_cmd.lint_files(targets, Config(), None)
    assert [f[2] for f in fast] == [f[2] for f in full]
    codes = [d.code for d in full[0][2]]
    assert codes == ([] if certified else ["YAML005"])


@pytest.mark.parametrize(("schema", "instance", "valid"), [
    ({"x-equal": ["uri", "url"]}, {"uri": "a", "url": "a"}, True),
    ({"x-equal": ["uri", "url"]}, {"uri": "a", "url": "b"}, False),
    ({"x-equal": ["uri", "url"]}, {"uri": "a"}, True),
    ({"x-equal": ["uri", "url"]}, ["a", "b"], True),
    ({"x-distinct": "payload"}, [{"payload": "A"}, {"payload": "B"}, {"text": "x"}], True),
    ({"x-distinct": "payload"}, [{"payload": "A"}, {"text": "x"}, {"payload": "A"}], False),
    ({"x-distinct": "payload"}, {"payload": "A"}, True),
    # the schema would excuse the unequal pair through the other branch; a keyword of
    # ours that fails anywhere it applies declines the document (certsplit: sound, and
    # the full path decides)
    ({"anyOf": [{"x-equal": ["a", "b"]}, {"x-distinct": "p"}]}, {"a": 1, "b": 2}, False),
    ({"anyOf": [{"x-equal": ["a", "b"]}, {"x-distinct": "p"}]}, {"a": 1, "b": 1}, True),
    ({"properties": {"x": {"x-equal": ["a", "b"]}}}, {"x": {"a": 1, "b": 2}}, False),
    ({"x-lazy": {"maxLength": 2}}, "ab", True),
    ({"x-lazy": {"maxLength": 2}}, "abc", False),
    ({"anyOf": [{"type": "integer"}, {"x-lazy": {"pattern": "^a"}}]}, "ba", False),
    ({"maxLength": 3, "x-lazy": {"minLength": 2}}, "a", False),
    ({"maxLength": 3, "x-lazy": {"minLength": 2}}, "abc", True),
    ({"maxLength": 3, "x-lazy": {"minLength": 2}}, "abcd", False),
    ({"allOf": [{"maxLength": 3}], "x-lazy": {"minLength": 2}}, "a", False),
    ({"type": "string", "x-lazy": False}, "a", False),
    ({"x-no-near-miss": {"known": ["SenderID", "title"], "cutoff": 0.85}}, "campaign", True),
    ({"x-no-near-miss": {"known": ["SenderID", "title"], "cutoff": 0.85}}, "sender_id", False),
    ({"x-no-near-miss": {"known": ["SenderID", "title"], "cutoff": 0.85}}, "SenderID", True),
    ({"propertyNames": {"x-no-near-miss": {"known": ["SenderID"], "cutoff": 0.85}}},
     {"orderId": 1, "sender_id": 2}, False),
])
def test_our_keywords(schema: dict[str, Any], instance: Any, valid: bool) -> None:
    validator = quiet.compile_certificate(schema)
    assert validator.is_valid(instance) is valid
    assert validator.is_valid(instance) is valid  # again: near misses are remembered


#: every code point but the surrogates (jsonschema_rs takes no lone surrogate), the BMP
#: whole and every 7th astral one
_CODE_POINTS = [*range(0xD800), *range(0xE000, 0x10000), *range(0x10000, 0x110000, 7),
                0x10FFFF]


@pytest.mark.parametrize(("name", "ascii_too"), [("NON_SPACE", True),
                                                 ("NON_ASCII_NON_SPACE", False)])
def test_the_character_classes_are_what_python_does_not_strip(name: str,
                                                              ascii_too: bool) -> None:
    """The quiet conditions' "not a space" classes hold a character exactly when
    ``str.strip`` keeps it and it is no control character (and, for the second, is not
    ASCII), in Python's ``re`` (the generated certificates) and in jsonschema_rs alike."""
    import re

    from spec_compiler.rsimport import load
    from spec_compiler.rules import _quiet

    pattern = getattr(_quiet, name)
    python = re.compile(pattern)
    rs = load().validator_for({"pattern": pattern})
    for code in _CODE_POINTS:
        char = chr(code)
        expected = (not char.isspace() and code > 0x20 and not 0x7F <= code <= 0xA0
                    and (ascii_too or code > 0x7F))
        assert (python.search(char) is not None) is expected, hex(code)
        assert rs.is_valid(char) is expected, hex(code)


def test_lazy_schemas_resolve_the_shared_definitions() -> None:
    data = {"defs": {"short": {"maxLength": 2}}, "rules": {"X": {
        "message": {"properties": {"text": {"x-lazy": {"$ref": "#/$defs/short"}}}},
        "conversation": True, "message-list": True}}}
    validator = quiet.compile_certificate(quiet.compose(data, "message", {}))
    assert validator.is_valid({"text": "ab"})
    assert not validator.is_valid({"text": "abc"})


def test_compiled_certificates_have_no_lazy_schema_and_none_of_our_keywords_left() -> None:
    assert "x-lazy" in json.dumps(quiet._read("message.json"))
    for kind in quiet.KINDS:
        form = quiet._read(quiet.rs_name(kind))  # what a lint run compiles
        text = json.dumps(form["schema"])
        for keyword in ("x-lazy", *quiet.KEYWORDS):
            assert f'"{keyword}"' not in text
        if kind == "message":
            assert form == quiet.rs_form(quiet._read(f"{kind}.json"))
            # ours are checked beside it, each where the readable certificate has it
            # (the pacing invariants compare the messages of a request: not here)
            assert {entry[0] for entry in form["side"]} == quiet.KEYWORDS - {"x-delays"}
        else:  # without the message conditions: each message takes the message one
            api = quiet.messages_left_out(bundled(kind), kind)
            lite = quiet.compose(DATA, kind, api, messages=False)
            assert form == {**quiet.rs_form(lite), "messages": quiet.MESSAGES[kind]}
            assert "message.schema.json" not in text
            where = [] if kind == "message-list" else [["p", "messages"]]
            assert sorted(entry[1] for entry in form["side"] if entry[0] == "x-delays") == [
                "commands-later", "never-decrease", "typing-apart"]
            assert all(entry[2] == [where] for entry in form["side"]
                       if entry[0] == "x-delays")


@pytest.mark.parametrize("kind", ["conversation", "message-list"])
def test_the_messages_left_out_are_the_message_certificates_first_part(kind: str) -> None:
    # a conversation's KIND.rs.json leaves its messages unchecked because the message
    # certificate checks each against the very schema the conversation refers to
    api = bundled(kind)
    items = api["properties"]["messages"]["items"] if kind == "conversation" else api["items"]
    assert items == {"$ref": "message.schema.json"}

    def plain(schema: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in schema.items() if k != "$schema"}

    first = quiet._read("message.json")["allOf"][0]
    assert plain(api["$defs"]["message.schema.json"]) == plain(first) == plain(bundled("message"))
    left = quiet.messages_left_out(api, kind)
    assert "message.schema.json" not in left["$defs"]
    assert bundled(kind) == api  # the bundled schema itself is untouched


def test_messages_left_out_refuses_a_schema_it_cannot_read() -> None:
    api = bundled("conversation")
    other = {**api, "properties": {**api["properties"], "messages": {"items": {}}}}
    with pytest.raises(ValueError, match=r"not message\.schema\.json alone"):
        quiet.messages_left_out(other, "conversation")
    twice = {**api, "properties": {**api["properties"],
                                   "again": {"$ref": "message.schema.json"}}}
    with pytest.raises(ValueError, match="elsewhere too"):
        quiet.messages_left_out(twice, "conversation")


_CLEAN = '{"type": "chat", "role": "agent", "text": "Your order has shipped."}\n'
_FAULTY = '{"type": "chat", "role": "agent", "text": 5}\n'


@pytest.mark.parametrize("ahead", [1, 200, 10**6])
@pytest.mark.parametrize("jobs", [1, 2])
def test_read_ahead_batches_keep_every_file_in_its_place(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, ahead: int, jobs: int) -> None:
    """Files are read, parsed and certified a batch at a time: whatever the batch size,
    each file keeps its own findings, a file that cannot be read (missing, a folder)
    gets its IO001 where it stands, and a clean file is certified."""
    from spec_compiler import lint_cmd
    from spec_compiler.walker import Target

    targets = []
    for i in range(60):
        path = tmp_path / f"f{i:02d}.json"
        if i % 10 == 3:
            path.write_text(_FAULTY, encoding="utf-8")
        elif i % 10 == 7:
            path.mkdir()  # a folder named like a file: IO001
        elif i % 10 != 9:  # i % 10 == 9: never written, so missing (IO001)
            path.write_text(_CLEAN, encoding="utf-8")
        targets.append(Target(path, path.name))
    config = Config()
    monkeypatch.setattr(lint_cmd, "SMALL_RUN", 0)
    monkeypatch.setattr(lint_cmd, "READ_AHEAD_BYTES", ahead)
    got = lint_cmd.lint_files(targets, config, None, jobs)
    monkeypatch.setattr(lint_cmd, "FAST_PATH", False)
    assert got == lint_cmd.lint_files(targets, config, None, 1)
    for i, (_, _, found) in enumerate(got):
        codes = {d.code for d in found}
        if i % 10 == 3:
            assert codes == {"SCHEMA001"}, i
        elif i % 10 in (7, 9):
            assert codes == {"IO001"}, i
        else:
            assert not found, i
    monkeypatch.setattr(lint_cmd, "FAST_PATH", True)
    certifier = lint_cmd._certifier(config, None)
    assert certifier is not None
    assert certifier.certifies(_CLEAN.encode(), "a.json")
    assert not certifier.certifies(_FAULTY.encode(), "a.json")


def test_a_files_parsed_data_is_let_go_before_its_turn_comes(tmp_path: Path) -> None:
    """The batch's parsed documents are dropped as each file's verdict is given: when the
    caller lints an uncertified file on the full path (which parses it again), its
    first parse is no longer held, so a large file is not in memory twice."""
    import gc
    import weakref

    from spec_compiler import lint_cmd
    from spec_compiler.walker import Target

    class Parsed(list):  # type: ignore[type-arg]
        pass

    alive: list[weakref.ref[Any]] = []

    class Certifier:
        def documents(self, raw: bytes, file: str) -> list[Any]:
            parsed = Parsed([raw])
            alive.append(weakref.ref(parsed))
            return parsed

        def certifies_all(self, documents: list[Any], file: str) -> bool:
            return False

    targets = []
    for i in range(5):
        path = tmp_path / f"f{i}.json"
        path.write_text(_FAULTY, encoding="utf-8")
        targets.append(Target(path, path.name))
    seen = 0
    for at, raw, _, _, certified in lint_cmd._staged(
            targets, 0, len(targets), Certifier(), Config().limits,  # type: ignore[arg-type]
            False):
        gc.collect()
        assert raw is not None and not certified
        assert len(alive) == len(targets)  # one batch: every file parsed first
        assert alive[at]() is None, at
        seen += 1
    assert seen == len(targets)


def test_a_near_miss_stays_one_for_every_later_file() -> None:
    schema = {"propertyNames": {"x-no-near-miss": {"known": ["SenderID"], "cutoff": 0.85}}}
    validator = quiet.compile_certificate(schema)
    verdicts = [validator.is_valid(meta) for meta in (
        {"sender_id": 1}, {"orderId": 1}, {"sender_id": 2, "orderId": 2}, {"SenderID": 1})]
    assert verdicts == [False, True, False, True]


def test_a_clean_run_imports_only_what_certifying_needs(tmp_path: Path) -> None:
    """A pre-commit run over clean files: no dataclasses, typing, loader, engine, rule,
    jsonschema or jsonschema_rs import (the generated Python certificates do), yaml only
    for YAML files, not even json for JSON files (json's C scanner reads them), no
    importlib package (the certificates' modules come through ``__import__``), and
    nothing to report."""
    (tmp_path / "a.yaml").write_text("role: agent\ntext: Hi there\n", encoding="utf-8")
    (tmp_path / "b.json").write_text('{"role": "agent", "text": "Hello"}\n', encoding="utf-8")
    heavy = ("dataclasses", "typing", "pathlib", "jsonschema", "jsonschema_rs", "json",
             "click", "email.utils", "yaml", "importlib", "spec_compiler.engine",
             "spec_compiler.loader",
             "spec_compiler.validation", "spec_compiler.document", "spec_compiler.diagnostics",
             "spec_compiler.rules.*")
    env: dict[str, str] = {}

    def modules(*files: str, cache: bool = False) -> tuple[str, list[str]]:
        flags = [] if cache else ["--no-cache"]
        done = lint_in_subprocess([*files, *flags], watch=heavy, cwd=tmp_path, env=env)
        return done.code, done.modules

    assert modules("a.yaml") == ("0", ["yaml"])
    assert modules("b.json") == ("0", [])
    assert modules("a.yaml", "b.json") == ("0", ["yaml"])
    # the result cache on (pre-commit's default), the files changed: json for its shards
    env["SPEC_COMPILER_CACHE_DIR"] = str(tmp_path / "cache")
    assert modules("a.yaml", cache=True) == ("0", ["json", "yaml"])
    # with a configuration: tomllib (which imports typing), the config schema (json) and
    # the registry of codes, but no dataclasses, loader, engine or rule module
    (tmp_path / "pyproject.toml").write_text(
        '[tool.spec-compiler]\nignore = ["MSG002", "SMS"]\n', encoding="utf-8")
    assert modules("a.yaml") == ("0", ["json", "spec_compiler.rules", "typing", "yaml"])
    # a JSON file with a finding takes the full path, and imports jsonschema_rs for the
    # schema fault: still no PyYAML (positions in JSON need none), no email.utils
    # (spec_compiler.rsimport), no jsonschema, and no dataclasses or pathlib (~14 ms
    # between them: the records are namedtuples, the schemas read with os.path)
    (tmp_path / "pyproject.toml").unlink()
    (tmp_path / "c.json").write_text('{"role": "agent", "type": "caht", "text": "Hi"}\n',
                                     encoding="utf-8")
    code, found = modules("c.json")
    assert code == "1" and "spec_compiler.engine" in found and "jsonschema_rs" in found
    assert not {"yaml", "email.utils", "jsonschema", "dataclasses", "pathlib"} & set(found), found


def test_a_large_json_run_with_findings_does_not_import_the_yaml_side(tmp_path: Path) -> None:
    """Forked workers (300 files and more): the parent imports the full path for the
    files it cannot certify, but not PyYAML or yaml12 when every target is JSON, and the
    findings are those of a serial run."""
    for i in range(320):
        (tmp_path / f"m{i:03}.json").write_text(
            json.dumps({"role": "agent", "text": f"Hello {i}"}), encoding="utf-8")
    (tmp_path / "m007.json").write_text('{"role": "agent", "type": "caht", "text": "Hi"}',
                                        encoding="utf-8")
    (tmp_path / "m200.json").write_text('{"role": "agent", "text": "Hi", "text": "Ho"}',
                                        encoding="utf-8")
    # invalid JSON, which the certifier's decoder meets before json.decoder is imported
    # (in a child, CPython 3.11's scanner then fails with a SystemError: declined too)
    (tmp_path / "m250.json").write_text('{"role": "agent" "text": "Hi"}', encoding="utf-8")

    def run(jobs: str) -> tuple[list[tuple[str, str]], str]:
        done = lint_in_subprocess(
            [".", "--no-cache", "--format", "json", "--jobs", jobs], cwd=tmp_path,
            watch=("yaml", "spec_compiler.yaml12", "spec_compiler.engine"))
        found = json.loads(done.stdout)["diagnostics"]
        return sorted((d["file"], d["code"]) for d in found), "MODULES " + ",".join(done.modules)

    forked, modules = run("2")
    assert modules == "MODULES spec_compiler.engine", modules
    assert forked == run("1")[0]
    assert [f for f, _ in forked] == ["m007.json", "m200.json", "m250.json"], forked


def test_a_large_clean_json_run_imports_neither_json_nor_re(tmp_path: Path) -> None:
    """Forked workers certifying JSON files with jsonschema_rs: json's C scanner reads
    them and the default include patterns match without fnmatch, so neither ``json``,
    ``re`` nor ``fnmatch`` is imported before the fork (~4.5 ms of the serial start) or
    after it, when every file is certified and the report is text."""
    for i in range(320):
        (tmp_path / f"m{i:03}.json").write_text(
            json.dumps({"role": "agent", "text": f"Hello {i}"}), encoding="utf-8")
    done = lint_in_subprocess([".", "--no-cache", "--jobs", "2"], cwd=tmp_path,
                              watch=("json", "re", "fnmatch", "jsonschema_rs",
                                     "spec_compiler.engine"))
    assert (done.code, done.modules) == ("0", ["jsonschema_rs"]), done
