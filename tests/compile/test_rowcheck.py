"""The row checker reports exactly the errors a full lint of every row reports."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from spec_compiler.compiler import CompileError, SpecPlan
from spec_compiler.config import parse_config
from spec_compiler.loader import load_text

SPECS: dict[str, str] = {
    "sms": """\
kind: conversation
vars:
  name: {type: string}
  phone: {type: string}
  sender: {type: string}
  url: {type: string}
organization: 5c7574c78ae07962b12e264c
contact: {profile: {name: "{{ name }}", telephone: "{{ phone }}"}}
defaults: {touchpoint: sms}
messages:
  - text: "Hi {{ name }}, your car is ready."
    meta: {SenderID: "{{ sender }}"}
  - text: "Plan it:"
    actions: [{type: link, text: Go, uri: "{{ url }}"}]
  - {type: command, text: /leave, delay: 9000}
""",
    "messages": """\
kind: messages
vars:
  body: {type: string}
  command: {type: string}
  ns: {type: string}
messages:
  - text: "{{ body }}"
    touchpoint: whatsapp
    meta: {namespace: "{{ ns }}", elementName: car_ready}
  - type: command
    text: "{{ command }}"
""",
}

TEXT = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["/assign", "/leave", "Reply STOP", "Tims Truckshop", "Tims", "12345",
                     "ftp://x.org", "https://e.org/?id={authuser}", "+31646280994",
                     "0646280994", "56cca706_4162_b9be_fc60_13623ff73b1e", "x" * 1700]),
)


TEACH: dict[str, str] = {"name": "Anna", "phone": "+31612345678", "sender": "Tims",
                         "url": "https://e.org/w?id={authuser}&token={authtoken}",
                         "body": "Ready", "command": "/leave",
                         "ns": "56cca706_4162_b9be_fc60_13623ff73b1e", "due_date": "2024-06-01"}


def errors_both_ways(spec: str, values: dict[str, Any]) -> tuple[list[str], list[str]]:
    doc = load_text(spec, "spec.yaml").documents[0]
    plan = SpecPlan(doc)
    checker = plan.row_checker()
    first = plan.build(plan.resolve({k: TEACH[k] for k in values}))
    assert not checker.errors(plan.row_data(first))  # a clean first row teaches the checker
    try:
        compiled = plan.build(plan.resolve(values))
    except CompileError:
        return [], []
    fast = sorted(d.render() for d in checker.errors(plan.row_data(compiled)))
    full = sorted(d.render() for d in plan.validate(compiled) if d.severity == "error")
    return fast, full


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(sorted(SPECS)), st.data())
def test_row_checker_agrees_with_full_lint(name: str, data: st.DataObject) -> None:
    spec = SPECS[name]
    doc = load_text(spec, "spec.yaml").documents[0]
    values = {k: data.draw(TEXT, label=k) for k in doc.data["vars"]}
    fast, full = errors_both_ways(spec, values)
    assert fast == full


def test_row_checker_catches_a_rule_error_a_variable_causes() -> None:
    values = {"body": "hi", "command": "/assign", "ns": TEACH["ns"]}
    fast, full = errors_both_ways(SPECS["messages"], values)
    assert any("CMD003" in e for e in fast)
    assert fast == full


def test_examples_agree(tmp_path: Path) -> None:
    spec = (Path(__file__).parents[2] / "examples" / "bulk-campaign.yaml").read_text()
    fast, full = errors_both_ways(spec, {"name": "x" * 1700, "phone": "+31646280994",
                                         "due_date": "2024-06-01"})
    assert fast == full and any("SMS007" in e for e in fast)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(sorted(SPECS)), st.data())
def test_any_sequence_of_rows_agrees(name: str, data: st.DataObject) -> None:
    doc = load_text(SPECS[name], "spec.yaml").documents[0]
    plan = SpecPlan(doc)
    checker = plan.row_checker()
    for _ in range(3):
        values = {k: data.draw(TEXT, label=k) for k in doc.data["vars"]}
        try:
            compiled = plan.build(plan.resolve(values))
        except CompileError:
            continue
        fast = sorted(d.render() for d in checker.errors(plan.row_data(compiled)))
        full = sorted(d.render() for d in plan.validate(compiled) if d.severity == "error")
        assert fast == full


def _learned(spec: str, config: Any = None) -> tuple[SpecPlan, Any]:
    plan = SpecPlan(load_text(spec, "spec.yaml").documents[0])
    checker = plan.row_checker(config=config)
    teach = {k: TEACH[k] for k in plan.doc.data["vars"]}
    assert not checker.errors(plan.row_data(plan.build(plan.resolve(teach))))
    return plan, checker


@pytest.mark.parametrize("name", sorted(SPECS))
def test_rows_are_put_to_a_certificate(name: str) -> None:
    # the differential tests above go through it: every rule these specs run again has
    # a QUIET condition
    _, checker = _learned(SPECS[name])
    assert checker._codes and checker._quiet is not None


# SMS005 raised to an error with one segment at most: a 200-character SMS text is over it
STRICT = parse_config({"severity": {"SMS005": "error"},
                       "rules": {"sms-segments": {"max-segments": 1}}})


def test_a_rule_with_options_keeps_rows_off_the_certificate() -> None:
    # QUIET conditions are stated for the defaults (three segments): the certificate would
    # accept this row
    plan, checker = _learned(SPECS["sms"], STRICT)
    assert "SMS005" in checker._codes and checker._quiet is None
    values = {k: TEACH[k] for k in plan.doc.data["vars"]}
    compiled = plan.build(plan.resolve({**values, "name": "x" * 200}))
    fast = sorted(d.render() for d in checker.errors(plan.row_data(compiled)))
    full = sorted(d.render() for d in plan.validate(compiled, config=STRICT)
                  if d.severity == "error")
    assert fast == full and any("SMS005" in e for e in fast)
