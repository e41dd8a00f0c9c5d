"""Lint configuration: which codes run, at what severity, with which options."""

from __future__ import annotations

import fnmatch
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from spec_compiler.diagnostics import Severity
from spec_compiler.document import DocumentKind
from spec_compiler.loader import DEFAULT_LIMITS, Limits


def _prefix_match(code: str, prefixes: tuple[str, ...]) -> int:
    """Length of the longest prefix of ``code`` in ``prefixes`` (-1 for none)."""
    best = -1
    for p in prefixes:
        if p == "ALL" or code.startswith(p):
            best = max(best, 0 if p == "ALL" else len(p))
    return best


@dataclass(frozen=True)
class Config:
    """Resolved configuration; the default instance is the tool's defaults."""

    select: tuple[str, ...] = ("ALL",)
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    severity: Mapping[str, Severity] = field(default_factory=dict)
    per_file_ignores: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    include: tuple[str, ...] = ("*.yaml", "*.yml", "*.json")
    exclude: tuple[str, ...] = ()
    kinds: Mapping[str, DocumentKind] = field(default_factory=dict)
    rule_options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    limits: Limits = DEFAULT_LIMITS
    #: where the configuration came from (for messages), None for defaults
    source: str | None = None

    def is_enabled(self, code: str, path: str | None = None) -> bool:
        """Longest matching prefix wins between select and ignore (like flake8)."""
        sel = max(_prefix_match(code, self.select), _prefix_match(code, self.extend_select))
        ign = _prefix_match(code, self.ignore)
        if path is not None:
            ign = max(ign, _prefix_match(code, self.ignores_for(path)))
        return sel >= 0 and sel > ign

    def ignores_for(self, path: str) -> tuple[str, ...]:
        """Codes ignored for ``path`` by ``per-file-ignores``."""
        out: list[str] = []
        for pattern, codes in self.per_file_ignores.items():
            if fnmatch.fnmatch(path, pattern) or fnmatch.fnmatch(path.rsplit("/", 1)[-1], pattern):
                out.extend(codes)
        return tuple(out)

    def severity_for(self, code: str, default: Severity) -> Severity:
        """A configured severity (by code or prefix, longest wins) or the rule's default."""
        best, result = -1, default
        for prefix, sev in self.severity.items():
            if code.startswith(prefix) and len(prefix) > best:
                best, result = len(prefix), sev
        return result

    def options_for(self, code: str, name: str) -> Mapping[str, Any]:
        """Options configured for a rule, by code or by name."""
        return {**self.rule_options.get(name, {}), **self.rule_options.get(code, {})}

    def kind_for(self, path: str) -> DocumentKind | None:
        """A kind forced for ``path`` by the per-glob ``kinds`` mapping."""
        for pattern, kind in self.kinds.items():
            if fnmatch.fnmatch(path, pattern):
                return kind
        return None


DEFAULT_CONFIG = Config()
