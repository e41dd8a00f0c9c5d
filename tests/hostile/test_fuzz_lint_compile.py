"""Hypothesis: load + lint + compile of arbitrary input raise nothing but our own errors."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from spec_compiler.compiler import CompileError, compile_document, example_values
from spec_compiler.diagnostics import sort_key
from spec_compiler.emitters import Item, render
from spec_compiler.engine import lint_loaded
from spec_compiler.loader import load_text

from .test_fuzz_load import JSON_VALUES, YAMLISH

KEYS = st.sampled_from([
    "kind", "vars", "defaults", "pacing", "messages", "text", "role", "type", "touchpoint",
    "delay", "meta", "actions", "items", "title", "payload", "uri", "url", "contact",
    "profile", "telephone", "email", "organization", "SenderID", "namespace", "elementName",
    "language", "contentType", "isBackchannel", "conversation", "name", "x",
])
SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(-5, 5000), st.text(max_size=12),
    st.sampled_from(["conversation", "messages", "agent", "bot", "sms", "whatsapp", "email",
                     "card", "command", "/leave", "/assign", "link", "reply", "postback",
                     "natural", "none", "{{ name }}", "Hi {{ name }}", "{{ count }}",
                     "https://e.org/{authuser}", "+31646280994", "Tims Truckshop"]),
)
STRUCTURED = st.recursive(
    SCALARS,
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(KEYS, children, max_size=6),
    max_leaves=40,
)
SPECISH = st.fixed_dictionaries(
    {"kind": st.sampled_from(["conversation", "messages"]),
     "messages": st.lists(st.dictionaries(KEYS, STRUCTURED, max_size=5), max_size=4)},
    optional={
        "vars": st.dictionaries(st.sampled_from(["name", "count"]),
                                st.sampled_from([{"type": "string"}, {"type": "integer"},
                                                 {"type": "string", "default": "Ann"}, {}])),
        "defaults": st.dictionaries(KEYS, STRUCTURED, max_size=3),
        "pacing": st.sampled_from(["natural", "none", {"ms_per_char": 10}, 5]),
        "contact": STRUCTURED, "organization": SCALARS,
    },
)


def lint_and_compile(text: str | bytes, name: str) -> list[str]:
    loaded = load_text(text, name)
    diags = sorted(lint_loaded(loaded), key=sort_key)
    lines = max(loaded.text.count("\n") + 2, 2)
    for d in diags:
        assert 1 <= d.line <= lines and d.column >= 1, d.render()
    out = [d.render() for d in diags]
    for doc in loaded.documents:
        if doc.kind != "spec":
            continue
        try:
            compiled = compile_document(doc, example_values(doc.data))
        except CompileError as exc:
            out.append(f"compile error: {exc}")
            continue
        items = [Item(compiled.name, r) for r in compiled.requests]
        for fmt in ("json", "curl", "http"):
            out.append(render(fmt, items))
    return out


def deterministic(text: str | bytes, name: str) -> None:
    assert lint_and_compile(text, name) == lint_and_compile(text, name)


SETTINGS = settings(max_examples=200, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@SETTINGS
@given(st.binary(max_size=200))
def test_bytes(raw: bytes) -> None:
    deterministic(raw, "fuzz.yaml")


@SETTINGS
@given(YAMLISH)
def test_yamlish(text: str) -> None:
    deterministic(text, "fuzz.yaml")


@SETTINGS
@given(JSON_VALUES)
def test_json_values(value: Any) -> None:
    deterministic(json.dumps(value), "fuzz.json")


@SETTINGS
@given(STRUCTURED)
def test_structured_payloads(value: Any) -> None:
    deterministic(json.dumps(value), "fuzz.json")


@SETTINGS
@given(SPECISH)
def test_spec_like_documents(spec: dict[str, Any]) -> None:
    deterministic(json.dumps(spec, indent=1), "fuzz.json")


def test_regression_action_type_is_a_list() -> None:
    # found by test_spec_like_documents: ACT009 hashed an action type that was a list
    spec = {"kind": "conversation", "messages": [{"actions": [{"type": []}]}]}
    deterministic(json.dumps(spec), "fuzz.json")


def test_regression_template_that_does_not_parse_is_a_compile_error() -> None:
    # found by a long run of test_spec_like_documents: TemplateError escaped SpecPlan
    spec = {"kind": "conversation", "messages": [{"kind": "{{"}]}
    assert any(line.startswith("compile error:")
               for line in lint_and_compile(json.dumps(spec), "fuzz.json"))
