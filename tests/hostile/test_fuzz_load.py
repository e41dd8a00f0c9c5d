"""Hypothesis: the loader never raises and its findings are sorted and inside the file."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from spec_compiler.loader import load_text

YAMLISH = st.lists(
    st.sampled_from([
        "a", "b:", ": ", "- ", "[", "]", "{", "}", ",", "&x ", "*x", "!!str ", "!t ", "<<: ",
        "? ", "'", '"', "#", "\n", "  ", "---\n", "...\n", "|\n", ">-\n", "\t", "0930", "yes",
        "~", "\\u", "%YAML 1.2\n", "\x00", "é", "\ufeff",
    ]),
    max_size=60,
).map("".join)

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False)
    | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=30,
)


def check(text: str | bytes, name: str) -> None:
    loaded = load_text(text, name)
    lines = loaded.text.split("\n") if loaded.text else [""]
    keys = [(d.document, d.line, d.column, d.code) for d in loaded.diagnostics]
    assert keys == sorted(keys)
    for d in loaded.diagnostics:
        assert 1 <= d.line <= max(len(lines), 1) + 1, d.render()
        assert d.column >= 1
    again = load_text(text, name)
    assert [d.render() for d in again.diagnostics] == [d.render() for d in loaded.diagnostics]


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300))
def test_arbitrary_bytes(raw: bytes) -> None:
    check(raw, "fuzz.yaml")
    check(raw, "fuzz.json")


@settings(max_examples=400, deadline=None)
@given(YAMLISH)
def test_yamlish_text(text: str) -> None:
    check(text, "fuzz.yaml")


@settings(max_examples=200, deadline=None)
@given(JSON_VALUES)
def test_json_values_round_trip(value: object) -> None:
    text = json.dumps(value)
    loaded = load_text(text, "fuzz.json")
    assert not loaded.diagnostics or {d.code for d in loaded.diagnostics} <= {"YAML005"}
    if not loaded.diagnostics:
        assert loaded.documents[0].data == value
    check(json.dumps(value, indent=1), "fuzz.json")
