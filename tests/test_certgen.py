"""The generated Python certificates give jsonschema_rs's verdict, document for document.

Small lint runs check certificates with the modules ``certgen`` writes, large ones with
jsonschema_rs; the two must never disagree. Checked on every test document, on
hypothesis mutations of them, and keyword by keyword on small schemas.
"""

from __future__ import annotations

import importlib
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from docpool import loaded_pool
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mutants import TRICKY, mutant

from spec_compiler import certgen, certsplit, quiet
from spec_compiler.config import Config
from spec_compiler.loader import LoadedFile


@cache
def _rs(kind: str) -> Any:
    """What a large lint run checks: ``KIND.rs.json`` as the certifier compiles it (our
    keywords beside jsonschema_rs, a conversation's messages by the message certificate)."""
    config = Config()
    validator = quiet.Certifier(config, None, config.limits, "rs")._validator(kind)
    assert validator is not False
    return validator


@cache
def _rs_whole(kind: str) -> Any:
    return quiet.compile_certificate(quiet._read(f"{kind}.json"))


@cache
def _python(kind: str) -> ModuleType:
    return importlib.import_module(f"spec_compiler.certificates.{quiet.module_name(kind)}")


def _verdicts(data: Any, kind: str) -> tuple[bool, bool]:
    """jsonschema_rs's verdict (``x-lazy`` schemas compiled in place) and the generated
    module's (``x-lazy`` schemas compiled when reached)."""
    try:
        rs = bool(_rs(kind).is_valid(data))
        # the whole certificate in one jsonschema_rs validator says the same
        assert bool(_rs_whole(kind).is_valid(data)) is rs, (kind, data)
    except (ValueError, TypeError, OverflowError):
        rs = False
    return rs, bool(_python(kind).is_valid(data))


@pytest.fixture(scope="module")
def pool(tmp_path_factory: pytest.TempPathFactory) -> list[LoadedFile]:
    return loaded_pool(tmp_path_factory.mktemp("certgen"))


def test_every_pool_document_gets_the_same_verdict(pool: list[LoadedFile]) -> None:
    valid = 0
    for file in pool:
        for doc in file.documents:
            for kind in quiet.KINDS:
                rs, python = _verdicts(doc.data, kind)
                assert rs == python, (file.path, kind)
                valid += rs
    assert valid > 300


@pytest.fixture(scope="module")
def seeds(pool: list[LoadedFile]) -> list[tuple[Any, str]]:
    return [(doc.data, kind) for file in pool for doc in file.documents
            for kind in quiet.KINDS if _verdicts(doc.data, kind)[0]]


@settings(max_examples=1500, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.data())
def test_mutants_get_the_same_verdict(seeds: list[tuple[Any, str]],
                                      data: st.DataObject) -> None:
    doc, kind = data.draw(mutant(seeds))
    rs, python = _verdicts(doc, kind)
    # the one way they may differ: a keyword of ours that fails where the whole
    # certificate would excuse it (a link's differing uri and url with a placeholder)
    # declines the document on the jsonschema_rs side (certsplit), never the reverse
    assert rs == python or (python and _our_keyword_fails(doc, kind)), (kind, doc)


def _our_keyword_fails(data: Any, kind: str) -> bool:
    """True when a keyword of ours fails somewhere in ``data`` (its own or a message's)."""
    message = certsplit.side_check(quiet._read(quiet.rs_name("message"))["side"])
    if not certsplit.side_check(quiet._read(quiet.rs_name(kind))["side"])(data):
        return True
    if kind == "message":
        return not message(data)
    return not quiet._each_message(quiet.MESSAGES[kind], message)(data)


def test_a_keyword_of_ours_that_the_schema_would_excuse_declines() -> None:
    link = {"type": "link", "text": "Open", "uri": "{{ url }}", "url": "https://example.org/a"}
    doc = {"role": "agent", "text": "Hi", "actions": [link]}
    assert _verdicts(doc, "message") == (False, True)
    assert _our_keyword_fails(doc, "message")
    assert _verdicts({"messages": [doc]}, "conversation")[0] is False


