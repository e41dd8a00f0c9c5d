"""The one finding type every layer produces and every reporter formats."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Literal

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")


@dataclass(frozen=True, order=True)
class Diagnostic:
    """A finding at a 1-based position of one document of one file."""

    file: str
    line: int
    column: int
    code: str
    severity: Severity = field(compare=False)
    message: str = field(compare=False)
    rule: str = field(compare=False)
    pointer: str = field(default="", compare=False)
    document: int = field(default=0, compare=False)
    end_line: int = field(default=0, compare=False)
    end_column: int = field(default=0, compare=False)

    def __post_init__(self) -> None:
        # end defaults to start so every diagnostic carries a valid range
        if self.end_line < self.line or (
            self.end_line == self.line and self.end_column < self.column
        ):
            object.__setattr__(self, "end_line", self.line)
            object.__setattr__(self, "end_column", self.column)

    def with_file(self, file: str) -> Diagnostic:
        """The same finding in ``file``."""
        return replace(self, file=file)

    def render(self) -> str:
        """The canonical one-line form: ``path:line:col: CODE severity message``."""
        return f"{self.file}:{self.line}:{self.column}: {self.code} {self.severity} {self.message}"

    def as_dict(self) -> dict[str, object]:
        """The stable JSON shape (DESIGN §4)."""
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "code": self.code,
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message,
            "pointer": self.pointer,
            "document": self.document,
        }


def to_one_based(line0: int, column0: int) -> tuple[int, int]:
    """Convert a 0-based parser mark to our 1-based line/column (the only place we do)."""
    return line0 + 1, column0 + 1


def sort_key(diag: Diagnostic) -> tuple[str, int, int, int, str, str]:
    """Order by file, position, then code and message, so output is deterministic."""
    return (diag.file, diag.document, diag.line, diag.column, diag.code, diag.message)
