"""Validate documents against the bundled schemas: a fast verdict, then one error per fault."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator
from functools import cache

from spec_compiler import pointer
from spec_compiler.document import SchemaError
from spec_compiler.schemas import RemoteRefError, bundled, load, names_by_id, registry

TYPE_CHECKING = False  # mypy takes it for True; a lint run need not import typing
if TYPE_CHECKING:
    from typing import Any, Literal

    from jsonschema.exceptions import ValidationError

    Engine = Literal["auto", "rs", "python"]

#: JSON Schema keywords whose errors are reported at the key (not the value)
_AT_KEY = frozenset({"additionalProperties"})


class SchemaValidator:
    """Validates documents against one bundled schema."""

    def __init__(self, name: str) -> None:
        load(name)  # fail early on an unknown name
        self.name = name
        self._rs: Any = None
        self._py: Any = None

    def is_valid(self, data: Any, *, engine: Engine = "auto") -> bool:
        """The verdict: jsonschema_rs when available, jsonschema otherwise."""
        if engine != "python":
            rs = self._rs_validator()
            if rs is not None:
                try:
                    return bool(rs.is_valid(data))
                except (ValueError, TypeError, OverflowError):
                    # values JSON has no type for (YAML dates, huge ints): let jsonschema decide
                    if engine == "rs":
                        raise
            elif engine == "rs":
                raise RuntimeError("jsonschema_rs is not installed")
        return bool(self._py_validator().is_valid(data))

    def fault_values(self, data: Any) -> list[Any] | None:
        """The failing values jsonschema_rs sees (cheap), or None when it cannot tell."""
        rs = self._rs_validator()
        if rs is None:
            return None
        try:
            return [error.instance for error in rs.iter_errors(data)]
        except (ValueError, TypeError, OverflowError):
            return None

    def errors(self, data: Any, *, engine: Engine = "auto") -> list[SchemaError]:
        """Every fault of ``data``, one error each, sorted by pointer.

        Explained from jsonschema_rs's errors where they say all that jsonschema's would
        (``rs_faults``): that needs neither jsonschema's import (~45 ms) nor its
        ``iter_errors`` (~1 ms a document). Otherwise, or with ``engine="python"``, from
        jsonschema's, the reference the other is tested against.
        """
        if engine != "python":
            rs = self._rs_validator()
            faults = rs_faults(rs, data) if rs is not None else None
            if faults is not None:
                return reduce_errors(faults)
            if engine == "rs":
                raise RuntimeError("jsonschema_rs cannot explain this document")
        from referencing.exceptions import Unresolvable

        try:
            raw = list(self._py_validator().iter_errors(data))
        except Unresolvable as exc:
            raise RemoteRefError(str(getattr(exc, "ref", exc))) from exc
        return reduce_errors(raw)

    def preload(self) -> None:
        """Build what explaining a fault takes (before forking workers that inherit it)."""
        if self._rs_validator() is None:
            self._py_validator()

    def _rs_validator(self) -> Any:
        if self._rs is None:
            try:
                from spec_compiler.rsimport import load

                jsonschema_rs = load()
            except ImportError:
                self._rs = False
            else:
                self._rs = jsonschema_rs.validator_for(bundled(self.name), validate_formats=False)
        return self._rs or None

    def _py_validator(self) -> Any:
        if self._py is None:
            self._py = _python_class()(load(self.name), registry=registry())
        return self._py


@cache
def _python_class() -> Any:
    """Draft 2020-12 with ECMA-262 ``pattern`` semantics, as jsonschema_rs and editors have."""
    from jsonschema import Draft202012Validator, validators

    return validators.extend(Draft202012Validator, {"pattern": _pattern_keyword})


def _pattern_keyword(validator: Any, pattern: str, instance: Any, schema: Any) -> Iterator[Any]:
    from jsonschema.exceptions import ValidationError

    if validator.is_type(instance, "string") and not ecma_regex(pattern).search(instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


@cache
def ecma_regex(pattern: str) -> re.Pattern[str]:
    """Compile an ECMA-262 pattern: there ``$`` is the end of input, while Python's ``$``
    also matches before a final newline (``'nl\\n'`` would pass ``^[a-z]{2}$``)."""
    out: list[str] = []
    escaped = in_class = False
    for char in pattern:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "[":
            in_class = True
        elif char == "]":
            in_class = False
        elif char == "$" and not in_class:
            out.append(r"\Z")
            continue
        out.append(char)
    return re.compile("".join(out))


@cache
def get_validator(name: str) -> SchemaValidator:
    """The validator of bundled schema ``name`` (one per process)."""
    return SchemaValidator(name)


# --- jsonschema_rs's errors, read as jsonschema's ---------------------------------------------


class Fault:
    """What ``reduce_errors`` reads of a jsonschema ``ValidationError``, from a
    jsonschema_rs error: the keyword, its value and the schema object holding it, the
    failing instance and where it is. No ``context``: unions are left to jsonschema."""

    __slots__ = ("absolute_path", "context", "instance", "message", "schema", "validator",
                 "validator_value")

    def __init__(self, keyword: str, schema: dict[str, Any], instance: Any,
                 path: list[str | int]) -> None:
        self.validator = keyword
        self.validator_value = schema[keyword]
        self.schema = schema
        self.instance = instance
        self.absolute_path = path
        self.context: list[Any] = []
        self.message = ""  # never read: keywords that need jsonschema's text are not taken


if TYPE_CHECKING:
    from typing import TypeAlias

    #: an error ``reduce_errors`` takes: jsonschema's, or jsonschema_rs's read as one
    Error: TypeAlias = "ValidationError | Fault"


#: the keywords ``rs_faults`` explains: each has a message of ours (``_convert``), so no
#: text of jsonschema's is needed; anything else (a union, ``format``...) is jsonschema's
RS_KEYWORDS = frozenset({
    "type", "enum", "const", "minLength", "maxLength", "minItems", "maxItems", "minimum",
    "maximum", "pattern", "not", "required", "additionalProperties", "dependentRequired",
})


def rs_faults(validator: Any, data: Any) -> list[Fault] | None:
    """jsonschema_rs's errors of ``data`` as jsonschema's, or None when they might not
    say the same: a keyword outside ``RS_KEYWORDS``, a keyword location we cannot find
    in a bundled schema, a ``pattern`` that Python's ECMA-262 reading would accept, no
    error at all, an instance jsonschema_rs cannot take, or one it read as something
    else (YAML's ``.inf`` and ``.nan`` reach it as null)."""
    try:
        errors = list(validator.iter_errors(data))
    except (ValueError, TypeError, OverflowError, RecursionError):
        return None
    faults: list[Fault] = []
    for error in errors:
        place = _keyword_place(error.absolute_keyword_location)
        if place is None:
            return None
        schema, keyword = place
        if keyword not in RS_KEYWORDS or not isinstance(schema, dict) or keyword not in schema:
            return None
        instance = error.instance
        if not _as_seen(data, list(error.instance_path), instance):
            return None
        if keyword == "pattern" and (
                not isinstance(instance, str) or not isinstance(schema[keyword], str)
                or ecma_regex(schema[keyword]).search(instance)):
            return None
        faults.append(Fault(keyword, schema, instance, list(error.instance_path)))
    return faults or None


def _as_seen(data: Any, path: list[Any], instance: Any) -> bool:
    """True when the value at ``path`` of ``data`` equals ``instance``, what jsonschema_rs
    says it found there."""
    value = pointer.walk(data, map(str, path))
    return value is not pointer.MISSING and bool(value == instance)


@cache  # one entry per keyword location of the bundled schemas at most
def _keyword_place(location: str | None) -> tuple[Any, str] | None:
    """The schema object holding the keyword at ``location`` (a bundled schema's ``$id``
    and a JSON Pointer fragment), and the keyword; None when it is not there."""
    if not location or "#" not in location:
        return None
    uri, _, fragment = location.partition("#")
    name = names_by_id().get(uri)
    if name is None or "%" in fragment:
        return None
    try:
        tokens = pointer.split(fragment)
    except ValueError:
        return None
    if len(tokens) > 1 and tokens[-2] == "dependentRequired" and tokens[-1].isdigit():
        tokens.pop()  # jsonschema_rs points into the keyword, at the missing name's index
    if not tokens:
        return None
    node = pointer.walk(load(name), tokens[:-1])
    return None if node is pointer.MISSING else (node, tokens[-1])


# --- reducing jsonschema's errors to one per fault ----------------------------------------


def _leaves(errors: Iterable[Error]) -> Iterator[Error]:
    for error in errors:
        if error.context:
            # an undiscriminated union: keep only its most relevant branch (only
            # jsonschema's errors have a context: see Fault)
            from jsonschema.exceptions import best_match

            best = best_match(error.context)
            if best is not None:
                yield from _leaves([best])
                continue
        yield error


def reduce_errors(errors: Iterable[Error]) -> list[SchemaError]:
    """One `SchemaError` per fault: leaves only, no noise under a type error, no duplicates."""
    leaves = list(_leaves(errors))
    mistyped = {pointer.from_path(e.absolute_path) for e in leaves if e.validator == "type"}
    found: dict[tuple[str, str, str], SchemaError] = {}
    dependents: dict[str, list[Error]] = {}
    for error in leaves:
        where = pointer.from_path(error.absolute_path)
        if error.validator != "type" and where in mistyped:
            continue
        if error.validator == "dependentRequired":
            dependents.setdefault(where, []).append(error)
            continue
        for item in _convert(error, where):
            found.setdefault((item.pointer, item.keyword, item.message), item)
    for where, group in dependents.items():
        item = _dependent_required(group, where)
        found.setdefault((item.pointer, item.keyword, item.message), item)
    return sorted(found.values(), key=lambda e: (_pointer_key(e.pointer), e.keyword, e.message))


def _pointer_key(ptr: str) -> tuple[tuple[int, int, str], ...]:
    return tuple((0, int(t), "") if t.isdigit() else (1, 0, t) for t in pointer.split(ptr))


def _convert(error: Error, where: str) -> Iterator[SchemaError]:
    keyword = str(error.validator)
    schema = error.schema if isinstance(error.schema, dict) else {}
    value = error.instance
    if keyword == "required":
        custom = schema.get("x-required-message")
        for name in error.validator_value:
            if isinstance(value, dict) and name not in value:
                message = custom or f"missing required field {_quote(name)}"
                yield SchemaError(where, keyword, message, value)
        return
    if keyword == "additionalProperties":
        for name in _extra_keys(value, schema):
            message = (
                f"unknown field {_quote(name)}{_did_you_mean(name, schema.get('properties', {}))}"
            )
            yield SchemaError(pointer.join(where, name), keyword, message, value[name], at_key=True)
        return
    custom = schema.get(f"x-{keyword}-message")
    if isinstance(custom, str):
        message = custom.format(value=_quote(value))
    else:
        message = _MESSAGES.get(keyword, _fallback)(error, _field(error, schema))
    yield SchemaError(where, keyword, message, value)


def _extra_keys(value: Any, schema: dict[str, Any]) -> list[str]:
    if not isinstance(value, dict):
        return []
    known = schema.get("properties", {})
    patterns = [re.compile(p) for p in schema.get("patternProperties", {})]
    return [k for k in value if k not in known and not any(p.search(k) for p in patterns)]


def _dependent_required(group: list[Error], where: str) -> SchemaError:
    value = group[0].instance
    triggers: list[str] = []
    missing: list[str] = []
    for error in group:
        for trigger, needs in error.validator_value.items():
            if trigger not in value:
                continue
            lacking = [n for n in needs if n not in value]
            if lacking and trigger not in triggers:
                triggers.append(trigger)
            missing.extend(n for n in lacking if n not in missing)
    verb = "needs" if len(triggers) == 1 else "need"
    message = f"{_join(triggers)} {verb} {_join(missing)}"
    return SchemaError(where, "dependentRequired", message, value)


# --- messages --------------------------------------------------------------------------------


def _quote(value: Any, limit: int = 60) -> str:
    """A value as a message shows it: strings in single quotes, shortened."""
    if isinstance(value, str):
        text = value if len(value) <= limit else value[: limit - 1] + "…"
        return f"'{text}'"
    if isinstance(value, (dict, list)):
        return "an object" if isinstance(value, dict) else "an array"
    try:
        return json.dumps(value)
    except (TypeError, ValueError):
        return repr(value)


def _join(names: list[str]) -> str:
    quoted = [_quote(n) for n in names]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]


