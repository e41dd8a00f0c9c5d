"""Shared helpers for the docs tests: build a site from specs into a temporary folder."""

from __future__ import annotations

import io
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from spec_compiler.docs_cmd import DocsOptions, run

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"

Build = Callable[..., tuple[int, str, str]]


def build_site(specs: list[Path], out: Path, *, fmt: str = "html",
               vars_file: Path | None = None) -> tuple[int, str, str]:
    """Run ``spec-compiler docs``; returns (exit code, stdout, stderr)."""
    stdout, stderr = io.StringIO(), io.StringIO()
    options = DocsOptions(specs=tuple(specs), out_dir=out, format=fmt,  # type: ignore[arg-type]
                          vars_file=vars_file)
    code = run(options, stdout, stderr)
    return code, stdout.getvalue(), stderr.getvalue()


@pytest.fixture
def write_spec(tmp_path: Path) -> Callable[[str, str], Path]:
    """Write a spec file under ``tmp_path/specs``."""

    def write(name: str, text: str) -> Path:
        path = tmp_path / "specs" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    return write


@pytest.fixture(scope="session")
def examples_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of examples/ (the site is built from a copy, never in the repository)."""
    target = tmp_path_factory.mktemp("examples") / "examples"
    shutil.copytree(EXAMPLES, target)
    return target


@pytest.fixture(scope="session")
def examples_site(examples_copy: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The HTML site of examples/."""
    out = tmp_path_factory.mktemp("site") / "site"
    code, _, err = build_site([examples_copy], out)
    assert code == 0, err
    return out
