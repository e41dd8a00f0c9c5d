"""Every test document we have, loaded: the pool the NEEDS and QUIET tests run over.

API examples, seed fixtures, examples, the precision cases, the rule test tables (their
failing cases above all) and a benchmark corpus.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

from spec_compiler.loader import LoadedFile, load_text

REPO = Path(__file__).resolve().parent.parent
TESTS = REPO / "tests"


def _module(path: Path) -> ModuleType:
    name = f"_needs_source_{path.parent.name}_{path.stem}"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    folder = str(path.parent)
    sys.path.insert(0, folder)  # the rule tests import their helpers (robustness.py)
    try:
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(folder)
    return module


def _strings(value: Any, depth: int = 0) -> Iterator[str]:
    """Every string inside test-table values (pytest.param, tuples, lists)."""
    if depth > 4:
        return
    if isinstance(value, str):
        yield value
    elif hasattr(value, "values") and hasattr(value, "id") and hasattr(value, "marks"):
        yield from _strings(value.values, depth + 1)  # a pytest.param
    elif isinstance(value, (list, tuple)):
        for v in value:
            yield from _strings(v, depth + 1)


def _table_documents() -> Iterator[tuple[str, str]]:
    """Documents of the rule test tables and the precision cases."""
    for path in sorted([*(TESTS / "rules").glob("test_*.py"), TESTS / "test_precision.py"]):
        module = _module(path)
        for attr, value in sorted(vars(module).items()):
            if attr.startswith("_") or not isinstance(value, (list, tuple)):
                continue
            for text in _strings(value):
                if "\n" in text or text.lstrip().startswith(("{", "[")):
                    yield f"{path.stem}.{attr}", text


def _file_documents() -> Iterator[tuple[str, str]]:
    folders = [TESTS / "fixtures" / "api-examples", TESTS / "fixtures" / "seed",
               REPO / "examples"]
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.suffix in (".yaml", ".yml", ".json") and path.is_file():
                yield str(path.relative_to(REPO)), path.read_text("utf-8")


def _corpus_documents(tmp: Path) -> Iterator[tuple[str, str]]:
    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        corpus = importlib.import_module("corpus")
    finally:
        sys.path.remove(str(REPO / "benchmarks"))
    for fmt in ("yaml", "json"):
        out = tmp / fmt
        corpus.generate(out, n=150, fmt=fmt, seed=7)
        for path in sorted(out.iterdir()):
            if path.suffix in (".yaml", ".json"):
                yield f"corpus/{path.name}", path.read_text("utf-8")


def loaded_pool(tmp: Path) -> list[LoadedFile]:
    out = []
    seen: set[str] = set()
    sources = [*_file_documents(), *_table_documents(), *_corpus_documents(tmp)]
    for origin, text in sources:
        if text in seen:
            continue
        seen.add(text)
        names = ["case.yaml"]
        if text.lstrip().startswith(("{", "[")):
            names.append("case.json")
        if origin.endswith(".json"):
            names = ["case.json"]
        for name in names:
            out.append(load_text(text, f"{origin}:{name}"))
    return out


