"""Shared helpers of the SPEC rules (and of MSG001 for the top level of specs)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from spec_compiler.pointer import join
from spec_compiler.rules._schema_util import did_you_mean

TYPE_CHECKING = False  # mypy takes it for True; a lint run need not import typing
if TYPE_CHECKING:
    from typing import Any

#: the top-level keys of a spec (DESIGN §3)
SPEC_KEYS = ("kind", "name", "description", "vars", "defaults", "pacing", "conversation",
             "messages")
#: top-level keys never rendered (the compiler renders every other string)
UNRENDERED = ("vars", "name", "description")
NEAR_MISS = 0.75


def near_spec_key(key: str, body_keys: frozenset[str]) -> str | None:
    """The spec key ``key`` was probably meant to be, when it is closer to one than to a
    body key; None for known keys and for keys that look like body keys."""
    if key in SPEC_KEYS or key in body_keys:
        return None
    best = did_you_mean(key, [*SPEC_KEYS, *sorted(body_keys)], cutoff=NEAR_MISS)
    return best if best in SPEC_KEYS and best not in body_keys else None


def rendered_strings(spec: Mapping[str, Any]) -> Iterator[tuple[str, str]]:
    """``(pointer, text)`` of every string the compiler renders, in document order."""
    stack: list[tuple[str, Any]] = [
        (join("", k), v) for k, v in reversed(list(spec.items())) if k not in UNRENDERED
    ]
    while stack:
        ptr, value = stack.pop()
        if isinstance(value, str):
            yield ptr, value
        elif isinstance(value, Mapping):
            stack.extend((join(ptr, str(k)), v) for k, v in reversed(list(value.items())))
        elif isinstance(value, list):
            stack.extend((join(ptr, i), v) for i, v in reversed(list(enumerate(value))))


def declared_vars(spec: Mapping[str, Any]) -> Mapping[str, Any] | None:
    """The ``vars`` mapping ({} when absent); None when ``vars`` is not a mapping."""
    declared = spec.get("vars", {})
    if declared is None:
        return {}
    return declared if isinstance(declared, Mapping) else None