def _did_you_mean(value: Any, choices: Iterable[Any]) -> str:
    if not isinstance(value, str):
        return ""
    from spec_compiler.nearmiss import closest  # cached: a typo repeated is asked once

    guess = closest(value, tuple(c for c in choices if isinstance(c, str)), 0.6)
    return f"; did you mean {_quote(guess)}?" if guess is not None else ""


def _field(error: Error, schema: dict[str, Any]) -> str:
    name = schema.get("x-name")
    if isinstance(name, str):
        return name
    for token in reversed(list(error.absolute_path)):
        if isinstance(token, str):
            return token
    return "value"


_JSON_TYPES = {
    "string": "a string",
    "integer": "an integer",
    "number": "a number",
    "boolean": "a boolean",
    "object": "an object",
    "array": "an array",
    "null": "null",
}


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int) or (isinstance(value, float) and value.is_integer()):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, (list, tuple)):
        return "array"
    if isinstance(value, dict):
        return "object"
    return type(value).__name__


def _type_message(error: Error, field: str) -> str:
    wanted = error.validator_value
    names = [wanted] if isinstance(wanted, str) else list(wanted)
    expected = " or ".join(_JSON_TYPES.get(n, n) for n in names)
    value = error.instance
    kind = _json_type(value)
    if kind in ("object", "array"):
        got = _JSON_TYPES[kind]
    elif kind == "null":
        got = "null"
    else:
        got = f"{kind} {_quote(value)}"
    return f"expected {expected}, got {got}"


