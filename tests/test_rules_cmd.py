"""Every rule documents itself; ``rules``, ``explain`` and ``docs/rules.md`` show it."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from spec_compiler.cli import cli
from spec_compiler.engine import lint_loaded
from spec_compiler.load_codes import LOAD_CODES
from spec_compiler.loader import load_text
from spec_compiler.rules import REGISTRY, load_rule
from spec_compiler.rules_cmd import (
    all_docs,
    explain,
    list_rules,
    parse_docstring,
    render_rules_markdown,
    rule_doc,
)

DOCS = Path(__file__).parent.parent / "docs" / "rules.md"
CODES = list(REGISTRY)


@pytest.mark.parametrize("code", CODES)
def test_module_contract(code: str) -> None:
    module = load_rule(code)
    assert code == module.CODE
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", module.NAME)
    assert module.SEVERITY in ("error", "warning", "info")
    assert isinstance(module.OPTIONS, dict)
    for name, option in module.OPTIONS.items():
        assert "default" in option and "description" in option, name
    summary, _, blocks = parse_docstring(module.__doc__ or "")
    assert summary, "docstring needs a one-line summary"
    assert blocks.get("Fails") and blocks.get("Passes"), "docstring needs Fails: and Passes:"


def test_codes_and_names_are_unique() -> None:
    names = [load_rule(c).NAME for c in CODES] + [c.name for c in LOAD_CODES.values()]
    assert len(names) == len(set(names))
    assert not set(REGISTRY) & set(LOAD_CODES)


def _codes_of(example: str, code: str) -> set[str]:
    filename = "example.json" if example.lstrip().startswith(("{", "[")) else "example.yaml"
    return {d.code for d in lint_loaded(load_text(example, filename))}


@pytest.mark.parametrize("code", CODES)
def test_fails_example_yields_its_code(code: str) -> None:
    doc = rule_doc(code)
    assert doc is not None
    assert code in _codes_of(doc.fails, code)


@pytest.mark.parametrize("code", CODES)
def test_passes_example_does_not(code: str) -> None:
    doc = rule_doc(code)
    assert doc is not None
    assert code not in _codes_of(doc.passes, code)


LITERAL_LOAD_EXAMPLES = ["YAML001", "YAML002", "YAML003", "YAML006", "YAML007", "SUP001"]


@pytest.mark.parametrize("code", LITERAL_LOAD_EXAMPLES)
def test_load_code_examples(code: str) -> None:
    info = LOAD_CODES[code]
    assert code in _codes_of(info.fails, code)
    assert code not in _codes_of(info.passes, code)


def test_list_text_has_every_code() -> None:
    out = io.StringIO()
    assert list_rules("text", out) == 0
    lines = out.getvalue().splitlines()
    assert len(lines) == len(REGISTRY) + len(LOAD_CODES)
    first = [line.split()[0] for line in lines]
    assert set(first) == set(REGISTRY) | set(LOAD_CODES)
    sms001 = next(line for line in lines if line.startswith("SMS001"))
    assert re.match(r"SMS001 +sender-id-format +error +\S", sms001)


def test_docstring_parts() -> None:
    summary, description, blocks = parse_docstring(
        """One line.

        More words.

        Fails (a remark):

        ```yaml
        text: a
        ```

        Passes:

            text: b
        """
    )
    assert (summary, description) == ("One line.", "More words.")
    assert blocks == {"Fails": "text: a", "Fails note": "a remark", "Passes": "text: b"}


def test_list_json() -> None:
    out = io.StringIO()
    list_rules("json", out)
    rows = json.loads(out.getvalue())
    sms005 = next(r for r in rows if r["code"] == "SMS005")
    assert sms005["name"] == "sms-segments" and sms005["severity"] == "warning"
    assert sms005["options"]["max-segments"]["default"] == 2
    assert {r["code"] for r in rows} == set(REGISTRY) | set(LOAD_CODES)


def test_list_markdown_is_the_reference() -> None:
    out = io.StringIO()
    list_rules("markdown", out)
    assert out.getvalue() == render_rules_markdown()


def test_explain() -> None:
    out = io.StringIO()
    assert explain("sms005", out) == 0
    text = out.getvalue()
    assert text.startswith("SMS005 sms-segments (default severity: warning)\n")
    assert "\nFails:\n" in text and "\nPasses:\n" in text
    assert "  max-segments (integer, default 2): " in text


def test_explain_by_name_and_load_codes() -> None:
    out = io.StringIO()
    assert explain("sender-id-format", out) == 0
    assert out.getvalue().startswith("SMS001 ")
    out = io.StringIO()
    assert explain("SUP001", out) == 0
    assert out.getvalue().startswith("SUP001 unused-suppression (default severity: warning)")


def test_explain_unknown_code() -> None:
    out, err = io.StringIO(), io.StringIO()
    assert explain("SMS0055", out, err) == 2
    assert out.getvalue() == ""
    assert (
        err.getvalue() == "spec-compiler: error: unknown rule 'SMS0055'; did you mean 'SMS005'?\n"
    )


def test_cli_commands() -> None:
    runner = CliRunner()
    assert runner.invoke(cli, ["rules"]).exit_code == 0
    result = runner.invoke(cli, ["explain", "NOPE999"])
    assert result.exit_code == 2
    assert "unknown rule 'NOPE999'" in result.stderr
    assert runner.invoke(cli, ["explain", "WA007"]).stdout.startswith("WA007 ")


def test_markdown_has_an_anchor_and_examples_per_code() -> None:
    text = render_rules_markdown()
    for doc in all_docs():
        assert f'<a id="{doc.code.lower()}"></a>' in text
        assert f"### {doc.code} `{doc.name}`" in text
    assert "| `max-segments` | integer | `2` |" in text


def test_docs_rules_md_is_up_to_date() -> None:
    assert DOCS.read_text("utf-8") == render_rules_markdown(), (
        "docs/rules.md is stale: run python -m spec_compiler.rules_cmd > docs/rules.md"
    )
