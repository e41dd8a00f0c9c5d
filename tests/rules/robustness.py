"""Shared by the rule tests: a value of any type anywhere never crashes a rule."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from spec_compiler.config import Config
from spec_compiler.engine import lint_loaded
from spec_compiler.loader import load_text

WRONG: list[Any] = [None, 0, 1.5, True, "", "{{ v }}", "{{ v }", [], [None, 1], {}, {"a": 1}]


def _paths(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield path
    items = value.items() if isinstance(value, dict) else enumerate(value) \
        if isinstance(value, list) else []
    for key, child in items:
        yield from _paths(child, (*path, key))


def _replaced(value: Any, path: tuple[Any, ...], new: Any) -> Any:
    if not path:
        return new
    copy = json.loads(json.dumps(value))
    target = copy
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = new
    return copy


def assert_robust(base: Any, config: Config, prefix: str) -> None:
    """Put every WRONG value at every place of ``base``: no crash, no repeated finding."""
    for path in list(_paths(base)):
        for new in WRONG:
            text = json.dumps(_replaced(base, path, new))
            diags = lint_loaded(load_text(text, "case.json"), config=config)
            codes = [(d.pointer, d.code, d.message) for d in diags if d.code.startswith(prefix)]
            assert len(codes) == len(set(codes)), codes  # one finding per fault and place