def _module(schema: Any) -> ModuleType:
    module = ModuleType("generated")
    exec(compile(certgen.generate(schema, "test"), "<generated>", "exec"),
         module.__dict__)
    return module


VALUES: list[Any] = [*TRICKY[:40], {"Type": 1}, {"tekst": 1}, {"campaign": 2}, 0, 1, 1.0,
                     1.5, -3, 10**30, True, False, None, "", "a", [], [1], [1, "a"],
                     [True, 1], {}, {"a": 1}, {"a": True, "b": "x"},
                     {"type": "link", "uri": "x", "url": "x"}, [{"payload": "A"}] * 2]
SCHEMAS: list[Any] = [
    {"type": "integer"}, {"type": ["string", "null"]}, {"type": "number"},
    {"type": "boolean"}, {"type": "object"}, {"type": "array"},
    {"const": 1}, {"const": True}, {"const": [1, "a"]}, {"enum": [1, "a", None, False]},
    {"enum": ["a", "b"]}, {"not": {"const": 1}},
    {"minLength": 1, "maxLength": 3}, {"pattern": "^[a-z]+$"}, {"pattern": "[^@\\s]+@"},
    {"pattern": "^(?=.*[A-Za-z])[A-Za-z0-9 ]{1,11}$"}, {"pattern": "\\S"},
    {"minimum": 0, "exclusiveMaximum": 2}, {"maximum": 1, "exclusiveMinimum": -5},
    {"minItems": 1, "maxItems": 1}, {"prefixItems": [{"const": 1}], "items": False},
    {"prefixItems": [True], "items": {"type": "string"}},
    {"contains": {"type": "string"}}, {"contains": {"const": 1}, "minContains": 0,
                                       "maxContains": 1},
    {"required": ["a"]}, {"properties": {"a": {"type": "integer"}}},
    {"propertyNames": {"enum": ["a"]}}, {"dependentRequired": {"a": ["b"]}},
    {"if": {"required": ["a"]}, "then": {"required": ["b"]}, "else": {"type": "object"}},
    {"anyOf": [{"type": "integer"}, {"type": "string"}]},
    {"allOf": [{"minLength": 1}, {"maxLength": 2}]},
    {"x-equal": ["uri", "url"]}, {"x-distinct": "payload"}, {"x-lazy": {"maxLength": 1}},
    {"maxLength": 3, "x-lazy": {"minLength": 1}}, {"allOf": [True], "x-lazy": {"type": "array"}},
    {"propertyNames": {"x-no-near-miss": {"known": ["type", "text"], "cutoff": 0.85}}},
    {"$defs": {"d": {"type": "string"}}, "properties": {"a": {"$ref": "#/$defs/d"}}},
]


@pytest.mark.parametrize("schema", SCHEMAS)
def test_each_keyword_means_what_jsonschema_rs_says(schema: Any) -> None:
    rs = quiet.compile_certificate(schema)
    module = _module(schema)
    for value in VALUES:
        try:
            expected = bool(rs.is_valid(value))
        except (ValueError, TypeError, OverflowError):
            continue
        assert module.is_valid(value) is expected, (schema, value)


@pytest.mark.parametrize("schema", [{"oneOf": [True]}, {"uniqueItems": True},
                                    {"additionalProperties": False}, {"pattern": "\\d"},
                                    {"$ref": "https://elsewhere.example/x.json"}])
def test_what_is_not_supported_is_an_error_at_generation(schema: Any) -> None:
    with pytest.raises(certgen.UnsupportedSchema):
        certgen.generate(schema, "test")


def test_patterns_get_jsonschema_rs_meaning() -> None:
    assert certgen.python_regex("^a$") == "^a\\Z"
    assert certgen.python_regex("[$]") == "[$]"
    module = _module({"pattern": "^[^\\s]+$"})
    assert module.is_valid("a\x1cb")  # not Unicode White_Space, unlike Python's \s
    assert not module.is_valid("a\u3000b") and not module.is_valid("ab\n")


def test_generated_modules_ship_next_to_the_json() -> None:
    folder = Path(quiet.FOLDER)
    for kind in quiet.KINDS:
        assert (folder / f"{quiet.module_name(kind)}.py").is_file()