def _enum_message(error: Error, field: str) -> str:
    choices = list(error.validator_value)
    hint = _did_you_mean(error.instance, choices)
    if not hint and len(choices) == 1:
        hint = f"; expected {_quote(choices[0])}"
    elif not hint:
        hint = "; expected one of " + ", ".join(str(c) for c in choices)
    return f"unknown {field} {_quote(error.instance)}{hint}"


def _const_message(error: Error, field: str) -> str:
    return f"{field} must be {_quote(error.validator_value)}, got {_quote(error.instance)}"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _length_message(error: Error, field: str) -> str:
    length, limit = len(error.instance), error.validator_value
    if error.validator == "minLength":
        if length == 0:
            return f"{field} is empty"
        return f"{field} is {_plural(length, 'character')}; at least {limit} are required"
    return f"{field} is {_plural(length, 'character')}; at most {limit} are allowed"


def _items_message(error: Error, field: str) -> str:
    count, limit = len(error.instance), error.validator_value
    has = {0: "no entries", 1: "1 entry"}.get(count, f"{count} entries")
    if error.validator == "minItems":
        verb = "is" if limit == 1 else "are"
        return f"{field} has {has}; at least {limit} {verb} required"
    return f"{field} has {has}; at most {limit} are allowed"


def _range_message(error: Error, field: str) -> str:
    side = "below the minimum" if error.validator == "minimum" else "above the maximum"
    return f"{field} {_quote(error.instance)} is {side} of {error.validator_value}"


