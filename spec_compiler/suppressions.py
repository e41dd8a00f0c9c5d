"""``# spec-compiler: ignore[CODE] reason`` comments, and the suppressions nobody used.

- ``ignore[A, B] reason`` at the end of a line covers findings on that line;
- alone on its line it covers the next line that is not blank or a comment (so several
  such comments can stack above one line);
- ``ignore-file[A]`` anywhere covers the whole file.

Codes may be prefixes (``ignore[SMS]``). A code that no finding used, or that is not a
code at all, is reported as SUP001 at the comment (only for codes that are enabled: a
suppression of a code the configuration turned off cannot be judged).
"""

from __future__ import annotations

import re

from spec_compiler.config import DEFAULT_CONFIG, Config, known_codes
from spec_compiler.diagnostics import Diagnostic

_COMMENT = re.compile(r"(?:^|(?<=\s))#\s*spec-compiler:\s*(ignore-file|ignore)\[([^\]\n]*)\]")
_CODE = re.compile(r"[^\s,]+")
_SUP = "SUP001"


class Suppression:
    """One code of one suppression comment."""

    __slots__ = ("code", "column", "end_column", "file_wide", "line", "target", "used")

    def __init__(self, code: str, line: int, column: int, end_column: int, file_wide: bool,
                 target: int, used: bool = False) -> None:
        self.code = code
        self.line = line
        self.column = column
        self.end_column = end_column
        self.file_wide = file_wide
        #: the line whose findings it covers (unused for file-wide ones)
        self.target = target
        self.used = used

    def _fields(self) -> tuple[str, int, int, int, bool, int, bool]:
        return (self.code, self.line, self.column, self.end_column, self.file_wide,
                self.target, self.used)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, Suppression)
        return self._fields() == other._fields()

    __hash__ = None  # type: ignore[assignment]  # mutable, as a dataclass(eq=True) is

    def __repr__(self) -> str:
        return ("Suppression(code={!r}, line={!r}, column={!r}, end_column={!r}, "
                "file_wide={!r}, target={!r}, used={!r})").format(*self._fields())

    def covers(self, diag: Diagnostic) -> bool:
        """Does this suppression cover ``diag``?"""
        if not diag.code.startswith(self.code):
            return False
        return self.file_wide or diag.line == self.target


def parse(text: str) -> list[Suppression]:
    """Every suppressed code in ``text``, with where it is and what it covers."""
    if "spec-compiler:" not in text:
        return []
    lines = text.splitlines()
    out: list[Suppression] = []
    for index, line in enumerate(lines):
        for m in _COMMENT.finditer(line):
            own_line = not line[: m.start()].strip()
            target = _next_code_line(lines, index) if own_line else index + 1
            for c in _CODE.finditer(m.group(2)):
                col = m.start(2) + c.start() + 1
                out.append(
                    Suppression(
                        c.group(),
                        index + 1,
                        col,
                        col + len(c.group()),
                        m.group(1) == "ignore-file",
                        target,
                    )
                )
    return out


def _next_code_line(lines: list[str], index: int) -> int:
    for j in range(index + 1, len(lines)):
        stripped = lines[j].strip()
        if stripped and not stripped.startswith("#"):
            return j + 1
    return index + 2


def apply_suppressions(
    text: str,
    diagnostics: list[Diagnostic],
    *,
    config: Config = DEFAULT_CONFIG,
    file: str | None = None,
) -> list[Diagnostic]:
    """Drop suppressed diagnostics; add SUP001 for suppressions that did nothing.

    ``file`` names the file for SUP001 findings; without it the file of the first
    diagnostic is used (or ``""`` when there is none, for the caller to fill in).
    """
    sups = parse(text)
    if not sups:
        return diagnostics
    name = file if file is not None else (diagnostics[0].file if diagnostics else "")
    kept = [d for d in diagnostics if not _suppressed(d, sups)]
    # SUP001 findings can be suppressed too (``ignore-file[SUP001]``), in a second pass
    meta = [s for s in sups if _SUP.startswith(s.code)]
    first = (_unused(s, name, config) for s in sups if not s.used and not _SUP.startswith(s.code))
    found = [d for d in first if d is not None and not _suppressed(d, meta)]
    second = (_unused(s, name, config) for s in meta if not s.used)
    return kept + found + [d for d in second if d is not None]


def _suppressed(diag: Diagnostic, sups: list[Suppression]) -> bool:
    hit = False
    for s in sups:
        if s.covers(diag):
            s.used = hit = True
    return hit


def _unused(s: Suppression, file: str, config: Config) -> Diagnostic | None:
    codes = known_codes()
    exists = any(c.startswith(s.code) for c in codes)
    if exists and not any(
        config.is_enabled(c, file or None) for c in codes if c.startswith(s.code) and c != _SUP
    ):
        return None  # every code it names is off: we cannot tell whether it is needed
    if not config.is_enabled(_SUP, file or None):
        return None
    what = "suppression" if not s.file_wide else "file-wide suppression"
    message = f"unused {what} of '{s.code}'" if exists else f"unknown code '{s.code}' in {what}"
    return _TEMPLATE.replace(
        file=file,
        line=s.line,
        column=s.column,
        end_line=s.line,
        end_column=s.end_column,
        message=message,
        severity=config.severity_for(_SUP, "warning"),
    )


_TEMPLATE = Diagnostic(
    file="", line=1, column=1, code=_SUP, severity="warning", message="", rule="unused-suppression"
)
