"""RFC 6901 JSON Pointers."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

TYPE_CHECKING = False  # mypy takes it for True; a lint run need not import typing
if TYPE_CHECKING:
    from typing import Any


def escape(token: str | int) -> str:
    """Escape one reference token."""
    return str(token).replace("~", "~0").replace("/", "~1")


def unescape(token: str) -> str:
    """Unescape one reference token."""
    return token.replace("~1", "/").replace("~0", "~")


def join(base: str, *tokens: str | int) -> str:
    """Append tokens to a pointer: ``join("/messages", 0, "text")``."""
    return base + "".join("/" + escape(t) for t in tokens)


def from_path(path: Iterable[str | int]) -> str:
    """Build a pointer from a path of keys and indexes."""
    return join("", *path)


def split(pointer: str) -> list[str]:
    """The unescaped tokens of a pointer (``""`` is the whole document)."""
    if not pointer:
        return []
    if not pointer.startswith("/"):
        raise ValueError(f"not a JSON pointer: {pointer!r}")
    return [unescape(t) for t in pointer[1:].split("/")]


def parent(pointer: str) -> str:
    """The pointer one level up (the root is its own parent)."""
    return pointer.rsplit("/", 1)[0] if pointer else ""


#: what ``walk`` gives for a path that is not there
MISSING: Any = object()


def walk(value: Any, tokens: Iterable[str]) -> Any:
    """The value at ``tokens`` (unescaped, as ``split`` gives them) inside ``value``, or
    ``MISSING`` when the path is not there."""
    for token in tokens:
        if isinstance(value, Mapping) and token in value:
            value = value[token]
        elif isinstance(value, list) and token.isdigit() and int(token) < len(value):
            value = value[int(token)]
        else:
            return MISSING
    return value
