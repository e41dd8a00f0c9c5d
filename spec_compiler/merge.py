"""Deep merge of ``defaults`` into messages (the message wins)."""

from __future__ import annotations

from collections.abc import Mapping

TYPE_CHECKING = False  # mypy takes it for True; a lint run need not import typing
if TYPE_CHECKING:
    from typing import Any


def deep_merge(defaults: Mapping[str, Any], message: Mapping[str, Any]) -> dict[str, Any]:
    """Merge mappings key by key; the message's value wins, lists are not merged.

    Keys keep the message's order, then the defaults' keys it lacks.
    """
    out: dict[str, Any] = {}
    for key, value in message.items():
        base = defaults.get(key)
        if isinstance(value, Mapping) and isinstance(base, Mapping):
            out[key] = deep_merge(base, value)
        else:
            out[key] = value
    for key, value in defaults.items():
        if key not in out:
            out[key] = value
    return out
