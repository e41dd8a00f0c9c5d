"""A spec's declared variables: typed coercion, defaults, required checks, validation.

Each entry of a spec's ``vars`` is a JSON Schema. Values given as strings (``--var k=v``,
CSV cells) are typed by the declared schema; every value is validated against its schema
with our formats (``phone``, ``email``, ``uri``). Only local ``$ref`` (``#…``) is allowed:
a remote reference is an error, never a download.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property, partial

TYPE_CHECKING = False  # mypy takes it for True; a lint run need not import typing
if TYPE_CHECKING:
    from typing import Any

_PHONE = re.compile(r"\A\+[1-9][0-9]{1,14}\Z")
_EMAIL = re.compile(r"\A[^@\s]{1,64}@[^@\s.]+(\.[^@\s.]+)+\Z")
_URI = re.compile(r"\A[A-Za-z][A-Za-z0-9+.\-]*:[^\s]+\Z")
_INTEGER = re.compile(r"\A[+-]?[0-9]+\Z")
_REF_KEYS = ("$ref", "$dynamicRef", "$recursiveRef")
_TRUE = ("true", "yes", "on", "1")
_FALSE = ("false", "no", "off", "0")
#: order in which a string is tried against a list of types (string last: it always fits)
_TYPE_ORDER = ("null", "boolean", "integer", "number", "array", "object", "string")


def is_phone(value: str) -> bool:
    """E.164: ``+``, a non-zero digit, at most 15 digits in all."""
    return bool(_PHONE.match(value))


def is_email(value: str) -> bool:
    """One ``@``, a local part of at most 64 characters, a dotted domain; 254 at most."""
    return len(value) <= 254 and bool(_EMAIL.match(value))


def is_uri(value: str) -> bool:
    """An absolute URI: a scheme, a colon and no whitespace."""
    return bool(_URI.match(value))


FORMATS: dict[str, Callable[[str], bool]] = {"phone": is_phone, "email": is_email, "uri": is_uri}


class VariableError(ValueError):
    """Variables that cannot be used; ``problems`` holds one fragment per fault."""

    def __init__(self, problems: Sequence[str], variable: str | None = None) -> None:
        super().__init__("; ".join(problems))
        self.problems = list(problems)
        self.variable = variable


@dataclass(frozen=True)
class Variable:
    """One declared variable."""

    name: str
    schema: Mapping[str, Any]

    @property
    def required(self) -> bool:
        """Required unless the schema has a default."""
        return "default" not in self.schema

    @cached_property
    def types(self) -> tuple[str, ...]:
        """The declared JSON types, in the order a string is tried against them."""
        declared = self.schema.get("type")
        names = [declared] if isinstance(declared, str) else list(declared or ())
        return tuple(t for t in _TYPE_ORDER if t in names)


def remote_refs(schema: Any) -> Iterator[str]:
    """Every ``$ref`` in ``schema`` that points outside it (anything but ``#…``)."""
    stack = [schema]
    while stack:
        item = stack.pop()
        if isinstance(item, Mapping):
            for key, value in item.items():
                if key in _REF_KEYS and isinstance(value, str) and not value.startswith("#"):
                    yield value
                else:
                    stack.append(value)
        elif isinstance(item, list):
            stack.extend(item)


def parse_assignment(text: str) -> tuple[str, str]:
    """Split ``name=value`` (the value may contain ``=``); raises ValueError."""
    name, sep, value = text.partition("=")
    name = name.strip()
    if not sep or not name:
        raise ValueError(f"--var '{text}' is not of the form name=value")
    return name, value


class VariableSet:
    """The variables of one spec, with their validators built once."""

    def __init__(self, declared: Any) -> None:
        if declared is None:
            declared = {}
        if not isinstance(declared, Mapping):
            raise VariableError(["'vars' must be a mapping of names to JSON Schemas"])
        self.variables = {name: _declare(name, schema) for name, schema in declared.items()}
        self._validators = {name: _rs_validator(var) for name, var in self.variables.items()}

    @property
    def names(self) -> tuple[str, ...]:
        """Declared names in the order written."""
        return tuple(self.variables)

    def coerce(self, name: str, raw: str) -> Any:
        """Type a string value by the declared schema of ``name``."""
        var = self.variables.get(name)
        if var is None:
            raise VariableError([f"undeclared variable '{name}'"], name)
        return coerce(var, raw)

    def resolve(self, given: Mapping[str, Any], *, strings: bool = False) -> dict[str, Any]:
        """Declared defaults overlaid with ``given``, checked; raises VariableError.

        With ``strings``, string values are first typed by their declared schema.
        """
        problems: list[str] = []
        values: dict[str, Any] = {}
        typers = self._typers
        for name, value in given.items():
            if name not in typers:
                problems.append(f"undeclared variable '{name}'")
            elif strings and isinstance(value, str):
                typer = typers[name]
                if typer is None:
                    values[name] = str(value)
                    continue
                try:
                    values[name] = typer(value)
                except VariableError as exc:
                    problems.extend(exc.problems)
            else:
                values[name] = value
        out: dict[str, Any] = {}
        for name, var, required, is_valid in self._checks:
            if name in values:
                value = values[name]
            elif required:
                problems.append(f"missing variable '{name}'")
                continue
            else:
                value = var.schema["default"]
            if not is_valid(value):
                problems.append(_explain(var, value))
            out[name] = value
        if problems:
            raise VariableError(problems, _first_name(problems))
        return out

    @cached_property
    def _typers(self) -> dict[str, Callable[[str], Any] | None]:
        """Per variable, what types a string value (None: the string as it is)."""
        return {
            name: None if var.types == ("string",) else partial(coerce, var)
            for name, var in self.variables.items()
        }

    @cached_property
    def _checks(self) -> tuple[tuple[str, Variable, bool, Callable[[Any], bool]], ...]:
        """Per variable in declaration order: its name, itself, required, its validator."""
        return tuple(
            (name, var, var.required, self._validators[name])
            for name, var in self.variables.items()
        )


def _first_name(problems: Sequence[str]) -> str | None:
    match = re.search(r"variable '([^']*)'", problems[0]) if problems else None
    return match.group(1) if match else None


def _declare(name: Any, schema: Any) -> Variable:
    if not isinstance(name, str) or not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
        raise VariableError([f"variable name {name!r} is not an identifier"])
    if isinstance(schema, bool):
        schema = {} if schema else {"not": {}}
    if not isinstance(schema, Mapping):
        raise VariableError([f"variable '{name}' must be declared with a JSON Schema"], name)
    for ref in remote_refs(schema):
        raise VariableError([f"variable '{name}' has a remote $ref '{ref}'; only '#…' is allowed"])
    return Variable(name, schema)


def _rs_validator(var: Variable) -> Callable[[Any], bool]:
    from spec_compiler.rsimport import load

    jsonschema_rs = load()
    try:
        validator = jsonschema_rs.Draft202012Validator(
            dict(var.schema), formats=FORMATS, validate_formats=True, offline=True
        )
    except Exception as exc:  # the library's error types vary between versions
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise VariableError([f"variable '{var.name}' has an invalid schema: {first}"]) from None
    is_valid: Callable[[Any], bool] = validator.is_valid
    return is_valid


def _explain(var: Variable, value: Any) -> str:
    """The most relevant reason ``value`` fails (only computed for failures)."""
    from jsonschema import Draft202012Validator, FormatChecker
    from jsonschema.exceptions import best_match

    checker = FormatChecker()
    for fmt, check in FORMATS.items():
        checker.checks(fmt)(_strings_only(check))
    validator = Draft202012Validator(var.schema, format_checker=checker)
    error = best_match(validator.iter_errors(value))
    reason = error.message if error is not None else "is not valid"
    return f"variable '{var.name}' is invalid: {reason}"


def _strings_only(check: Callable[[str], bool]) -> Callable[[Any], bool]:
    return lambda value: not isinstance(value, str) or check(value)


def coerce(var: Variable, raw: str) -> Any:
    """Type ``raw`` by the declared types of ``var`` (no type declared: JSON if it parses)."""
    types = var.types or ("json",)
    for name in types:
        try:
            return _COERCERS[name](raw)
        except ValueError:
            continue
    expected = " or ".join(_ARTICLE.get(t, t) for t in types)
    raise VariableError([f"variable '{var.name}' expects {expected}, got '{raw}'"], var.name)


def _to_bool(raw: str) -> bool:
    low = raw.strip().lower()
    if low in _TRUE:
        return True
    if low in _FALSE:
        return False
    raise ValueError(raw)


def _to_int(raw: str) -> int:
    if not _INTEGER.match(raw.strip()):
        raise ValueError(raw)
    return int(raw)


def _to_number(raw: str) -> int | float:
    if _INTEGER.match(raw.strip()):
        return int(raw)
    number = float(raw)
    if not math.isfinite(number):
        raise ValueError(raw)
    return number


def _to_null(raw: str) -> None:
    if raw.strip() not in ("", "null"):
        raise ValueError(raw)


def _json_of(kind: type) -> Callable[[str], Any]:
    def parse(raw: str) -> Any:
        value = json.loads(raw)
        if not isinstance(value, kind):
            raise ValueError(raw)
        return value

    return parse


def _json_or_text(raw: str) -> Any:
    try:
        return json.loads(raw)
    except ValueError:
        return raw


_COERCERS: dict[str, Callable[[str], Any]] = {
    "string": str,
    "integer": _to_int,
    "number": _to_number,
    "boolean": _to_bool,
    "null": _to_null,
    "array": _json_of(list),
    "object": _json_of(dict),
    "json": _json_or_text,
}
_ARTICLE = {
    "integer": "an integer",
    "number": "a number",
    "boolean": "a boolean (true or false)",
    "null": "null",
    "array": "a JSON array",
    "object": "a JSON object",
    "string": "a string",
}
