"""The one finding type every layer produces and every reporter formats."""

from __future__ import annotations

from collections import namedtuple

TYPE_CHECKING = False  # mypy takes it for True; a lint run need not import typing
if TYPE_CHECKING:
    from typing import Any, Literal, NamedTuple

    Severity = Literal["error", "warning", "info"]
else:  # a name to import at run time, where annotations are never evaluated
    Severity = str
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")

if TYPE_CHECKING:
    class _Fields(NamedTuple):
        file: str
        line: int
        column: int
        code: str
        severity: Severity
        message: str
        rule: str
        pointer: str = ""
        document: int = 0
        end_line: int = 0
        end_column: int = 0
else:
    _Fields = namedtuple(
        "Diagnostic",
        "file line column code severity message rule pointer document end_line end_column",
        defaults=("", 0, 0, 0))


class Diagnostic(_Fields):
    """A finding at a 1-based position of one document of one file.

    Immutable. Two findings are equal, and ordered, by file, line, column and code only
    (what a frozen ``dataclass(order=True)`` with the other fields ``compare=False`` did:
    a ``namedtuple`` costs ~0.05 ms to define where a dataclass cost ~0.6, and the full
    path defined 14 of them, besides ~10 ms for importing ``dataclasses``).
    """

    __slots__ = ()

    def __new__(cls, file: str, line: int, column: int, code: str, severity: Severity,
                message: str, rule: str, pointer: str = "", document: int = 0,
                end_line: int = 0, end_column: int = 0) -> Diagnostic:
        # end defaults to start so every diagnostic carries a valid range
        if end_line < line or (end_line == line and end_column < column):
            end_line, end_column = line, column
        return _Fields.__new__(cls, file, line, column, code, severity, message, rule,
                               pointer, document, end_line, end_column)

    def _compared(self) -> tuple[str, int, int, str]:
        return (self.file, self.line, self.column, self.code)

    def _against(self, other: object, op: str) -> tuple[str, int, int, str]:
        # another type is never equal and never ordered, tuples included (the tuple
        # comparison Python would fall back to would say a Diagnostic equals its fields)
        if other.__class__ is not self.__class__:
            raise TypeError(f"'{op}' not supported between instances of "
                            f"'Diagnostic' and '{type(other).__name__}'")
        assert isinstance(other, Diagnostic)
        return other._compared()

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return False
        return self._compared() == self._against(other, "==")

    def __ne__(self, other: object) -> bool:
        return not self == other

    def __lt__(self, other: object) -> bool:
        return self._compared() < self._against(other, "<")

    def __le__(self, other: object) -> bool:
        return self._compared() <= self._against(other, "<=")

    def __gt__(self, other: object) -> bool:
        return self._compared() > self._against(other, ">")

    def __ge__(self, other: object) -> bool:
        return self._compared() >= self._against(other, ">=")

    def __hash__(self) -> int:
        return hash(self._compared())

    def replace(self, **changes: Any) -> Diagnostic:
        """The same finding with ``changes`` (the range normalised again)."""
        return Diagnostic(**{**self._asdict(), **changes})

    def with_file(self, file: str) -> Diagnostic:
        """The same finding in ``file``."""
        return self.replace(file=file)

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
