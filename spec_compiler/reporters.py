"""Reporters: they only format a finished run to an injected stream.

Each format is a named class chosen from ``REPORTERS``; none decides the exit code.
"""

from __future__ import annotations

from collections import Counter, namedtuple
from collections.abc import Callable, Sequence

from spec_compiler import __version__

TYPE_CHECKING = False  # mypy takes it for True; a lint run need not import typing
if TYPE_CHECKING:
    from typing import IO, NamedTuple

    from spec_compiler.diagnostics import Diagnostic

HOMEPAGE = "https://spec-compiler.dev"
RULES_DOC = f"{HOMEPAGE}/docs/rules.md"
#: GitHub shows at most 50 annotations per job; the rest are listed as plain lines
GITHUB_MAX_ANNOTATIONS = 50

Source = Callable[[str], "str | None"]


if TYPE_CHECKING:
    class Report(NamedTuple):
        """A finished run: sorted findings and every file linted (as displayed)."""

        diagnostics: Sequence[Diagnostic]
        files: Sequence[str]
        statistics: bool = False
else:
    Report = namedtuple("Report", "diagnostics files statistics", defaults=(False,))


class Reporter:
    """Formats a :class:`Report` to ``stream``."""

    def __init__(
        self,
        stream: IO[str],
        *,
        color: bool = False,
        frame: bool = False,
        source: Source | None = None,
    ) -> None:
        self.stream, self.color, self.frame, self.source = stream, color, frame, source

    def write(self, report: Report) -> None:
        """Write the whole report."""
        raise NotImplementedError


def summary_line(diagnostics: Sequence[Diagnostic]) -> str:
    """``Found 3 errors, 1 warning in 2 files.`` or ``All checks passed.``."""
    if not diagnostics:
        return "All checks passed."
    counts = Counter(d.severity for d in diagnostics)
    parts = []
    for sev in ("error", "warning", "info"):
        n = counts.get(sev, 0)
        if n:
            parts.append(f"{n} {sev}{'s' if n != 1 and sev != 'info' else ''}")
    files = len({d.file for d in diagnostics})
    return f"Found {', '.join(parts)} in {files} file{'s' if files != 1 else ''}."


def statistics_lines(diagnostics: Sequence[Diagnostic]) -> list[str]:
    """Findings counted per code, most frequent first: ``  3  SMS001  sender-id-format``."""
    counts = Counter(d.code for d in diagnostics)
    names = {d.code: d.rule for d in diagnostics}
    rows = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    if not rows:
        return []
    nw = len(str(rows[0][1]))
    cw = max(len(code) for code, _ in rows)
    return [f"{n:>{nw}}  {code:<{cw}}  {names[code]}" for code, n in rows]


# ---------------------------------------------------------------- text

_SEVERITY_COLOR = {"error": "31", "warning": "33", "info": "36"}


class TextReporter(Reporter):
    """``path:line:col: CODE severity message``; a code frame and colour on a terminal."""

    def _c(self, text: str, code: str) -> str:
        return f"\x1b[{code}m{text}\x1b[0m" if self.color else text

    def write(self, report: Report) -> None:
        """Findings, statistics when asked, and a summary line."""
        out = self.stream
        for d in report.diagnostics:
            where = self._c(f"{d.file}:{d.line}:{d.column}:", "1")
            color = _SEVERITY_COLOR.get(d.severity, "0")
            out.write(
                f"{where} {self._c(d.code, '1;' + color)} {self._c(d.severity, color)} "
                f"{d.message}\n"
            )
            if self.frame:
                out.write(self._frame(d))
        if report.statistics:
            for line in statistics_lines(report.diagnostics):
                out.write(line + "\n")
        out.write(self._c(summary_line(report.diagnostics), "1") + "\n")

    def _frame(self, d: Diagnostic) -> str:
        text = self.source(d.file) if self.source else None
        lines = text.splitlines() if text else []
        if not 0 < d.line <= len(lines):
            return ""
        src = lines[d.line - 1].rstrip("\r\n")
        start = min(d.column - 1, len(src))
        end = d.end_column - 1 if d.end_line == d.line else len(src)
        width = max(1, min(end, len(src)) - start)
        pad = "".join("\t" if ch == "\t" else " " for ch in src[:start])
        gutter = " " * len(str(d.line))
        color = _SEVERITY_COLOR.get(d.severity, "0")
        return (
            f"{gutter} |\n{d.line} | {src}\n{gutter} | {pad}{self._c('^' * width, '1;' + color)}\n"
        )


# ---------------------------------------------------------------- json


class JsonReporter(Reporter):
    """The stable JSON document of DESIGN §4 (``"version": 1``)."""

    def write(self, report: Report) -> None:
        """One JSON object, indented, with a trailing newline."""
        counts = Counter(d.severity for d in report.diagnostics)
        doc = {
            "version": 1,
            "diagnostics": [d.as_dict() for d in report.diagnostics],
            "summary": {
                "files": len(report.files),
                "error": counts.get("error", 0),
                "warning": counts.get("warning", 0),
                "info": counts.get("info", 0),
            },
        }
        import json

        self.stream.write(json.dumps(doc, indent=2, ensure_ascii=False) + "\n")


# ---------------------------------------------------------------- sarif

_SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def artifact_uri(path: str) -> str:
    """A SARIF artifact URI: relative paths stay relative, absolute ones become file:."""
    import os
    from pathlib import Path, PurePath
    from urllib.parse import quote

    if os.path.isabs(path):
        return Path(path).as_uri()
    return quote(PurePath(path).as_posix(), safe="/")


