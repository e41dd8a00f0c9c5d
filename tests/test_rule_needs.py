"""Skipping a rule whose ``NEEDS`` the document lacks changes nothing.

The engine works out once per document which features its messages have
(``engine.features``) and skips every rule whose ``NEEDS`` names none of them, unless the
document has schema faults. These tests run every test document we have (API examples,
seed fixtures, examples, the precision cases, the rule test tables, a benchmark corpus)
with and without the skipping, and check each skipped rule directly: it finds nothing.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from spec_compiler import engine
from spec_compiler.config import Config
from spec_compiler.loader import LoadedFile, load_text
from spec_compiler.rules import REGISTRY, load_rule
from spec_compiler.rules.base import option_defaults

REPO = Path(__file__).resolve().parent.parent
TESTS = REPO / "tests"


def _module(path: Path) -> ModuleType:
    name = f"_needs_source_{path.parent.name}_{path.stem}"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    folder = str(path.parent)
    sys.path.insert(0, folder)  # the rule tests import their helpers (robustness.py)
    try:
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(folder)
    return module


def _strings(value: Any, depth: int = 0) -> Iterator[str]:
    """Every string inside test-table values (pytest.param, tuples, lists)."""
    if depth > 4:
        return
    if isinstance(value, str):
        yield value
    elif hasattr(value, "values") and hasattr(value, "id") and hasattr(value, "marks"):
        yield from _strings(value.values, depth + 1)  # a pytest.param
    elif isinstance(value, (list, tuple)):
        for v in value:
            yield from _strings(v, depth + 1)


def _table_documents() -> Iterator[tuple[str, str]]:
    """Documents of the rule test tables and the precision cases."""
    for path in sorted([*(TESTS / "rules").glob("test_*.py"), TESTS / "test_precision.py"]):
        module = _module(path)
        for attr, value in sorted(vars(module).items()):
            if attr.startswith("_") or not isinstance(value, (list, tuple)):
                continue
            for text in _strings(value):
                if "\n" in text or text.lstrip().startswith(("{", "[")):
                    yield f"{path.stem}.{attr}", text


def _file_documents() -> Iterator[tuple[str, str]]:
    folders = [TESTS / "fixtures" / "api-examples", TESTS / "fixtures" / "seed",
               REPO / "examples"]
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.suffix in (".yaml", ".yml", ".json") and path.is_file():
                yield str(path.relative_to(REPO)), path.read_text("utf-8")


def _corpus_documents(tmp: Path) -> Iterator[tuple[str, str]]:
    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        corpus = importlib.import_module("corpus")
    finally:
        sys.path.remove(str(REPO / "benchmarks"))
    for fmt in ("yaml", "json"):
        out = tmp / fmt
        corpus.generate(out, n=150, fmt=fmt, seed=7)
        for path in sorted(out.iterdir()):
            if path.suffix in (".yaml", ".json"):
                yield f"corpus/{path.name}", path.read_text("utf-8")


def _loaded(tmp: Path) -> list[LoadedFile]:
    out = []
    seen: set[str] = set()
    sources = [*_file_documents(), *_table_documents(), *_corpus_documents(tmp)]
    for origin, text in sources:
        if text in seen:
            continue
        seen.add(text)
        names = ["case.yaml"]
        if text.lstrip().startswith(("{", "[")):
            names.append("case.json")
        if origin.endswith(".json"):
            names = ["case.json"]
        for name in names:
            out.append(load_text(text, f"{origin}:{name}"))
    return out


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> list[LoadedFile]:
    files = _loaded(tmp_path_factory.mktemp("needs"))
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
    skipped = 0
    for file in loaded:
        for doc in file.documents:
            ctx = engine.build_context(doc, kind or doc.kind, flags)
            ctx = engine._with_schema_errors(ctx)
            assert ctx.features is not None
            if ctx.schema_errors:
                continue
            for code, needs in needing.items():
                if not needs.isdisjoint(ctx.features):
                    continue
                rule = load_rule(code)
                found = list(rule.check(ctx, option_defaults(rule)))
                assert found == [], (code, file.path, found)
                skipped += 1
    assert skipped > 1000


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