def _pattern_message(error: Error, field: str) -> str:
    schema = error.schema if isinstance(error.schema, dict) else {}
    explain = _EXPLAINERS.get(str(schema.get("x-explain")))
    if explain is not None and isinstance(error.instance, str):
        return explain(error.instance)
    return f"{field} {_quote(error.instance)} does not match {error.validator_value}"


def _not_message(error: Error, field: str) -> str:
    return f"{field} {_quote(error.instance)} is not allowed here"


def _fallback(error: Error, field: str) -> str:
    text = str(error.message)
    return text[:1].lower() + text[1:]


def _sender_id(value: str) -> str:
    shown = _quote(value)
    if len(value) > 11:
        return f"sender id {shown} is {len(value)} characters; at most 11 are allowed"
    if not value:
        return "sender id is empty"
    bad = [c for c in value if not (c.isascii() and (c.isalnum() or c == " "))]
    if bad:
        return (
            f"sender id {shown} has {_quote(bad[0])}; "
            "only ASCII letters, digits and spaces are allowed"
        )
    return f"sender id {shown} has no letters; it may not be only digits"


_EXPLAINERS: dict[str, Callable[[str], str]] = {"sender-id": _sender_id}

_MESSAGES: dict[str, Callable[[Error, str], str]] = {
    "type": _type_message,
    "enum": _enum_message,
    "const": _const_message,
    "minLength": _length_message,
    "maxLength": _length_message,
    "minItems": _items_message,
    "maxItems": _items_message,
    "minimum": _range_message,
    "maximum": _range_message,
    "pattern": _pattern_message,
    "not": _not_message,
}
