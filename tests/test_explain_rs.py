"""Schema faults explained from jsonschema_rs's errors say what jsonschema's say.

``SchemaValidator.errors`` reads jsonschema_rs's errors as jsonschema's (``rs_faults``)
where they carry all the explanation needs, so that linting a faulty file imports
neither jsonschema nor runs its ``iter_errors``; jsonschema stays the reference. Held
to the same findings on every test document, on hypothesis mutations of them, and in
what a lint run with schema faults imports.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from docpool import loaded_pool
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lintproc import lint_in_subprocess
from mutants import mutant

from spec_compiler.loader import LoadedFile
from spec_compiler.schemas import bundled
from spec_compiler.validation import SchemaValidator, get_validator, rs_faults

NAMES = ("message", "conversation", "message-list", "spec")


@cache
def _rs(name: str) -> Any:
    import jsonschema_rs

    return jsonschema_rs.validator_for(bundled(name), validate_formats=False)


def _explained(data: Any, name: str) -> tuple[bool, bool]:
    """(invalid, explained by jsonschema_rs) for ``data`` under ``name``; asserts that
    an explanation from jsonschema_rs is exactly jsonschema's."""
    validator = get_validator(name)
    try:
        if validator.is_valid(data, engine="rs"):
            return False, False
    except (ValueError, TypeError, OverflowError):
        return True, False
    faults = rs_faults(_rs(name), data)
    if faults is None:
        return True, False
    assert validator.errors(data, engine="rs") == validator.errors(data, engine="python"), (
        name, data)
    return True, True


@pytest.fixture(scope="module")
def pool(tmp_path_factory: pytest.TempPathFactory) -> list[LoadedFile]:
    return loaded_pool(tmp_path_factory.mktemp("explain"))


def test_every_pool_document_gets_the_same_explanation(pool: list[LoadedFile]) -> None:
    invalid = explained = 0
    for file in pool:
        for doc in file.documents:
            for name in NAMES:
                bad, by_rs = _explained(doc.data, name)
                invalid += bad
                explained += by_rs
    # the optimisation must reach: nearly every fault is explained without jsonschema
    assert invalid > 500
    assert explained >= 0.99 * invalid, (explained, invalid)


@pytest.fixture(scope="module")
def seeds(pool: list[LoadedFile]) -> list[tuple[Any, str]]:
    return [(doc.data, name) for file in pool for doc in file.documents
            for name in NAMES[:3] if not _explained(doc.data, name)[0]]


@settings(max_examples=1500, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.data())
def test_mutants_get_the_same_explanation(seeds: list[tuple[Any, str]],
                                          data: st.DataObject) -> None:
    doc, name = data.draw(mutant(seeds))
    _explained(doc, name)


def test_dependent_required_is_explained_by_jsonschema_rs() -> None:
    # a template namespace without its elementName
    data = {"role": "agent", "text": "Hi",
            "meta": {"namespace": "56cca706_4162_b9be_fc60_13623ff73b1e"}}
    validator = get_validator("message")
    faults = rs_faults(_rs("message"), data)
    assert faults is not None
    assert {f.validator for f in faults} == {"dependentRequired"}
    assert validator.errors(data, engine="rs") == validator.errors(data, engine="python")


@pytest.mark.parametrize(("schema", "instance"), [
    ({"anyOf": [{"type": "string"}, {"type": "integer"}]}, []),  # a union: jsonschema's
    ({"format": "email", "type": "string", "minLength": 99}, "x"),
    ({"uniqueItems": True}, [1, 1]),
])
def test_what_it_cannot_say_is_left_to_jsonschema(schema: dict[str, Any],
                                                  instance: Any) -> None:
    import jsonschema_rs

    schema = {"$id": "https://example.com/other.json", **schema}
    assert rs_faults(jsonschema_rs.validator_for(schema), instance) is None


class _Error:
    """A jsonschema_rs error at the sender id pattern, for ``instance``."""

    absolute_keyword_location = (
        "https://spec-compiler.dev/schemas/message.schema.json"
        "#/$defs/meta/properties/SenderID/pattern")

    def __init__(self, instance: str) -> None:
        self.instance = instance
        self.instance_path = ["meta", "SenderID"]


class _Validator:
    def __init__(self, instance: str) -> None:
        self.instance = instance

    def iter_errors(self, data: Any) -> list[_Error]:
        return [_Error(self.instance)]


def _sender(sender_id: str) -> dict[str, Any]:
    return {"meta": {"SenderID": sender_id}}


def test_a_pattern_python_would_accept_is_left_to_jsonschema() -> None:
    # a sender id the pattern accepts
    assert rs_faults(_Validator("Acme"), _sender("Acme")) is None
    faults = rs_faults(_Validator("Tims Truckshop"), _sender("Tims Truckshop"))
    assert faults is not None and faults[0].validator == "pattern"
    assert faults[0].absolute_path == ["meta", "SenderID"]


@pytest.mark.parametrize("data", [{}, _sender("Tims"), {"meta": ["Tims Truckshop"]}])
def test_an_error_about_a_value_the_data_does_not_hold_is_left_to_jsonschema(
        data: dict[str, Any]) -> None:
    """jsonschema_rs reads YAML's .inf and .nan as null: an error that names another
    value than the data holds at its place is explained by jsonschema instead."""
    assert rs_faults(_Validator("Tims Truckshop"), data) is None


@pytest.mark.parametrize("value", [float("inf"), float("-inf"), float("nan")])
def test_a_delay_that_is_no_number_is_explained_as_it_is(value: float) -> None:
    data = {"role": "agent", "text": "Hi", "delay": value}
    assert rs_faults(_rs("message"), data) is None
    assert [e.message for e in SchemaValidator("message").errors(data)] == [
        f"expected an integer, got number {json.dumps(value)}"]


def test_a_document_without_faults_is_left_to_jsonschema() -> None:
    assert rs_faults(_rs("message"), {"role": "agent", "text": "Hi"}) is None
    assert SchemaValidator("message").errors({"role": "agent", "text": "Hi"}) == []


def test_linting_schema_faults_does_not_import_jsonschema(tmp_path: Path) -> None:
    # nor email.utils (jsonschema_rs is imported through spec_compiler.rsimport), nor
    # dataclasses or pathlib (the records of the full path are namedtuples), nor
    # urllib.parse (schemas.join_uri bundles the validators' schemas), nor typing (the
    # full path's modules import it for mypy alone, under TYPE_CHECKING)
    (tmp_path / "a.yaml").write_text("role: agent\ntype: caht\ntext: Hi\n", encoding="utf-8")
    (tmp_path / "b.json").write_text(
        json.dumps({"role": "agent", "text": "Hi", "delay": "3000",
                    "actions": [{"type": "replay", "text": "Yes", "payload": "Y"}]}),
        encoding="utf-8")
    done = lint_in_subprocess(
        ["--no-cache", "--format", "json", str(tmp_path)], cwd=tmp_path,
        watch=("jsonschema.*", "referencing.*", "email.utils", "socket", "dataclasses",
               "pathlib", "urllib.parse", "typing"),
        env={"SPEC_COMPILER_CACHE_DIR": str(tmp_path / "cache")})
    found = json.loads(done.stdout)
    messages = sorted(d["message"] for d in found["diagnostics"])
    assert messages == [
        "expected an integer, got string '3000'",
        "unknown action type 'replay'; did you mean 'reply'?",
        "unknown message type 'caht'; did you mean 'chat'?",
    ], messages
    assert done.modules == [], done.modules
