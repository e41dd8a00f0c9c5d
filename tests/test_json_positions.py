"""JsonLocator walks the text along the pointer; it must place every pointer exactly
where the whole-text scanner it replaced did (kept here as the reference: it
tokenised the text in Python, ~100 µs a file)."""

from __future__ import annotations

import json
import re
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from spec_compiler.pointer import split
from spec_compiler.positions import JsonLocator

_TOKEN = re.compile(r'\s*(?:("(?:[^"\\]|\\.)*")|([{}\[\]:,])|([^\s{}\[\]:,"]+))', re.S)


def _reference_spans(text: str) -> dict[str, tuple[tuple[int, int] | None, tuple[int, int]]]:
    """Every pointer's (key span, value span), by the scanner of spec-compiler <= 0.1."""
    spans: dict[str, tuple[tuple[int, int] | None, tuple[int, int]]] = {}
    stack: list[list[Any]] = []
    pos, pending_key_span = 0, None
    for m in _TOKEN.finditer(text):
        if m.start(0) != pos:
            break
        pos = m.end(0)
        string, punct = m.group(1), m.group(2)
        start = m.start(1) if string else (m.start(2) if punct else m.start(3))
        if punct in (":", ","):
            continue
        if stack and stack[-1][1] and stack[-1][3] is None and string is not None:
            stack[-1][3] = json.loads(string)
            pending_key_span = (start, m.end(1))
            continue
        if punct in ("]", "}"):
            ptr, _, _, _, key_span, begin = stack.pop()
            spans[ptr] = (key_span, (begin, m.end(2)))
            continue
        key_span = None
        if stack:
            top = stack[-1]
            if top[1]:
                token = str(top[3])
                top[3] = None
                key_span, pending_key_span = pending_key_span, None
            else:
                token = str(top[2])
                top[2] += 1
            ptr = top[0] + "/" + token.replace("~", "~0").replace("/", "~1")
        else:
            ptr = ""
        if punct in ("[", "{"):
            stack.append([ptr, punct == "{", 0, None, key_span, start])
        else:
            spans[ptr] = (key_span, (start, m.end(1) if string else m.end(3)))
    return spans


def _offset_span(text: str, line: int, column: int) -> int:
    return sum(len(x) + 1 for x in text.split("\n")[: line - 1]) + column - 1


_KEYS = st.text(alphabet=st.sampled_from(list("ab/~\"\\ é\n0")), max_size=4)
_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False)
    | st.text(alphabet=st.sampled_from(list('xy"\\{}[]:, \n/é')), max_size=6),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_KEYS, inner, max_size=4),
    max_leaves=25,
)


def _pointers(value: Any, prefix: str = "") -> list[str]:
    out = [prefix]
    if isinstance(value, dict):
        for k, v in value.items():
            out += _pointers(v, prefix + "/" + k.replace("~", "~0").replace("/", "~1"))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out += _pointers(v, f"{prefix}/{i}")
    return out


@settings(max_examples=400, deadline=None)
@given(value=_VALUES, indent=st.sampled_from([None, 0, 1, 2, "\t"]),
       separators=st.sampled_from([None, (",", ":"), (" , ", " : ")]),
       ascii=st.booleans())
def test_every_pointer_is_where_the_reference_scanner_put_it(
        value: Any, indent: Any, separators: Any, ascii: bool) -> None:
    text = json.dumps(value, indent=indent, separators=separators, ensure_ascii=ascii)
    reference = _reference_spans(text)
    locator = JsonLocator(text)
    pointers = _pointers(value)
    missing = [p + "/zz" for p in pointers] + [p + "/0" for p in pointers] + [
        p + "/01" for p in pointers]
    for pointer in pointers + missing:
        tokens = split(pointer)
        while "".join("/" + t.replace("~", "~0").replace("/", "~1") for t in tokens) \
                not in reference:
            tokens.pop()
        known = "".join("/" + t.replace("~", "~0").replace("/", "~1") for t in tokens)
        key_span, value_span = reference[known]
        for key in (False, True):
            span = locator.locate(pointer, key=key)
            start, end = key_span if key and key_span else value_span
            assert (_offset_span(text, span.line, span.column),
                    _offset_span(text, span.end_line, span.end_column)) == (start, end)
        written = text[value_span[0]:value_span[1]]
        expected_raw = None if known != pointer or written[:1] in "[{" else written
        assert locator.raw(pointer) == expected_raw


def test_a_repeated_key_is_found_at_its_last_occurrence() -> None:
    text = '{"a": 1, "b": {"c": 2}, "a": [3, 4]}'
    locator = JsonLocator(text)
    span = locator.locate("/a/1")
    assert text[span.column - 1:span.end_column - 1] == "4"
    assert locator.locate("/a", key=True).column == text.rindex('"a"') + 1
    assert locator.raw("/b/c") == "2"


def test_text_that_stops_being_json_ends_the_walk() -> None:
    text = '{"a": {"b": 1, "c": [1, 2'
    locator = JsonLocator(text)
    assert locator.raw("/a/b") == "1"
    assert locator.raw("/a/c/1") == "2"  # as far as it goes, it is JSON
    # an unclosed container spans the character that opens it
    opens = text.index("[") + 1
    assert locator.locate("/a/c/5")[1:] == locator.locate("/a/c")[1:] == (opens, 1, opens + 1)
    assert locator.raw("/a/c") is None and locator.raw("/a/zz") is None
    assert JsonLocator("").locate("/x") == JsonLocator("  ").locate("") == (1, 1, 1, 1)
