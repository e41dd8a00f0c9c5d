"""``# spec-compiler: ignore[CODE]`` comments."""

from __future__ import annotations

import re

from spec_compiler.config import DEFAULT_CONFIG, Config
from spec_compiler.diagnostics import Diagnostic

_COMMENT = re.compile(r"#\s*spec-compiler:\s*(ignore|ignore-file)\[([A-Z0-9, ]+)\]")


def apply_suppressions(text: str, diagnostics: list[Diagnostic], *,
                       config: Config = DEFAULT_CONFIG) -> list[Diagnostic]:
    """Drop diagnostics suppressed on their line, the line above, or file-wide."""
    if "spec-compiler:" not in text:
        return diagnostics
    by_line: dict[int, set[str]] = {}
    file_wide: set[str] = set()
    for lineno, line in enumerate(text.splitlines(), start=1):
        for m in _COMMENT.finditer(line):
            codes = {c.strip() for c in m.group(2).split(",") if c.strip()}
            if m.group(1) == "ignore-file":
                file_wide |= codes
            else:
                by_line.setdefault(lineno, set()).update(codes)
    kept = []
    for d in diagnostics:
        codes = by_line.get(d.line, set()) | by_line.get(d.line - 1, set()) | file_wide
        if not any(d.code.startswith(c) for c in codes):
            kept.append(d)
    return kept
