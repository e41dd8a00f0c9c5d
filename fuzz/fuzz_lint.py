"""Coverage-guided fuzzing of load + lint + compile with atheris (for long local runs).

    pip install atheris
    python fuzz/fuzz_lint.py -max_total_time=600 fuzz/corpus

Any exception other than our own findings is a bug: atheris stops and writes the input
that caused it (crash-*) to the working directory. Seed the corpus with examples/ and
tests/fixtures/ files for a head start.
"""

from __future__ import annotations

import contextlib
import sys

import atheris

with atheris.instrument_imports():
    from spec_compiler.engine import lint_loaded
    from spec_compiler.loader import load_text


def one_input(data: bytes) -> None:
    """Load, lint and (for specs) compile one input; only findings may come out."""
    fdp = atheris.FuzzedDataProvider(data)
    as_json = fdp.ConsumeBool()
    raw = fdp.ConsumeBytes(fdp.remaining_bytes())
    name = "fuzz.json" if as_json else "fuzz.yaml"
    loaded = load_text(raw, name)
    diagnostics = lint_loaded(loaded)
    lines = max(raw.count(b"\n") + raw.count(b"\r") + 2, 2)
    for d in diagnostics:
        if not (1 <= d.line <= lines and d.column >= 1):
            raise AssertionError(f"position outside the file: {d.render()}")
    _compile_specs(loaded)


def _compile_specs(loaded: object) -> None:
    from spec_compiler.compiler import CompileError, compile_document, example_values

    for doc in getattr(loaded, "documents", []):
        if doc.kind == "spec":
            with contextlib.suppress(CompileError):
                compile_document(doc, example_values(doc.data))


def main() -> None:
    """Entry point for atheris."""
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
