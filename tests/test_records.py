"""The records of the lint path are declared twice: a ``NamedTuple`` that mypy reads
(under ``TYPE_CHECKING``) and a ``collections.namedtuple`` that runs, so that a lint run
does not import ``typing``. The two must have the same fields and defaults."""

from __future__ import annotations

import ast
import importlib
import inspect
from typing import Any

import pytest

RECORDS = [
    ("spec_compiler.reading", "Limits", "Limits"),
    ("spec_compiler.walker", "Target", "Target"),
    ("spec_compiler.walker", "Discovery", "Discovery"),
    ("spec_compiler.reporters", "Report", "Report"),
    ("spec_compiler.yaml12", "ConvertResult", "ConvertResult"),
    ("spec_compiler.config", "_Settings", "Config"),
    ("spec_compiler.lint_cmd", "LintOptions", "LintOptions"),
    ("spec_compiler.load_codes", "LoadCode", "LoadCode"),
]


def _declared(module: Any, name: str) -> tuple[list[str], dict[str, Any]]:
    """Fields and defaults of the NamedTuple class ``name`` in ``module``'s source."""
    tree = ast.parse(inspect.getsource(module))
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef) and node.name == name:
            fields, defaults = [], {}
            for stmt in node.body:
                if isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name):
                    fields.append(stmt.target.id)
                    if stmt.value is not None:
                        defaults[stmt.target.id] = eval(
                            compile(ast.Expression(stmt.value), "<default>", "eval"),
                            vars(module))
            return fields, defaults
    raise AssertionError(f"no class {name} in {module.__name__}")


@pytest.mark.parametrize(("module_name", "declared", "runtime"), RECORDS)
def test_runtime_record_matches_its_declaration(module_name: str, declared: str,
                                                runtime: str) -> None:
    module = importlib.import_module(module_name)
    fields, defaults = _declared(module, declared)
    record = getattr(module, runtime)
    assert list(record._fields) == fields
    assert record._field_defaults == defaults
