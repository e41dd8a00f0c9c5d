"""Everything works with the network blocked, and nothing ever tries to use it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from spec_compiler.cli import cli

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"


def run(*args: str) -> Any:
    result = CliRunner().invoke(cli, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result


def test_lint_offline(no_network: list[Any]) -> None:
    result = run("lint", "--format", "json", str(EXAMPLES), str(REPO / "tests/fixtures"))
    assert json.loads(result.stdout)["summary"]["files"] > 20


def test_compile_offline(no_network: list[Any], tmp_path: Path) -> None:
    specs = sorted(str(p) for p in EXAMPLES.glob("*.yaml"))
    result = run("compile", *specs, "--vars", str(EXAMPLES / "example-vars.json"),
                 "--out-dir", str(tmp_path), "--format", "curl")
    assert result.exit_code == 0, result.output
    assert len(list(tmp_path.iterdir())) == len(specs)


def test_schema_export_offline(no_network: list[Any], tmp_path: Path) -> None:
    assert run("schema", "export", str(tmp_path)).exit_code == 0
    assert (tmp_path / "message.schema.json").is_file()


def test_docs_offline(no_network: list[Any], tmp_path: Path) -> None:
    assert run("docs", str(EXAMPLES), "--out-dir", str(tmp_path / "site")).exit_code == 0
    assert run("docs", str(EXAMPLES), "--out-dir", str(tmp_path / "md"),
               "--format", "markdown").exit_code == 0


def test_remote_ref_in_a_spec_is_a_finding_not_a_download(
        no_network: list[Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_text(
        "kind: messages\n"
        "vars:\n"
        "  phone: {$ref: 'https://schemas.example.org/phone.json'}\n"
        "messages:\n"
        "  - text: 'Call {{ phone }}'\n"
    )
    monkeypatch.chdir(tmp_path)
    result = run("lint", "--format", "json", str(spec))
    codes = [d["code"] for d in json.loads(result.stdout)["diagnostics"]]
    assert codes == ["SPEC006"]
    result = run("compile", str(spec), "--var", "phone=+31646280994")
    assert result.exit_code == 1
