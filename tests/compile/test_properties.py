"""Hypothesis: compile output is deterministic and always validates against our schemas."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from spec_compiler.compile_cmd import CompileOptions, run
from spec_compiler.compiler import SpecPlan
from spec_compiler.loader import load_text
from spec_compiler.validation import get_validator

SPEC = """\
kind: conversation
vars:
  name: {type: string, minLength: 1, maxLength: 60}
  phone: {type: string, format: phone}
  note: {type: string, maxLength: 200}
organization: 5c7574c78ae07962b12e264c
contact:
  profile: {name: "{{ name }}", telephone: "{{ phone }}"}
messages:
  - text: "Hi {{ name }}!"
    touchpoint: web
  - text: "{{ note }}"
  - text: /leave
    type: command
"""

names = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=60).filter(
    lambda s: s.strip() != ""
)
phones = st.from_regex(r"\A\+[1-9][0-9]{7,13}\Z")
notes = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=200).filter(
    lambda s: s.strip() != ""
)


def _compile(spec: Path, values: dict[str, str], fmt: str = "json") -> tuple[int, str]:
    out, err = StringIO(), StringIO()
    var = tuple(f"{k}={v}" for k, v in values.items())
    code = run(CompileOptions(specs=(spec,), var=var, format=fmt), out, err)  # type: ignore[arg-type]
    return code, out.getvalue()


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(name=names, phone=phones, note=notes, fmt=st.sampled_from(["json", "jsonl", "curl", "http"]))
def test_same_inputs_give_identical_bytes(
    tmp_path: Path, name: str, phone: str, note: str, fmt: str
) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_text(SPEC)
    values = {"name": name, "phone": phone, "note": note}
    first = _compile(spec, values, fmt)
    assert first == _compile(spec, dict(reversed(list(values.items()))), fmt)


@settings(max_examples=50, deadline=None)
@given(name=names, phone=phones, note=notes)
def test_compiled_requests_validate(name: str, phone: str, note: str) -> None:
    plan = SpecPlan(load_text(SPEC, "spec.yaml").documents[0])
    compiled = plan.build(plan.resolve({"name": name, "phone": phone, "note": note}))
    body = compiled.requests[0].body
    assert get_validator("conversation").is_valid(json.loads(json.dumps(body)))
    assert body["contact"]["profile"] == {"name": name, "telephone": phone}
    assert body["messages"][1]["text"] == note  # values are never re-parsed or re-rendered
