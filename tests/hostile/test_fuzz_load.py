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
    # a file that does not decode has no text: its findings count lines in the bytes
    source = loaded.text or (text if isinstance(text, str) else text.decode("latin-1"))
    lines = source.split("\n")
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


def _plain_agrees(text: str, max_depth: int = 100) -> None:
    """``plain_documents`` (the fast path's loader) either declines or gives exactly the
    full loader's data, for text on which the full loader reports nothing."""
    from spec_compiler.loader import Limits
    from spec_compiler.yaml12 import plain_documents

    plain = plain_documents(text, max_depth)
    if plain is None:
        return
    loaded = load_text(text, "fuzz.yaml", Limits(max_depth=max_depth))
    assert loaded.diagnostics == [], (text, plain)
    full = [doc.data for doc in loaded.documents]
    assert repr(full) == repr(plain), text


@settings(max_examples=600, deadline=None)
@given(YAMLISH)
def test_plain_documents_agree_with_the_loader_on_yamlish_text(text: str) -> None:
    _plain_agrees(text)


@settings(max_examples=300, deadline=None)
@given(JSON_VALUES, st.sampled_from([None, True, False]), st.integers(1, 6))
def test_plain_documents_agree_with_the_loader_on_dumped_values(
        value: object, flow: bool | None, depth: int) -> None:
    import yaml

    _plain_agrees(yaml.safe_dump(value, default_flow_style=flow, allow_unicode=True))
    _plain_agrees(json.dumps(value))
    _plain_agrees(yaml.safe_dump(value), max_depth=depth)


def test_plain_documents_decline_what_the_loader_reports() -> None:
    from spec_compiler.yaml12 import plain_documents

    for text in ["a: 1\na: 2\n", "a: &x 1\nb: *x\n", "<<: {a: 1}\n", "1: a\n", "!t x\n",
                 "a: !!int x\n", "", "---\n", "a: [\n", "[[[1]]]\n", "? [a]\n: 1\n"]:
        assert plain_documents(text, 2) is None, text
    assert plain_documents("a: 'x'\nb: yes\nc: 0930\n---\n- 1.5\n", 100) == [
        {"a": "x", "b": "yes", "c": 930}, [1.5]]
