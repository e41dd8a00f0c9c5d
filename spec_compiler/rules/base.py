"""What a rule module provides and what its ``check`` yields."""

from __future__ import annotations

from collections import namedtuple
from collections.abc import Iterator, Mapping
from types import ModuleType

from spec_compiler.diagnostics import Severity
from spec_compiler.document import LintContext

TYPE_CHECKING = False  # mypy takes it for True; a lint run need not import typing
if TYPE_CHECKING:
    from typing import Any, NamedTuple, Protocol

    class Finding(NamedTuple):
        """A fact a rule found: where (a JSON pointer) and what (a short fragment).

        The engine stamps code, name, severity, file and position.
        """

        pointer: str
        message: str
        #: report at the key of ``pointer`` rather than at its value (unknown keys, duplicates)
        at_key: bool = False
else:
    Finding = namedtuple("Finding", "pointer message at_key", defaults=(False,))


if TYPE_CHECKING:
    class RuleModule(Protocol):
        """The contract of a module in ``spec_compiler.rules``."""

        CODE: str
        NAME: str
        SEVERITY: Severity
        #: JSON-Schema ``properties`` fragment for the rule's options, each with a default
        OPTIONS: Mapping[str, Any]
        __doc__: str | None

        def check(self, ctx: LintContext, options: Mapping[str, Any]) -> Iterator[Finding]: ...


def option_defaults(module: ModuleType | RuleModule) -> dict[str, Any]:
    """The defaults of a rule's options."""
    props: Mapping[str, Any] = getattr(module, "OPTIONS", {})
    return {k: v["default"] for k, v in props.items() if "default" in v}