class SarifReporter(Reporter):
    """SARIF 2.1.0 with rule metadata for every code reported."""

    def write(self, report: Report) -> None:
        """One SARIF log with one run."""
        codes = sorted({d.code for d in report.diagnostics})
        index = {code: i for i, code in enumerate(codes)}
        rules = [self._rule(code, report.diagnostics) for code in codes]
        run = {
            "tool": {
                "driver": {
                    "name": "spec-compiler",
                    "version": __version__,
                    "semanticVersion": __version__,
                    "informationUri": HOMEPAGE,
                    "rules": rules,
                }
            },
            "columnKind": "unicodeCodePoints",
            "results": [self._result(d, index[d.code]) for d in report.diagnostics],
        }
        log = {
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [run],
        }
        import json

        self.stream.write(json.dumps(log, indent=2, ensure_ascii=False) + "\n")

    @staticmethod
    def _rule(code: str, diagnostics: Sequence[Diagnostic]) -> dict[str, object]:
        from spec_compiler.rules_cmd import rule_doc

        doc = rule_doc(code)
        first = next(d for d in diagnostics if d.code == code)
        name = doc.name if doc else first.rule
        summary = doc.summary if doc else name
        full = f"{summary} {doc.description}".strip() if doc and doc.description else summary
        level = _SARIF_LEVEL[doc.severity if doc else first.severity]
        return {
            "id": code,
            "name": name,
            "shortDescription": {"text": summary},
            "fullDescription": {"text": full},
            "defaultConfiguration": {"level": level},
            "helpUri": f"{RULES_DOC}#{code.lower()}",
        }

    @staticmethod
    def _result(d: Diagnostic, rule_index: int) -> dict[str, object]:
        region = {
            "startLine": d.line,
            "startColumn": d.column,
            "endLine": d.end_line,
            "endColumn": max(d.end_column, d.column + 1 if d.end_line == d.line else 1),
        }
        return {
            "ruleId": d.code,
            "ruleIndex": rule_index,
            "level": _SARIF_LEVEL[d.severity],
            "message": {"text": d.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": artifact_uri(d.file)},
                        "region": region,
                    }
                }
            ],
            "properties": {"pointer": d.pointer, "document": d.document},
        }


# ---------------------------------------------------------------- github

_GITHUB_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


class GithubReporter(Reporter):
    """GitHub Actions workflow commands (``::error file=…::message``), capped at 50."""

    def write(self, report: Report) -> None:
        """Annotations, then the rest as plain lines, then a summary notice."""
        out = self.stream
        shown = report.diagnostics[:GITHUB_MAX_ANNOTATIONS]
        for d in shown:
            props = ",".join(
                f"{k}={_escape_property(str(v))}"
                for k, v in (
                    ("file", d.file),
                    ("line", d.line),
                    ("col", d.column),
                    ("endLine", d.end_line),
                    ("endColumn", d.end_column),
                    ("title", f"{d.code} {d.rule}"),
                )
            )
            out.write(f"::{_GITHUB_LEVEL[d.severity]} {props}::{_escape_data(d.message)}\n")
        rest = report.diagnostics[GITHUB_MAX_ANNOTATIONS:]
        for d in rest:
            out.write(d.render() + "\n")
        if rest:
            message = (
                f"{len(rest)} more findings are not shown as annotations "
                f"(GitHub shows {GITHUB_MAX_ANNOTATIONS}); see the log"
            )
            out.write(f"::notice title=spec-compiler::{_escape_data(message)}\n")
        out.write(summary_line(report.diagnostics) + "\n")


# ---------------------------------------------------------------- junit


def _xml_text(text: str) -> str:
    from xml.sax.saxutils import escape

    clean = "".join(ch if ch in "\t\n\r" or ord(ch) >= 0x20 else "\ufffd" for ch in text)
    return escape(clean.replace("\ufffe", "\ufffd").replace("\uffff", "\ufffd"))


def _xml_attr(text: str) -> str:
    return '"' + _xml_text(text).replace('"', "&quot;").replace("\n", "&#10;") + '"'


class JunitReporter(Reporter):
    """JUnit XML: a testsuite and a testcase per file, a failure per finding."""

    def write(self, report: Report) -> None:
        """One ``<testsuites>`` document."""
        by_file: dict[str, list[Diagnostic]] = {f: [] for f in report.files}
        for d in report.diagnostics:
            by_file.setdefault(d.file, []).append(d)
        files = sorted(by_file)
        out = self.stream
        failures = len(report.diagnostics)
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        out.write(
            f'<testsuites name="spec-compiler" tests="{len(files)}" '
            f'failures="{failures}" errors="0">\n'
        )
        for name in files:
            diags = by_file[name]
            out.write(
                f'  <testsuite name={_xml_attr(name)} tests="1" '
                f'failures="{len(diags)}" errors="0">\n'
            )
            case = f'    <testcase name={_xml_attr(name)} classname="spec-compiler.lint"'
            if not diags:
                out.write(case + "/>\n")
            else:
                out.write(case + ">\n")
                for d in diags:
                    out.write(
                        f"      <failure type={_xml_attr(d.severity)} "
                        f"message={_xml_attr(f'{d.code} {d.message}')}>"
                        f"{_xml_text(d.render())}</failure>\n"
                    )
                out.write("    </testcase>\n")
            out.write("  </testsuite>\n")
        out.write("</testsuites>\n")


REPORTERS: dict[str, type[Reporter]] = {
    "text": TextReporter,
    "json": JsonReporter,
    "sarif": SarifReporter,
    "github": GithubReporter,
    "junit": JunitReporter,
}
