"""A small JSON Schema checker for configuration files, with messages that name the key.

Configuration is read once per run and is tiny; this covers the keywords our own
``config.schema.json`` and rule ``OPTIONS`` use (``type``, ``enum``, ``const``,
``pattern``, ``minimum``/``maximum``, ``minLength``, ``properties``,
``additionalProperties``, ``propertyNames``, ``items``, local ``$ref``) without importing
a validator. A remote ``$ref`` is refused: nothing is ever downloaded.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

_TOML_TYPES = {
    "object": "a table",
    "array": "an array",
    "string": "a string",
    "integer": "an integer",
    "number": "a number",
    "boolean": "a boolean",
    "null": "null",
}
_BARE_KEY = re.compile(r"^[A-Za-z0-9_$-]+$")


def key_path(path: tuple[str | int, ...]) -> str:
    """A TOML-style dotted path: ``per-file-ignores."tests/*"[0]``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            seg = part if _BARE_KEY.match(part) else '"' + part.replace('"', '\\"') + '"'
            out += ("." if out else "") + seg
    return out


def type_name(value: Any) -> str:
    """The TOML word for the type of ``value``."""
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int):
        return "an integer"
    if isinstance(value, float):
        return "a float"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, Mapping):
        return "a table"
    return type(value).__name__


def _is_type(value: Any, name: str) -> bool:
    if name == "object":
        return isinstance(value, Mapping)
    if name == "array":
        return isinstance(value, list)
    if name == "string":
        return isinstance(value, str)
    if name == "boolean":
        return isinstance(value, bool)
    if name == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if name == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    return name == "null" and value is None


def suggest(word: str, choices: Any) -> str:
    """``; did you mean 'x'?`` for the closest choice, or nothing."""
    import difflib

    close = difflib.get_close_matches(word, [str(c) for c in choices], n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


def _resolve(schema: Mapping[str, Any], root: Mapping[str, Any]) -> Mapping[str, Any]:
    ref = schema.get("$ref")
    if not isinstance(ref, str):
        return schema
    if not ref.startswith("#/"):
        raise ValueError(f"schema reference '{ref}' is not local; nothing is ever downloaded")
    target: Any = root
    for token in ref[2:].split("/"):
        target = target[token.replace("~1", "/").replace("~0", "~")]
    return _resolve(target, root)


def errors(
    value: Any,
    schema: Mapping[str, Any],
    *,
    root: Mapping[str, Any] | None = None,
    path: tuple[str | int, ...] = (),
    what: str = "key",
) -> Iterator[str]:
    """Every fault of ``value`` against ``schema``, as a message naming the key."""
    root = root if root is not None else schema
    schema = _resolve(schema, root)
    where = f"'{key_path(path)}'"
    expected = schema.get("type")
    if isinstance(expected, str) and not _is_type(value, expected):
        yield f"{where} must be {_TOML_TYPES.get(expected, expected)}, not {type_name(value)}"
        return
    yield from _scalar_errors(value, schema, where)
    if isinstance(value, Mapping):
        yield from _object_errors(value, schema, root, path, what)
    elif isinstance(value, list) and isinstance(schema.get("items"), Mapping):
        for i, item in enumerate(value):
            yield from errors(item, schema["items"], root=root, path=(*path, i), what=what)


def _scalar_errors(value: Any, schema: Mapping[str, Any], where: str) -> Iterator[str]:
    if "const" in schema and value != schema["const"]:
        yield f"{where} must be {schema['const']!r}, not {value!r}"
    enum = schema.get("enum")
    if isinstance(enum, list) and value not in enum:
        allowed = ", ".join(repr(e) for e in enum)
        yield f"{where} must be one of {allowed}, not {value!r}{suggest(str(value), enum)}"
    if isinstance(value, str):
        pattern = schema.get("pattern")
        if isinstance(pattern, str) and not re.search(pattern, value):
            yield f"{where} must match {pattern}, not {value!r}"
        if len(value) < schema.get("minLength", 0):
            yield f"{where} must not be empty"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if "minimum" in schema and value < schema["minimum"]:
            yield f"{where} must be at least {schema['minimum']}, not {value}"
        if "maximum" in schema and value > schema["maximum"]:
            yield f"{where} must be at most {schema['maximum']}, not {value}"


def _object_errors(
    value: Mapping[str, Any],
    schema: Mapping[str, Any],
    root: Mapping[str, Any],
    path: tuple[str | int, ...],
    what: str,
) -> Iterator[str]:
    props: Mapping[str, Any] = schema.get("properties", {})
    extra = schema.get("additionalProperties", True)
    names = schema.get("propertyNames")
    for key, item in value.items():
        sub = (*path, key)
        if isinstance(names, Mapping):
            for message in errors(key, names, root=root, path=sub, what=what):
                yield message.replace(f"'{key_path(sub)}' must", f"key '{key_path(sub)}' must")
        if key in props:
            yield from errors(item, props[key], root=root, path=sub, what=what)
        elif extra is False:
            yield f"'{key_path(sub)}' is not a known {what}{suggest(key, props)}"
        elif isinstance(extra, Mapping):
            yield from errors(item, extra, root=root, path=sub, what=what)
