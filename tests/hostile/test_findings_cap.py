"""A file's report stops at ``limits.max-findings`` (LINT001), and a file with far more
findings stops being linted early: bounded time and memory, the first findings by
position, the exit code of every finding shown."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from hypothesis import given, settings
from hypothesis import strategies as st

from spec_compiler import engine
from spec_compiler.cli import cli
from spec_compiler.config import DEFAULT_CONFIG, Config
from spec_compiler.diagnostics import Diagnostic, sort_key
from spec_compiler.engine import Budget, lint_loaded
from spec_compiler.loader import load_text
from spec_compiler.validation import SchemaValidator

#: three findings a message: SCHEMA001 (text), MSG001 (unknown field), SCHEMA003 (role)
FAULTY = {"type": "chat", "text": 123, "bogus": 1, "role": "x"}
#: one warning a message: MSG002 (no role)
ROLELESS = {"type": "chat", "text": "hi"}


def limited(n: int) -> Config:
    return DEFAULT_CONFIG._replace(limit_values={"max_findings": n})


def lint(data: Any, config: Config = DEFAULT_CONFIG, name: str = "f.json") -> list[Diagnostic]:
    return sorted(lint_loaded(load_text(json.dumps(data), name), config=config), key=sort_key)


def codes(diags: list[Diagnostic]) -> list[str]:
    return [d.code for d in diags]


@pytest.mark.parametrize(("items", "limit"), [(1, 3), (4, 12), (2, 6), (3, 9), (5, 100)])
def test_a_file_within_the_limit_is_reported_whole(items: int, limit: int) -> None:
    data = [FAULTY] * items
    assert lint(data, limited(limit)) == lint(data, limited(10**6))
    assert "LINT001" not in codes(lint(data, limited(limit)))


@pytest.mark.parametrize(("items", "limit", "hidden"), [
    (2, 5, 1), (4, 10, 2), (4, 2, 10), (10, 29, 1), (10, 7, 23), (10, 5, 25),
])
def test_the_first_findings_by_position_and_a_count_of_the_rest(
        items: int, limit: int, hidden: int) -> None:
    whole = lint([FAULTY] * items, limited(10**6))
    cut = lint([FAULTY] * items, limited(limit))
    assert cut[:-1] == whole[:limit]
    summary = cut[-1]
    assert summary.code == "LINT001"
    # at the first finding left out, as severe as the worst of them
    first_hidden = whole[limit]
    assert (summary.line, summary.column) == (first_hidden.line, first_hidden.column)
    assert summary.severity == "error"
    left_out = whole[limit:]
    errors = sum(d.severity == "error" for d in left_out)
    warnings = len(left_out) - errors
    s = "s" if hidden != 1 else ""
    parts = [f"{n} {sev}{'s' if n != 1 else ''}"
             for sev, n in (("error", errors), ("warning", warnings)) if n]
    assert summary.message == (
        f"{hidden} more finding{s} not shown ({', '.join(parts)}): a file's report stops "
        f"at {limit} findings (limits.max-findings)")


def test_hidden_warnings_only_keep_the_exit_code_of_warnings() -> None:
    cut = lint([ROLELESS] * 8, limited(5))
    assert codes(cut) == ["MSG002"] * 5 + ["LINT001"]
    assert cut[-1].severity == "warning"
    assert cut[-1].message.startswith("3 more findings not shown (3 warnings)")


def test_a_file_with_far_more_stops_early_and_says_at_least() -> None:
    limit = 10
    whole = lint([FAULTY] * 200, limited(10**6))
    cut = lint([FAULTY] * 200, limited(limit))
    # every rule finds in document order: the first by position are still the first
    assert cut[:-1] == whole[:limit]
    summary = cut[-1]
    assert summary.code == "LINT001" and summary.severity == "error"
    assert summary.message.startswith("at least ")
    assert "found before its lint stopped early" in summary.message
    shown_at_least = int(summary.message.split()[2])
    assert limit < shown_at_least + limit < len(whole)


def test_warnings_only_stopped_early_are_still_a_warning() -> None:
    cut = lint([ROLELESS] * 500, limited(10))
    assert cut[-1].code == "LINT001" and cut[-1].severity == "warning"
    # the rule was asked for twice the limit and one more
    assert cut[-1].message.startswith("at least 11 more findings not shown (11 warnings found")


def test_a_cut_with_nothing_but_schema_faults_left_counts_them_as_errors() -> None:
    # 2,000 messages with two schema faults each: the schema faults stop being collected
    cut = lint([{"text": 1, "role": "x"}] * 2000, limited(10))
    assert cut[-1].code == "LINT001" and cut[-1].severity == "error"


class Counting:
    """Wraps ``SchemaValidator.errors``: how many messages each call was given."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.sizes: list[int] = []
        original = SchemaValidator.errors

        def errors(validator: SchemaValidator, data: Any) -> Any:
            messages = data if isinstance(data, list) else (
                data.get("messages") or data.get("actions") or [data]
                if isinstance(data, dict) else [data])
            self.sizes.append(len(messages))
            return original(validator, data)

        monkeypatch.setattr(SchemaValidator, "errors", errors)


