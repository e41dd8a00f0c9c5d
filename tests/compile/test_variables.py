"""Declared variables: coercion by schema, defaults, required, formats, no remote $ref."""

from __future__ import annotations

from typing import Any

import pytest

from spec_compiler.variables import VariableError, VariableSet, parse_assignment

DECLARED = {
    "name": {"type": "string"},
    "count": {"type": "integer", "minimum": 1},
    "ratio": {"type": "number"},
    "vip": {"type": "boolean", "default": False},
    "tags": {"type": "array", "items": {"type": "string"}},
    "extra": {"type": "object"},
    "phone": {"type": "string", "format": "phone"},
    "email": {"type": "string", "format": "email"},
    "site": {"type": "string", "format": "uri", "default": "https://example.org/"},
    "anything": {},
}


@pytest.mark.parametrize(
    ("name", "raw", "expected"),
    [
        ("name", "007", "007"),
        ("count", "42", 42),
        ("ratio", "0.5", 0.5),
        ("ratio", "2", 2),
        ("vip", "true", True),
        ("vip", "No", False),
        ("tags", '["a", "b"]', ["a", "b"]),
        ("extra", '{"a": 1}', {"a": 1}),
        ("anything", "12", 12),
        ("anything", "hello", "hello"),
    ],
)
def test_coerce_by_declared_type(name: str, raw: str, expected: Any) -> None:
    assert VariableSet(DECLARED).coerce(name, raw) == expected


@pytest.mark.parametrize(
    ("name", "raw", "message"),
    [
        ("count", "abc", "variable 'count' expects an integer, got 'abc'"),
        ("vip", "maybe", "variable 'vip' expects a boolean"),
        ("tags", "{}", "variable 'tags' expects a JSON array"),
        ("nope", "1", "undeclared variable 'nope'"),
    ],
)
def test_coerce_errors_name_the_variable(name: str, raw: str, message: str) -> None:
    with pytest.raises(VariableError, match=message):
        VariableSet(DECLARED).coerce(name, raw)


def test_resolve_fills_defaults_and_checks() -> None:
    variables = VariableSet(
        {"name": {"type": "string"}, "vip": {"type": "boolean", "default": False}}
    )
    assert variables.resolve({"name": "Anna"}) == {"name": "Anna", "vip": False}


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ({}, "missing variable 'phone'"),
        ({"phone": "0612"}, "variable 'phone' is invalid: '0612' is not a 'phone'"),
        ({"phone": 31612345678}, "variable 'phone' is invalid"),
        ({"phone": "+31612345678", "other": 1}, "undeclared variable 'other'"),
    ],
    ids=["missing", "bad-format", "bad-type", "undeclared"],
)
def test_resolve_errors(given: dict[str, Any], message: str) -> None:
    with pytest.raises(VariableError, match=message) as info:
        VariableSet({"phone": {"type": "string", "format": "phone"}}).resolve(given)
    assert info.value.variable in ("phone", "other")


@pytest.mark.parametrize(
    ("fmt", "good", "bad"),
    [
        ("email", "john.johnson@example.com", "john@@example"),
        ("uri", "https://example.org/x?a=1", "not a uri"),
        ("phone", "+31646280994", "+0646280994"),
    ],
)
def test_our_formats(fmt: str, good: str, bad: str) -> None:
    variables = VariableSet({"v": {"type": "string", "format": fmt}})
    assert variables.resolve({"v": good}) == {"v": good}
    with pytest.raises(VariableError):
        variables.resolve({"v": bad})


def test_strings_are_typed_when_asked() -> None:
    variables = VariableSet({"count": {"type": "integer"}})
    assert variables.resolve({"count": "3"}, strings=True) == {"count": 3}
    with pytest.raises(VariableError, match="expects an integer"):
        variables.resolve({"count": "3x"}, strings=True)


@pytest.mark.parametrize(
    "ref", ["https://example.com/schema.json", "other.json#/x", "//evil.example/x"]
)
def test_remote_ref_is_an_error_never_a_download(ref: str) -> None:
    with pytest.raises(VariableError, match="remote \\$ref"):
        VariableSet({"v": {"$ref": ref}})


def test_local_ref_is_fine() -> None:
    schema = {"$defs": {"id": {"type": "string", "minLength": 2}}, "$ref": "#/$defs/id"}
    variables = VariableSet({"v": schema})
    assert variables.resolve({"v": "ab"}) == {"v": "ab"}
    with pytest.raises(VariableError):
        variables.resolve({"v": "a"})


def test_invalid_schema_is_an_error() -> None:
    with pytest.raises(VariableError, match="variable 'v' has an invalid schema"):
        VariableSet({"v": {"type": "strin"}})


@pytest.mark.parametrize(
    ("text", "expected"),
    [("a=1", ("a", "1")), ("url=https://x?a=b", ("url", "https://x?a=b")), ("e=", ("e", ""))],
)
def test_parse_assignment(text: str, expected: tuple[str, str]) -> None:
    assert parse_assignment(text) == expected


@pytest.mark.parametrize("text", ["novalue", "=1"])
def test_parse_assignment_errors(text: str) -> None:
    with pytest.raises(ValueError, match="name=value"):
        parse_assignment(text)
