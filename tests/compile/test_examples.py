"""Every example recompiles to its checked-in golden output, byte for byte."""

from __future__ import annotations

import json
import shutil
import subprocess
from io import StringIO
from pathlib import Path
from typing import Any

import pytest

from spec_compiler.compile_cmd import CompileOptions, run
from spec_compiler.validation import get_validator

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
SPECS = sorted(EXAMPLES.glob("*.yaml"))
VARS = EXAMPLES / "example-vars.json"
BULK = [s for s in SPECS if s.with_suffix(".rows.csv").exists()]


def _run(options: CompileOptions) -> tuple[int, str, str]:
    out, err = StringIO(), StringIO()
    code = run(options, out, err)
    return code, out.getvalue(), err.getvalue()


def test_there_are_ten_examples() -> None:
    assert len(SPECS) == 10 and len(BULK) == 1


@pytest.mark.parametrize("spec", SPECS, ids=[s.stem for s in SPECS])
def test_example_lints_clean(spec: Path) -> None:
    from spec_compiler.engine import lint_loaded
    from spec_compiler.loader import load_path

    assert [d.render() for d in lint_loaded(load_path(spec))] == []


def test_goldens_are_fresh() -> None:
    """What CI runs: ``compile examples/*.yaml --vars … --out-dir examples/compiled --check``."""
    options = CompileOptions(
        specs=tuple(SPECS), vars_file=VARS, out_dir=EXAMPLES / "compiled", check=True
    )
    assert _run(options) == (0, "", "")


@pytest.mark.parametrize("spec", SPECS, ids=[s.stem for s in SPECS])
def test_each_golden_byte_for_byte(spec: Path) -> None:
    code, _out, err = _run(CompileOptions(specs=tuple(SPECS), vars_file=VARS))
    assert code == 0, err
    golden = (EXAMPLES / "compiled" / f"{spec.stem}.json").read_text(encoding="utf-8")
    requests = json.loads(golden)
    assert golden in _single(spec)
    schema = "conversation" if requests[0]["path"] == "/v2/conversations" else "message"
    assert all(get_validator(schema).is_valid(r["body"]) for r in requests)


def _single(spec: Path) -> str:
    declared = set(json.loads(VARS.read_text()))
    from spec_compiler.loader import load_path

    wanted = set(load_path(spec).documents[0].data.get("vars", {}))
    values = {k: v for k, v in json.loads(VARS.read_text()).items() if k in wanted & declared}
    code, out, err = _run(
        CompileOptions(specs=(spec,), var=tuple(f"{k}={v}" for k, v in values.items()))
    )
    assert code == 0, err
    return out


@pytest.mark.parametrize("spec", BULK, ids=[s.stem for s in BULK])
def test_bulk_golden(spec: Path) -> None:
    rows = spec.with_suffix(".rows.csv")
    options = CompileOptions(specs=(spec,), rows=rows, out_dir=EXAMPLES / "compiled", check=True)
    assert _run(options) == (0, "", "")
    code, out, _ = _run(CompileOptions(specs=(spec,), rows=rows))
    assert code == 0
    assert out == (EXAMPLES / "compiled" / f"{spec.stem}.jsonl").read_text(encoding="utf-8")


@pytest.mark.skipif(shutil.which("curl") is None, reason="curl is not installed")
def test_curl_script_of_an_example_posts_its_bodies(
    server: tuple[str, list[dict[str, Any]]], tmp_path: Path
) -> None:
    api, seen = server
    spec = EXAMPLES / "follow-up.yaml"
    script = tmp_path / "follow-up.sh"
    options = CompileOptions(
        specs=(spec,),
        vars_file=None,
        var=("conversation=590bd49f458b716046347f47", "name=Anna"),
        format="curl",
        output=script,
    )
    assert _run(options)[0] == 0
    assert script.stat().st_mode & 0o100  # executable
    done = subprocess.run(
        ["bash", str(script)],
        env={"PATH": "/usr/bin:/bin", "WEB1ON1_API": api, "WEB1ON1_TOKEN": "secret-token"},
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert done.returncode == 0, done.stderr
    assert "secret-token" not in script.read_text()
    golden = json.loads(_run(CompileOptions(specs=(spec,), var=options.var))[1])
    assert [(r["method"], r["path"]) for r in seen] == [(g["method"], g["path"]) for g in golden]
    for record, request in zip(seen, golden, strict=False):
        assert record["headers"]["Authorization"] == "Bearer secret-token"
        body = json.loads(record["body"])
        assert body == request["body"]
        assert get_validator("message").is_valid(body)
