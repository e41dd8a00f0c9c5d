"""Pacing rules: delay order, commands in the same tick, overlapping typing (PACE001-003)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from spec_compiler.config import Config
from spec_compiler.engine import lint_data, lint_loaded
from spec_compiler.loader import load_text

PREFIXES = ("PACE",)
EXAMPLES = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "api-examples"

Found = list[tuple[int, int, str]]


def lint(src: str, name: str = "case.yaml") -> list[Any]:
    """Diagnostics of this family for ``src``."""
    return [d for d in lint_loaded(load_text(src, name), config=Config(select=PREFIXES))
            if d.code.startswith(PREFIXES)]


def found(src: str, name: str = "case.yaml") -> Found:
    """``(line, col, code)`` of each finding of this family."""
    return [(d.line, d.column, d.code) for d in lint(src, name)]


def msgs(*lines: str) -> str:
    """A message list, one flow mapping a line (line n is message n)."""
    return "".join(f"- {line}\n" for line in lines)


def spec(*lines: str, pacing: str = "") -> str:
    """A messages spec, message n on line n + 2 (+1 with ``pacing``)."""
    head = "kind: messages\n" + (f"pacing: {pacing}\n" if pacing else "") + "messages:\n"
    return head + "".join(f"  - {line}\n" for line in lines)


LONG = "This text is clearly longer than forty characters, so it types longer"

CASES = [
    # --- PACE001 decreasing delay
    pytest.param(msgs("{role: agent, text: A, delay: 3000}", "{role: agent, text: B, delay: 1000}"),
                 [(2, 33, "PACE001")], id="PACE001-lower"),
    pytest.param(msgs("{role: agent, text: A, delay: 3000}", "{role: agent, text: B}"),
                 [(2, 3, "PACE001")], id="PACE001-missing-is-zero"),
    pytest.param(msgs("{role: agent, text: A, delay: 3000}", "{role: agent, text: B, delay: 5000}",
                      "{role: agent, text: C, delay: 4000}"),
                 [(3, 33, "PACE001")], id="PACE001-against-max"),
    pytest.param(msgs("{role: agent, text: A, delay: 5000}", "{type: command, text: /leave, "
                      "delay: 3000}"),
                 [(2, 40, "PACE001")], id="PACE001-command"),
    pytest.param(msgs("{role: agent, text: A, delay: 1000}", "{role: agent, text: B, delay: 1000}"),
                 [(2, 33, "PACE003")], id="PACE001-ok-equal"),
    pytest.param(msgs("{role: agent, text: A}", "{role: agent, text: B, delay: 1000}",
                      "{role: agent, text: C, delay: 2000}"), [], id="PACE001-ok-increasing"),
    pytest.param(msgs("{role: agent, text: A, delay: 3000}", "{role: agent, text: B, delay: x}"),
                 [], id="PACE001-quiet-bad-delay"),
    pytest.param(spec("{text: A, delay: 3000}", "{text: B}"), [],
                 id="PACE001-spec-computed-delay-skipped"),
    pytest.param(spec("{text: A, delay: 3000}", "{text: B}", pacing="none"), [(5, 5, "PACE001")],
                 id="PACE001-spec-pacing-none"),
    pytest.param(spec("{text: A, delay: 3000}", "{text: B}", "{text: C, delay: 2000}"),
                 [(5, 22, "PACE001")], id="PACE001-spec-explicit"),
    # --- PACE002 command in the same tick
    pytest.param(msgs("{role: agent, text: A, touchpoint: sms}", "{type: command, text: /leave}"),
                 [(2, 3, "PACE002")], id="PACE002-no-delays"),
    pytest.param(msgs("{role: agent, text: A, delay: 2000}",
                      "{type: command, text: /leave, delay: 2000}"),
                 [(2, 40, "PACE002")], id="PACE002-same-delay"),
    pytest.param(
        "organization: aaa111111111111111111222\ncontact: {profile: {telephone: '+31646280994'}}\n"
        "messages:\n  - {role: agent, text: Hey there., touchpoint: sms}\n"
        "  - {role: agent, text: How are you?}\n  - {type: command, text: /leave}\n",
        [(6, 5, "PACE002")], id="PACE002-seed-without-delay"),
    pytest.param(msgs("{type: command, text: /accept}", "{role: agent, text: A, delay: 1000}",
                      "{type: command, text: /leave, delay: 3000}"), [], id="PACE002-ok-seed"),
    pytest.param(msgs("{type: command, text: /accept}", "{type: command, text: /join}"), [],
                 id="PACE002-ok-commands-only"),
    pytest.param(spec("{text: A}", "{type: command, text: /leave}"), [],
                 id="PACE002-ok-spec-paced"),
    pytest.param(spec("{text: A}", "{type: command, text: /leave}", pacing="none"),
                 [(5, 5, "PACE002")], id="PACE002-spec-pacing-none"),
    # --- PACE003 overlapping typing
    pytest.param(msgs("{role: agent, text: A, delay: 1000}", "{role: agent, text: B, delay: 1500}"),
                 [(2, 33, "PACE003")], id="PACE003-short"),
    pytest.param(msgs("{role: agent, text: A, delay: 2000}",
                      f"{{role: agent, text: {LONG}, delay: 3500}}"),
                 [(2, 101, "PACE003")], id="PACE003-long-text-2s"),
    pytest.param(msgs("{role: agent, text: A, delay: 1000}",
                      "{type: command, text: /x, delay: 1100}",
                      "{role: agent, text: B, delay: 1200}"),
                 [(3, 33, "PACE003")], id="PACE003-skips-commands"),
    pytest.param(msgs("{role: agent, text: A, delay: 1000}", "{role: agent, text: B, delay: 2000}"),
                 [], id="PACE003-ok-1s"),
    pytest.param(msgs("{role: agent, text: A, delay: 2000}",
                      f"{{role: agent, text: {LONG}, delay: 4000}}"),
                 [], id="PACE003-ok-long-2s"),
    pytest.param(msgs("{role: agent, text: A}", "{role: agent, text: B, delay: 500}"), [],
                 id="PACE003-ok-first-not-delayed"),
    pytest.param(msgs("{role: agent, text: A, delay: 1000}",
                      "{role: agent, text: B, delay: 1500, isBackchannel: true}"),
                 [], id="PACE003-ok-backchannel"),
    pytest.param(spec("{text: A}", "{text: B, delay: 500}"), [],
                 id="PACE003-ok-spec-previous-computed"),
    # YAML's infinities are no number of milliseconds: no pacing finding (the schema
    # reports them), and no crash converting them
    pytest.param(msgs("{role: agent, text: A, delay: 1000}", "{role: agent, text: B, delay: .inf}",
                      "{type: command, text: /leave, delay: .nan}"), [],
                 id="PACE-not-a-number"),
]


@pytest.mark.parametrize(("src", "expected"), CASES)
def test_findings(src: str, expected: Found) -> None:
    assert sorted(found(src)) == sorted(expected)


def test_messages() -> None:
    src = msgs("{role: agent, text: A, delay: 3000}", "{role: agent, text: B, delay: 1000}")
    assert [d.message for d in lint(src)] == [
        "delay 1000 is lower than the delay 3000 of message 1 before it; delays count from the "
        "request, so this message arrives first"]
    src = msgs("{role: agent, text: A}", "{type: command, text: /leave}")
    assert [d.message for d in lint(src)] == [
        "command '/leave' has no delay, like the messages before it; give it a larger delay "
        "(the seed uses 3000) so it is processed after them"]
    src = msgs("{role: agent, text: A, delay: 1000}", "{role: agent, text: B, delay: 1500}")
    assert [(d.message, d.severity) for d in lint(src)] == [
        ("typing indicator starts at 500 ms, before message 1 appears at 1000 ms; use a delay "
         "of at least 2000", "info")]


def test_rendered_requests_check_every_delay() -> None:
    src = spec("{text: A, delay: 3000}", "{text: B}")
    doc = load_text(src, "case.yaml").documents[0]
    rendered = [{"role": "agent", "text": "A", "delay": 3000},
                {"role": "agent", "text": "B", "delay": 1000}]
    diags = lint_data(rendered, kind="message-list", file="case.yaml", locator=doc.locator,
                      pointer_map=lambda p: "/messages" + p, config=Config(select=PREFIXES),
                      flags={"rendered": True})
    assert [(d.line, d.code) for d in diags] == [(4, "PACE001")]


def test_reuses_pacing_indicator_time() -> None:
    from spec_compiler import pacing
    from spec_compiler.rules import overlapping_typing

    assert overlapping_typing.indicator_ms is pacing.indicator_ms
    assert overlapping_typing.earliest_delay(LONG, 2000) == 4000
    assert overlapping_typing.earliest_delay("short", 2000) == 3000


def _examples() -> list[Path]:
    folder = EXAMPLES
    return sorted(folder.glob("*.json"))


@pytest.mark.parametrize("path", _examples(), ids=lambda p: p.name)
def test_api_examples_are_clean(path: Path) -> None:
    assert [d.render() for d in lint(path.read_text(encoding="utf-8"), path.name)] == []


#: message fields the pacing rules read, with values of every kind a payload may hold
_DELAYS = st.one_of(st.integers(-1000, 40_000), st.sampled_from([0, 1000, 2000, 3000]),
                    st.floats(allow_nan=True, allow_infinity=True), st.booleans(),
                    st.just("1000"), st.none())
_PACED = st.fixed_dictionaries({"role": st.just("agent")}, optional={
    "delay": _DELAYS,
    "type": st.sampled_from(["chat", "command", 3]),
    "text": st.sampled_from(["Hi", "/leave", "x" * 41, 7]),
    "isBackchannel": st.sampled_from([True, False, "true"]),
})


@settings(max_examples=400, deadline=None)
@given(st.lists(_PACED, max_size=6))
def test_each_pacing_invariant_holds_where_its_rule_finds_nothing(messages: list[Any]) -> None:
    """The certificates' ``x-delays`` ask ``pacing.INVARIANTS`` of a payload's messages
    as written: each must hold exactly where its rule finds nothing in them (holding
    where the rule finds something would certify a file with a finding)."""
    from spec_compiler.pacing import INVARIANTS
    from spec_compiler.positions import JsonLocator

    codes = {"never-decrease": "PACE001", "commands-later": "PACE002",
             "typing-apart": "PACE003"}
    found = {d.code for d in lint_data(messages, kind="message-list", file="case.json",
                                       locator=JsonLocator(json.dumps(messages)),
                                       config=Config(select=PREFIXES))}
    for name, holds in INVARIANTS.items():
        assert holds(messages) is (codes[name] not in found), name
        assert holds({"messages": messages}) is True  # not a list: nothing to compare


@pytest.mark.parametrize("messages", [[1], ["a", {"delay": 1}], [None]])
def test_a_pacing_invariant_declines_items_that_are_no_messages(messages: list[Any]) -> None:
    from spec_compiler.pacing import INVARIANTS

    assert not any(holds(messages) for holds in INVARIANTS.values())
