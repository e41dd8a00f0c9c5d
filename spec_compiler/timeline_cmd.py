"""``spec-compiler timeline``: when each typing indicator starts and each message appears."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, TextIO

from spec_compiler.compile_cmd import (
    CompileOptions,
    Failed,
    given_values,
    load_config,
    prepare,
    values_for,
)
from spec_compiler.compiler import CompiledSpec, CompileError, SpecPlan, example_values
from spec_compiler.errors import UsageError
from spec_compiler.pacing import TimelineRow

TEXT_WIDTH = 48


@dataclass(frozen=True)
class TimelineOptions:
    """What ``spec-compiler timeline`` was asked to do."""

    spec: Path
    var: tuple[str, ...] = ()
    vars_file: Path | None = None
    format: Literal["text", "json"] = "text"


def run(options: TimelineOptions, stdout: TextIO, stderr: TextIO) -> int:
    """Print each spec's timeline; 0 ok, 1 findings, 2 usage."""
    try:
        if options.vars_file is not None and not options.vars_file.is_file():
            raise UsageError(f"--vars file '{options.vars_file}' does not exist")
        compile_options = CompileOptions(
            specs=(options.spec,), var=options.var, vars_file=options.vars_file
        )
        typed, raw = given_values(compile_options)
        prepared = prepare(compile_options.specs, load_config(None), stderr)
        compiled = [_compile(p.plan, typed, raw, stderr) for p in prepared]
    except UsageError as exc:
        stderr.write(f"spec-compiler: error: {exc}\n")
        return 2
    except Failed:
        return 1
    if options.format == "json":
        stdout.write(json.dumps([_as_json(c) for c in compiled], ensure_ascii=False, indent=2))
        stdout.write("\n")
    else:
        stdout.write("\n".join(render_text(c) for c in compiled))
    return 0


def _compile(
    plan: SpecPlan, typed: dict[str, Any], raw: dict[str, str], stderr: TextIO
) -> CompiledSpec:
    """Compile with the given values; missing ones take their example values."""
    try:
        given = values_for(plan, typed, raw)
        missing = [n for n in plan.variables.names if n not in given]
        examples = example_values(plan.data)
        for name in missing:
            if plan.variables.variables[name].required:
                stderr.write(f"note: variable '{name}' not given; using {examples[name]!r}\n")
                given[name] = examples[name]
        return plan.build(plan.resolve(given))
    except CompileError as exc:
        stderr.write(f"{plan.doc.file}: spec '{plan.name}': {exc}\n")
        raise Failed from None


def _as_json(compiled: CompiledSpec) -> dict[str, Any]:
    return {"spec": compiled.name, "timeline": [row.as_dict() for row in compiled.timeline]}


def _ms(value: int | None) -> str:
    return "-" if value is None else f"{value / 1000:.1f} s"


def _short(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= TEXT_WIDTH else flat[: TEXT_WIDTH - 1] + "…"


def render_text(compiled: CompiledSpec) -> str:
    """A text table: message number, type, typing start, appearance, text."""
    header = ("#", "type", "typing", "shown", "text")
    rows = [header, *(_cells(row) for row in compiled.timeline)]
    legend = "* delay written in the spec\n" if any(r.explicit for r in compiled.timeline) else ""
    return f"{compiled.name}\n" + _table(rows) + legend


def _cells(row: TimelineRow) -> tuple[str, ...]:
    shown = _ms(row.shown_at_ms) + (" *" if row.explicit else "")
    return (str(row.index + 1), row.type, _ms(row.typing_start_ms), shown, _short(row.text))


def _table(rows: Sequence[tuple[str, ...]]) -> str:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]) - 1)]
    lines = []
    for row in rows:
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
        lines.append("  ".join([*cells, row[-1]]).rstrip())
    return "\n".join(lines) + "\n"
