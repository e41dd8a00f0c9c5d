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
    ("spec_compiler.diagnostics", "_Fields", "Diagnostic"),
    ("spec_compiler.document", "Span", "Span"),
    ("spec_compiler.document", "_DocumentFields", "Document"),
    ("spec_compiler.document", "SchemaError", "SchemaError"),
    ("spec_compiler.document", "MessageSite", "MessageSite"),
    ("spec_compiler.document", "_ContextFields", "LintContext"),
    ("spec_compiler.sms", "SegmentInfo", "SegmentInfo"),
    ("spec_compiler.pacing", "PacingParams", "PacingParams"),
    ("spec_compiler.pacing", "_TimelineFields", "TimelineRow"),
    ("spec_compiler.rules.base", "Finding", "Finding"),
    ("spec_compiler.rules._sms_util", "SmsText", "SmsText"),
    ("spec_compiler.rules._pace_util", "Timed", "Timed"),
    ("spec_compiler.rules._act_util", "UrlValue", "UrlValue"),
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


def _diag(**changes: Any) -> Any:
    from spec_compiler.diagnostics import Diagnostic

    fields = {"file": "a.yaml", "line": 3, "column": 5, "code": "MSG001",
              "severity": "error", "message": "m", "rule": "r"}
    return Diagnostic(**{**fields, **changes})


def test_diagnostics_compare_as_the_frozen_dataclass_did() -> None:
    """Equal, ordered and hashed by file, line, column and code only; immutable; the
    range defaults to the start; pickles and copies as itself."""
    import copy
    import pickle

    a = _diag()
    assert a == _diag(severity="warning", message="other", rule="x", pointer="/p",
                      document=2, end_line=9, end_column=1)
    assert hash(a) == hash(_diag(message="other"))
    assert a != _diag(code="MSG002") and a < _diag(code="MSG002") < _diag(column=6)
    assert sorted([_diag(line=4), _diag(file="0.yaml"), a]) == [
        _diag(file="0.yaml"), a, _diag(line=4)]
    assert a != (a.file, a.line, a.column, a.code) and a != tuple(a)
    assert tuple(a) != a and (a == tuple(a)) is False
    with pytest.raises(TypeError):
        assert a < tuple(a)
    with pytest.raises(TypeError):
        assert tuple(a) >= a
    assert (a.end_line, a.end_column) == (3, 5)
    assert (_diag(end_line=3, end_column=9).end_line, _diag(end_line=3).end_column) == (3, 5)
    assert (_diag(end_line=3, end_column=9).end_column, _diag(end_line=4).end_column) == (9, 0)
    assert (_diag(end_line=2, end_column=9).end_line, _diag(end_line=2).end_column) == (3, 5)
    with pytest.raises(AttributeError):
        a.line = 4  # type: ignore[misc]
    moved = a.replace(line=7)
    assert (moved.line, moved.end_line, moved.message) == (7, 7, "m")
    assert a.with_file("b.yaml").file == "b.yaml"
    for twin in (pickle.loads(pickle.dumps(a)), copy.copy(a), copy.deepcopy(a)):
        assert type(twin) is type(a) and twin._asdict() == a._asdict()
    assert repr(a).startswith("Diagnostic(file='a.yaml', line=3, column=5, code='MSG001'")


def test_mutable_records_compare_by_value_and_do_not_hash() -> None:
    from spec_compiler.loader import LoadedFile
    from spec_compiler.suppressions import Suppression

    s = Suppression("MSG001", 1, 3, 9, False, 2)
    assert s == Suppression("MSG001", 1, 3, 9, False, 2, used=False)
    s.used = True
    assert s != Suppression("MSG001", 1, 3, 9, False, 2)
    assert "used=True" in repr(s)
    loaded = LoadedFile("a.yaml")
    assert loaded == LoadedFile("a.yaml", "", [], []) and loaded.documents == []
    loaded.documents.append(None)  # type: ignore[arg-type]
    assert LoadedFile("b.yaml").documents == []  # no list shared between files
    for record in (s, loaded):
        with pytest.raises(TypeError):
            hash(record)
