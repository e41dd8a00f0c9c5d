"""``# spec-compiler: ignore[...]`` comments and SUP001 for the ones that do nothing."""

from __future__ import annotations

import pytest

from spec_compiler.config import DEFAULT_CONFIG, parse_config
from spec_compiler.diagnostics import Diagnostic
from spec_compiler.suppressions import apply_suppressions, parse


def diag(line: int, code: str = "SMS001", col: int = 1) -> Diagnostic:
    return Diagnostic("a.yaml", line, col, code, "error", "m", "x")


def run(text: str, diags: list[Diagnostic], **kw: object) -> list[tuple[int, int, str]]:
    out = apply_suppressions(text, diags, file="a.yaml", **kw)  # type: ignore[arg-type]
    return [
        (d.line, d.column, d.code if d.code != "SUP001" else f"SUP001 {d.message}") for d in out
    ]


CASES = [
    (
        "same line",
        "a: 1\nsender: x  # spec-compiler: ignore[SMS001] long name is fine here\n",
        [diag(2)],
        [],
    ),
    ("line above", "# spec-compiler: ignore[SMS001] reason\nsender: x\n", [diag(2)], []),
    (
        "stacked above, blank and comment lines skipped",
        "# spec-compiler: ignore[SMS001]\n# spec-compiler: ignore[WA001]\n\nsender: x\n",
        [diag(4), diag(4, "WA001")],
        [],
    ),
    (
        "not two lines above",
        "# spec-compiler: ignore[SMS001]\nfoo: 1\nsender: x\n",
        [diag(3)],
        [(1, 25, "SUP001 unused suppression of 'SMS001'"), (3, 1, "SMS001")],
    ),
    (
        "a trailing comment does not cover the next line",
        "a: 1  # spec-compiler: ignore[SMS001]\nsender: x\n",
        [diag(2)],
        [(1, 31, "SUP001 unused suppression of 'SMS001'"), (2, 1, "SMS001")],
    ),
    (
        "several codes, prefixes",
        "sender: x  # spec-compiler: ignore[SMS, WA001 CONV005] why\n",
        [diag(1), diag(1, "SMS005"), diag(1, "WA001"), diag(1, "CONV005")],
        [],
    ),
    (
        "file wide",
        "# spec-compiler: ignore-file[SMS001]\na: 1\nb: 2\n",
        [diag(2), diag(3), diag(3, "WA001")],
        [(3, 1, "WA001")],
    ),
    (
        "unused file wide",
        "# spec-compiler: ignore-file[WA]\na: 1\n",
        [diag(2)],
        [(1, 30, "SUP001 unused file-wide suppression of 'WA'"), (2, 1, "SMS001")],
    ),
    (
        "unknown code",
        "a: 1  # spec-compiler: ignore[SMS001, NOPE42]\n",
        [diag(1)],
        [(1, 39, "SUP001 unknown code 'NOPE42' in suppression")],
    ),
    (
        "SUP001 suppressed file-wide",
        "# spec-compiler: ignore-file[SUP001]\na: 1  # spec-compiler: ignore[SMS001]\n",
        [],
        [],
    ),
    ("SUP001 suppressed on its line", "a: 1  # spec-compiler: ignore[SMS001, SUP001]\n", [], []),
    (
        "not inside a word",
        "text: 'x#spec-compiler: ignore[SMS001]'\n",
        [diag(1)],
        [(1, 1, "SMS001")],
    ),
    ("no comment at all", "a: 1\n", [diag(1)], [(1, 1, "SMS001")]),
]


@pytest.mark.parametrize(
    ("text", "diags", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_suppressions(
    text: str, diags: list[Diagnostic], expected: list[tuple[int, int, str]]
) -> None:
    assert sorted(run(text, diags)) == sorted(expected)


def test_unused_suppression_of_a_disabled_code_is_not_reported() -> None:
    config = parse_config({"ignore": ["SMS"]})
    assert run("a: 1  # spec-compiler: ignore[SMS001]\n", [], config=config) == []


def test_sup001_can_be_ignored_and_regraded() -> None:
    text = "a: 1  # spec-compiler: ignore[SMS001]\n"
    assert run(text, [], config=parse_config({"ignore": ["SUP"]})) == []
    out = apply_suppressions(
        text, [], config=parse_config({"severity": {"SUP001": "error"}}), file="a.yaml"
    )
    assert [(d.code, d.severity, d.file, d.rule) for d in out] == [
        ("SUP001", "error", "a.yaml", "unused-suppression")
    ]


def test_sup001_position_spans_the_code() -> None:
    (d,) = apply_suppressions("a: 1  # spec-compiler: ignore[SMS001]\n", [], file="a.yaml")
    assert (d.line, d.column, d.end_line, d.end_column) == (1, 31, 1, 37)


def test_file_defaults_to_the_first_diagnostic() -> None:
    out = apply_suppressions(
        "# spec-compiler: ignore[WA001]\na: 1\n", [diag(2)], config=DEFAULT_CONFIG
    )
    assert {d.file for d in out} == {"a.yaml"}


def test_parse_reports_targets() -> None:
    sups = parse("x: 1\n  # spec-compiler: ignore[A1, B]\n\n  y: 2  # spec-compiler: ignore[C]\n")
    assert [(s.code, s.line, s.target, s.file_wide) for s in sups] == [
        ("A1", 2, 4, False),
        ("B", 2, 4, False),
        ("C", 4, 4, False),
    ]


def test_through_the_engine() -> None:
    from spec_compiler.engine import lint_loaded
    from spec_compiler.loader import load_text

    text = (
        "role: agent\ntouchpoint: sms\nmeta:\n"
        "  # spec-compiler: ignore[SMS001] legacy sender, approved by carrier\n"
        "  SenderID: Tims Truckshop BV\n"
        "text: hi  # spec-compiler: ignore[WA001]\n"
    )
    out = lint_loaded(load_text(text, "a.yaml"))
    assert [(d.line, d.code, d.message) for d in out] == [
        (6, "SUP001", "unused suppression of 'WA001'")
    ]
