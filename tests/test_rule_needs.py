"""Skipping a rule whose ``NEEDS`` the document lacks changes nothing.

The engine works out once per document which features its messages have
(``engine.features``) and skips every rule whose ``NEEDS`` names none of them; where the
document has schema faults, the rules that report them (``NEEDS`` empty) run anyway.
These tests run every test document we have (API examples, seed fixtures, examples, the
precision cases, the rule test tables, a benchmark corpus) and hypothesis mutations of
them, most with schema faults, with and without the skipping, and check each skipped
rule directly: it finds nothing.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from docpool import loaded_pool
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mutants import mutant

from spec_compiler import engine
from spec_compiler.config import Config
from spec_compiler.loader import LoadedFile, load_text
from spec_compiler.rules import REGISTRY, load_rule
from spec_compiler.rules.base import option_defaults


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> list[LoadedFile]:
    files = loaded_pool(tmp_path_factory.mktemp("needs"))
    assert len(files) > 500
    return files


def _needing() -> dict[str, frozenset[str]]:
    out = {}
    for code in REGISTRY:
        needs = getattr(load_rule(code), "NEEDS", None)
        if needs is not None:
            out[code] = frozenset(needs)
    return out


def test_rules_declare_needs() -> None:
    needing = _needing()
    assert len(needing) >= 40
    known = {"actions", "items", "contentType", "delay", "SenderID", "language", "template",
             "command", "spec", "conversation"}
    for code, needs in needing.items():
        assert all(n in known or n.startswith("channel:") for n in needs), code


@pytest.mark.parametrize("kind", [None, "spec", "conversation", "message"])
def test_skipping_changes_nothing(loaded: list[LoadedFile], kind: Any,
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    config = Config()
    for file in loaded:
        with_skip = engine.lint_loaded(file, config=config, kind=kind)
        monkeypatch.setattr(engine, "SKIP_BY_FEATURES", False)
        without = engine.lint_loaded(file, config=config, kind=kind)
        monkeypatch.setattr(engine, "SKIP_BY_FEATURES", True)
        assert with_skip == without, file.path


@pytest.mark.parametrize("flags", [None, {"rendered": True}])
@pytest.mark.parametrize("kind", [None, "spec", "conversation", "message"])
def test_skipped_rules_find_nothing(loaded: list[LoadedFile], kind: Any,
                                    flags: Any) -> None:
    """Directly: on every document where a rule would be skipped, its check is empty."""
    needing = _needing()
    skipped = faulty = 0
    for file in loaded:
        for doc in file.documents:
            ctx = engine.build_context(doc, kind or doc.kind, flags)
            ctx = engine._with_schema_errors(ctx)
            assert ctx.features is not None
            for code, needs in needing.items():
                if not needs.isdisjoint(ctx.features) or (ctx.schema_errors and not needs):
                    continue
                rule = load_rule(code)
                found = list(rule.check(ctx, option_defaults(rule)))
                assert found == [], (code, file.path, found)
                skipped += 1
                faulty += bool(ctx.schema_errors)
    assert skipped > 1000 and faulty > 1000


def test_features_of_a_document() -> None:
    src = ("kind: conversation\ncontact: {profile: {email: a@b.org}}\n"
           "defaults: {meta: {SenderID: Acme}}\n"
           "messages:\n  - {text: hi, delay: 5, actions: [{type: reply, text: a, payload: b}]}\n"
           "  - {type: command, text: /leave}\n")
    doc = load_text(src, "case.yaml").documents[0]
    ctx = engine.build_context(doc)
    assert ctx.features == frozenset({"spec", "conversation", "SenderID", "delay", "actions",
                                      "command"})
    src = ("organization: 5c7574c78ae07962b12e264c\ntouchpoint: SMS\n"
           "contact: {profile: {telephone: '+31646280994'}}\n"
           "messages:\n  - {role: agent, text: hi, touchpoint: WhatsApp}\n")
    doc = load_text(src, "case.yaml").documents[0]
    assert engine.build_context(doc).features == frozenset({"conversation", "channel:sms",
                                                            "channel:whatsapp"})
    plain = load_text("role: agent\ntext: hi\n", "case.yaml").documents[0]
    assert engine.build_context(plain).features == frozenset()


def test_schema_faults_run_every_rule() -> None:
    """A document with a schema fault runs the rules that need nothing it has."""
    loaded = load_text("role: agent\ntext: hi\ntype: chatt\n", "case.yaml")
    codes = {d.code for d in engine.lint_loaded(loaded, config=Config())}
    assert "SCHEMA003" in codes


@pytest.fixture(scope="module")
def seeds(loaded: list[LoadedFile]) -> list[tuple[Any, str]]:
    return [(doc.data, doc.kind) for file in loaded for doc in file.documents
            if isinstance(doc.data, (dict, list))]


@settings(max_examples=600, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_skipping_changes_nothing_in_mutants(seeds: list[tuple[Any, str]], data: st.DataObject,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """Edits that break the schema (most do) leave the skipping as exact as before."""
    value, _ = data.draw(mutant(seeds))
    loaded = load_text(json.dumps(value), "case.json")
    config = Config()
    with_skip = engine.lint_loaded(loaded, config=config)
    monkeypatch.setattr(engine, "SKIP_BY_FEATURES", False)
    without = engine.lint_loaded(loaded, config=config)
    monkeypatch.setattr(engine, "SKIP_BY_FEATURES", True)
    assert with_skip == without, value


def test_the_needs_table_is_each_rules_own() -> None:
    """``certificates.NEEDS``, which the engine plans with before importing a rule, holds
    every rule's ``NEEDS`` as the rule states it (``test_certificates_are_current``
    regenerates the whole file; this says what the engine relies on)."""
    from spec_compiler.certificates import NEEDS

    for code in REGISTRY:
        needs = getattr(load_rule(code), "NEEDS", None)
        if needs is None:
            assert code not in NEEDS, code
        else:
            assert frozenset(NEEDS[code]) == frozenset(needs), code
    assert engine._static_needs() == {c: frozenset(n) for c, n in NEEDS.items()}


def test_a_plan_imports_a_rule_when_a_document_needs_it(tmp_path: Any) -> None:
    """In a fresh interpreter: a faulty message imports neither the spec rules nor the
    command rules (its features do not call for them), a spec imports the spec rules,
    and both give the findings of a run with every rule imported first."""
    from lintproc import lint_in_subprocess

    (tmp_path / "m.json").write_text('{"role": "agent", "type": "caht", "text": "Hi"}',
                                     encoding="utf-8")
    (tmp_path / "s.yaml").write_text(
        "kind: message\nvariables:\n  name: {type: string}\nmessage:\n"
        "  role: agent\n  text: 'Hi {{ nam }}'\n", encoding="utf-8")
    spec_rules = {f"spec_compiler.rules.{REGISTRY[c]}" for c in REGISTRY
                  if c.startswith("SPEC") and c != "SPEC003"}
    command_rules = {f"spec_compiler.rules.{REGISTRY[c]}" for c in ("CMD001", "CMD002")}

    def run(name: str) -> tuple[set[str], list[tuple[str, int, int]]]:
        done = lint_in_subprocess([name, "--no-cache", "--format", "json"], cwd=tmp_path,
                                  watch=("spec_compiler.rules.*",))
        found = json.loads(done.stdout)["diagnostics"]
        return set(done.modules), sorted((d["code"], d["line"], d["column"]) for d in found)

    imported, found = run("m.json")
    assert not (spec_rules | command_rules) & imported
    assert [c for c, *_ in found] == ["SCHEMA003"]
    imported, found = run("s.yaml")
    assert spec_rules <= imported
    assert "SPEC001" in {c for c, *_ in found}
    for name in ("m.json", "s.yaml"):
        loaded = load_text((tmp_path / name).read_text(encoding="utf-8"), name)
        engine.rule_plan(Config(), name)  # every rule imported: the eager way
        eager = sorted((d.code, d.line, d.column) for d in engine.lint_loaded(loaded))
        assert run(name)[1] == eager, name


def test_without_the_table_every_rule_is_imported(monkeypatch: pytest.MonkeyPatch) -> None:
    """A broken install without the generated table plans the eager way: every entry has
    its rule, and the findings are the same."""
    import sys

    monkeypatch.setitem(sys.modules, "spec_compiler.certificates", None)
    monkeypatch.setattr(engine, "_KNOWN_NEEDS", None)
    monkeypatch.setattr(engine, "_PLANS", {})
    config = Config()
    assert engine._static_needs() == {}
    assert all(entry is not None for entry in engine._plan(config, "x.json").entries)
    loaded = load_text('{"role": "agent", "type": "caht", "text": "Hi"}', "x.json")
    assert [d.code for d in engine.lint_loaded(loaded, config=config)] == ["SCHEMA003"]
