"""The bundled JSON Schemas: discovery, loading, the offline registry and export bundles."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from functools import cache

TYPE_CHECKING = False  # mypy takes it for True; a lint run need not import typing
if TYPE_CHECKING:
    from typing import Any

    from referencing import Registry

#: base of every bundled schema's ``$id`` (an identifier only; never fetched)
BASE_URI = "https://spec-compiler.dev/schemas/"
SUFFIX = ".schema.json"


class RemoteRefError(LookupError):
    """A ``$ref`` points outside the bundled schemas; we never fetch anything."""

    def __init__(self, uri: str) -> None:
        super().__init__(
            f"schema reference {uri!r} is not a bundled schema; "
            "spec-compiler resolves references offline only"
        )
        self.uri = uri


class UnknownSchemaError(KeyError):
    """A schema name that is not bundled."""

    def __init__(self, name: str, known: tuple[str, ...]) -> None:
        super().__init__(name)
        self.name = name
        self.known = known

    def __str__(self) -> str:
        return f"unknown schema {self.name!r}; known schemas: {', '.join(self.known)}"


def _plain_folder() -> str | None:
    """The bundled schemas as a plain folder next to this module, if they are one (no
    ``importlib.resources``, whose import costs ~6 ms of a pre-commit run, and no
    ``pathlib``, ~4 ms with ``urllib.parse``, on the path of a file with a fault)."""
    here = os.path.join(os.path.dirname(__file__), "schemas")
    return here if os.path.isdir(here) else None


def _folder() -> Any:
    """The bundled schemas as a ``Traversable``: the plain folder, else the package's
    resources (a zip)."""
    plain = _plain_folder()
    if plain is not None:
        from pathlib import Path

        return Path(plain)
    from importlib.resources import files

    return files("spec_compiler") / "schemas"


def _discover() -> tuple[str, ...]:
    plain = _plain_folder()
    entries: Any = os.scandir(plain) if plain is not None else _folder().iterdir()
    found = [e.name for e in entries if e.name.endswith(SUFFIX) and e.is_file()]
    return tuple(sorted(name[: -len(SUFFIX)] for name in found))


#: every bundled schema, by name (``message``, ``conversation``, ...)
SCHEMA_NAMES: tuple[str, ...] = _discover()


def schema_id(name: str) -> str:
    """The stable ``$id`` of a bundled schema."""
    return f"{BASE_URI}{name}{SUFFIX}"


def _check_name(name: str) -> None:
    if name not in SCHEMA_NAMES:
        raise UnknownSchemaError(name, SCHEMA_NAMES)


@cache
def _text(name: str) -> str:
    _check_name(name)
    plain = _plain_folder()
    if plain is not None:
        with open(os.path.join(plain, f"{name}{SUFFIX}"), encoding="utf-8") as fh:
            return fh.read()
    text: str = (_folder() / f"{name}{SUFFIX}").read_text(encoding="utf-8")
    return text


def _fresh(name: str) -> dict[str, Any]:
    """A new parse of schema ``name`` (a private copy; json.loads beats deepcopy 10x)."""
    schema: dict[str, Any] = json.loads(_text(name))
    return schema


@cache
def _load(name: str) -> dict[str, Any]:
    return _fresh(name)


def load(name: str) -> dict[str, Any]:
    """The parsed schema ``name`` (cached; treat it as read-only)."""
    return _load(name)


@cache
def names_by_id() -> dict[str, str]:
    """The name of every bundled schema, by its ``$id`` (shared; treat it as read-only)."""
    return {str(load(n).get("$id", schema_id(n))): n for n in SCHEMA_NAMES}


def _retrieve(uri: str) -> Any:
    raise RemoteRefError(uri)


@cache
def registry() -> Registry:
    """Every bundled schema by ``$id``; any other reference raises `RemoteRefError`."""
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012

    resources = [
        (uri, Resource.from_contents(load(name), default_specification=DRAFT202012))
        for uri, name in names_by_id().items()
    ]
    return Registry(retrieve=_retrieve).with_resources(resources).crawl()  # type: ignore[call-arg]


#: what a file name next to the base may hold to be joined by hand (ASCII letters,
#: digits, ``-._~``: nothing urllib would strip, split on or normalise)
_NAME_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")


def join_uri(base: str, ref: str) -> str:
    """``urldefrag(urljoin(base, ref)).url`` for an absolute ``base`` without fragment.

    The forms the bundled schemas use (``#...`` and a file name next to the base, each
    with or without a fragment) are joined by hand, so that bundling the schemas of a
    fault's explanation does not import ``urllib.parse`` (~2 ms, with ``ipaddress``);
    anything else goes to ``urllib.parse``. ``tests/schemas/test_schema_files.py``
    holds the two equal.
    """
    target = ref.split("#", 1)[0]
    plain_base = "://" in base and not any(c in base for c in "#?;") and base.count("/") > 2
    if plain_base and not target:
        return base
    if plain_base and target not in (".", "..") and all(c in _NAME_CHARS for c in target):
        return base[: base.rindex("/") + 1] + target
    from urllib.parse import urldefrag, urljoin

    return urldefrag(urljoin(base, ref)).url


def _refs(node: Any, base: str) -> Iterator[str]:
    """Absolute targets (without fragment) of every ``$ref`` under ``node``."""
    if isinstance(node, dict):
        node_id = node.get("$id")
        if isinstance(node_id, str) and node_id != base:  # the root's is the base already
            from urllib.parse import urljoin

            base = urljoin(base, node_id)
        ref = node.get("$ref")
        if isinstance(ref, str):
            yield join_uri(base, ref)
        for key, value in node.items():
            if key not in ("enum", "const", "examples", "default"):
                yield from _refs(value, base)
    elif isinstance(node, list):
        for value in node:
            yield from _refs(value, base)


def dependencies(name: str) -> tuple[str, ...]:
    """Names of the other bundled schemas ``name`` references, transitively, in order."""
    by_id = names_by_id()
    seen: list[str] = []
    todo = [name]
    while todo:
        current = todo.pop(0)
        schema = load(current)
        for target in _refs(schema, str(schema.get("$id", schema_id(current)))):
            if target not in by_id:
                raise RemoteRefError(target)
            other = by_id[target]
            if other != name and other not in seen:
                seen.append(other)
                todo.append(other)
    return tuple(seen)


@cache
def _bundle(name: str) -> dict[str, Any]:
    root = _fresh(name)
    defs: dict[str, Any] = root.setdefault("$defs", {})
    for other in dependencies(name):
        embedded = _fresh(other)
        # 2020-12 compound document: an embedded resource keeps its $id, and $schema
        # belongs to the document root only
        embedded.pop("$schema", None)
        defs[f"{other}{SUFFIX}"] = embedded
    return root


def bundle(name: str) -> dict[str, Any]:
    """A self-contained copy of schema ``name``: every schema it references embedded in
    ``$defs`` with its own ``$id``, so other validators resolve ``$ref``s without fetching."""
    import copy

    return copy.deepcopy(_bundle(name))


def bundled(name: str) -> dict[str, Any]:
    """The cached bundle of ``name`` (shared; treat it as read-only)."""
    return _bundle(name)