@pytest.mark.parametrize("document", [
    [FAULTY] * 20_000,
    {"contact": {"profile": {"name": "x"}}, "messages": [FAULTY] * 20_000},
    {"type": "chat", "text": "hi", "role": "bot", "actions": [{"text": 1, "a": 1}] * 20_000},
    {"kind": "messages", "conversation": "590bd49f458b716046347f47",
     "messages": [FAULTY] * 20_000},
], ids=["message-list", "conversation", "actions", "spec"])
def test_a_fault_in_each_of_20000_items_validates_only_the_first_parts(
        document: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    counting = Counting(monkeypatch)
    name = "f.yaml" if isinstance(document, dict) and "kind" in document else "f.json"
    cut = lint(document, limited(10), name)
    assert len(cut) == 11 and cut[-1].code == "LINT001"
    assert cut[-1].message.startswith("at least ")
    # the compiled validator collects every error of what it is given: it was never
    # given the 20,000 items, only parts of them until the budget was spent
    assert counting.sizes and max(counting.sizes) <= engine.CHUNK
    assert sum(counting.sizes) <= 4 * engine.CHUNK


def test_the_configured_limit_comes_from_the_limits_table(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "spec-compiler.toml").write_text("[limits]\nmax-findings = 4\n",
                                                 encoding="utf-8")
    (tmp_path / "many.json").write_text(json.dumps([FAULTY] * 3), encoding="utf-8")
    result = run_cli("lint", "--no-cache", "--format", "json", "many.json")
    assert result.exit_code == 1
    found = json.loads(result.stdout)["diagnostics"]
    assert [d["code"] for d in found][-1] == "LINT001"
    assert len(found) == 5
    assert found[-1]["message"].startswith("5 more findings not shown (3 errors, 2 warnings)")


def test_ignoring_lint001_hides_the_count_not_the_cut(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "spec-compiler.toml").write_text(
        'ignore = ["LINT001"]\n[limits]\nmax-findings = 2\n', encoding="utf-8")
    (tmp_path / "many.json").write_text(json.dumps([ROLELESS] * 3), encoding="utf-8")
    result = run_cli("lint", "--no-cache", "--format", "json", "many.json")
    assert [d["code"] for d in json.loads(result.stdout)["diagnostics"]] == ["MSG002"] * 2


def run_cli(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


# ---------------------------------------------------------------- split validation


_ACTION = st.one_of(
    st.just({"type": "reply", "text": "yes"}),
    st.just({"type": "link", "text": "open", "uri": "https://example.org"}),
    st.fixed_dictionaries({"type": st.sampled_from(["reply", "bogus", 1]),
                           "text": st.sampled_from(["a", 1, None])}),
    st.sampled_from(["s", 1, None, []]),
)
_MESSAGE = st.one_of(
    st.fixed_dictionaries(
        {"type": st.sampled_from(["chat", "card", "bogus", 1]),
         "text": st.sampled_from(["hi", 1, None, ""])},
        optional={"actions": st.lists(_ACTION, max_size=6),
                  "meta": st.fixed_dictionaries(
                      {}, optional={"users": st.lists(st.sampled_from(["u", 1]), max_size=5)}),
                  "role": st.sampled_from(["agent", "x"]),
                  "bogus": st.just(1)}),
    st.sampled_from([1, "s", None, []]),
)
_DOCUMENTS = st.one_of(
    st.tuples(st.just("message"), _MESSAGE),
    st.tuples(st.just("message-list"), st.lists(_MESSAGE, min_size=1, max_size=8)),
    st.tuples(st.just("conversation"), st.fixed_dictionaries({
        "contact": st.sampled_from([{"profile": {"name": "x"}}, {}, 1]),
        "messages": st.lists(_MESSAGE, min_size=1, max_size=8)})),
)


@settings(max_examples=150, deadline=None)
@given(document=_DOCUMENTS, chunk=st.integers(1, 3))
def test_split_validation_finds_what_one_validation_finds(document: tuple[str, Any],
                                                          chunk: int) -> None:
    name, data = document
    whole = engine._validate(name, data)
    before = engine.CHUNK
    engine.CHUNK = chunk
    try:
        split = engine._validate(name, data, budget=Budget(10**6))
    finally:
        engine.CHUNK = before

    def key(e: Any) -> tuple[str, str, str]:
        return (e.pointer, e.keyword, e.message)

    assert sorted(map(key, split)) == sorted(map(key, whole))


def _diag(line: int, severity: Any) -> Diagnostic:
    return Diagnostic(file="f.json", line=line, column=1, code="MSG002", severity=severity,
                      message="m", rule="r")


@pytest.mark.parametrize(("severities", "missed", "worst", "opening"), [
    (["info", "info", "info"], None, "info", "1 more finding not shown (1 info)"),
    (["error", "info", "warning"], None, "warning", "1 more finding not shown (1 warning)"),
    (["info", "info", "info"], "warning", "warning", "at least 1 more finding not shown"),
    (["warning", "info", "info", "info"], "error", "error",
     "at least 2 more findings not shown (2 infos found"),
    ([], "error", "error", "more findings may not be shown: this file's lint stopped early"),
    (["info"], "warning", "warning", "more findings may not be shown"),
])
def test_the_count_is_as_severe_as_the_worst_it_hides(
        severities: list[Any], missed: Any, worst: str, opening: str) -> None:
    diags = [_diag(i + 1, sev) for i, sev in enumerate(severities)]
    out = engine._cut(diags, 2, missed, file="f.json")
    summary = out[-1]
    assert out[:-1] == diags[:2]
    assert (summary.code, summary.severity) == ("LINT001", worst)
    assert summary.message.startswith(opening)
    # at the first finding left out, else at the last shown, else at the file's start
    assert summary.line == (3 if len(diags) > 2 else len(diags) or 1)
