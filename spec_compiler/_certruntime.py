"""What the generated certificates (``certificates/KIND.py``, see ``certgen``) call: JSON
equality and types, patterns compiled on first use, the pacing invariants and the
near-miss test."""

from __future__ import annotations

import re

TYPE_CHECKING = False  # mypy takes it for True; a lint run need not import typing
if TYPE_CHECKING:
    from typing import Any

_PATTERNS: dict[str, re.Pattern[str]] = {}


def eq(a: Any, b: Any) -> bool:
    """JSON equality: numbers by value, booleans apart from numbers."""
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return a == b
    if isinstance(a, str) or a is None:
        return type(a) is type(b) and a == b
    if isinstance(a, list):
        return (isinstance(b, list) and len(a) == len(b)
                and all(eq(x, y) for x, y in zip(a, b, strict=True)))
    if isinstance(a, dict):
        return (isinstance(b, dict) and a.keys() == b.keys()
                and all(eq(v, b[k]) for k, v in a.items()))
    return False


def num(x: Any) -> bool:
    """JSON Schema's ``number``: not a boolean."""
    return isinstance(x, (int, float)) and not isinstance(x, bool)


def integer(x: Any) -> bool:
    """JSON Schema's ``integer``: ``1.0`` is one, ``True`` is not."""
    if isinstance(x, bool):
        return False
    return isinstance(x, int) or (isinstance(x, float) and x.is_integer())


def search(source: str, x: str) -> bool:
    """``re.search`` with the pattern compiled the first time it is met."""
    compiled = _PATTERNS.get(source)
    if compiled is None:
        compiled = _PATTERNS[source] = re.compile(source)
    return compiled.search(x) is not None


#: ``pacing.INVARIANTS``, imported the first time a certificate asks for one (not by a
#: run without conversations or message lists), then without an import statement a call
_INVARIANTS: dict[str, Any] | None = None


def delays(name: str, x: Any) -> bool:
    """``"x-delays": NAME``: ``pacing.INVARIANTS[NAME]`` holds of ``x``."""
    global _INVARIANTS
    if _INVARIANTS is None:
        from spec_compiler.pacing import INVARIANTS

        _INVARIANTS = INVARIANTS
    return bool(_INVARIANTS[name](x))


def is_near_miss(x: Any, known: tuple[str, ...], names: frozenset[str],
                 cutoff: float) -> bool:
    """True for a string that is not one of ``known`` but a near miss of one."""
    if not isinstance(x, str) or x in names:
        return False
    from spec_compiler.nearmiss import near_miss

    return near_miss(x, known, cutoff) is not None


def true(x: Any) -> bool:
    """The schema ``true``."""
    return True


def false(x: Any) -> bool:
    """The schema ``false``."""
    return False
