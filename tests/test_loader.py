"""The loader: YAML 1.2 values, positions, duplicate keys, syntax errors, JSON."""

from __future__ import annotations

import pytest

from spec_compiler.loader import Limits, load_text


def codes(src: str, name: str = "case.yaml") -> list[tuple[int, int, str]]:
    return [(d.line, d.column, d.code) for d in load_text(src, name).diagnostics]


def data(src: str, name: str = "case.yaml") -> object:
    loaded = load_text(src, name)
    assert not loaded.diagnostics, [d.render() for d in loaded.diagnostics]
    return loaded.documents[0].data


@pytest.mark.parametrize(
    ("src", "expected"),
    [
        ("v: yes", "yes"),
        ("v: no", "no"),
        ("v: off", "off"),
        ("v: on", "on"),
        ("v: true", True),
        ("v: False", False),
        ("v: 0930", 930),
        ("v: '0930'", "0930"),
        ("v: 0o17", 15),
        ("v: 0x1F", 31),
        ("v: 010", 10),
        ("v: 1.5", 1.5),
        ("v: 1e3", 1000.0),
        ("v: ~", None),
        ("v: null", None),
        ("v:", None),
        ("v: 12:30", "12:30"),
        ("v: 2024-01-01", "2024-01-01"),
        ("v: !!str 12", "12"),
        ("v: !!int '7'", 7),
        ("v: +31646280994", 31646280994),
        ("v: '+31646280994'", "+31646280994"),
        ("v: .inf", float("inf")),
    ],
    ids=lambda v: repr(v),
)
def test_yaml_1_2_core_values(src: str, expected: object) -> None:
    assert data(src) == {"v": expected}


def test_json_file_keeps_surrogate_pair_escapes() -> None:
    assert data('{"text": "\\ud83c\\udf2e"}', "taco.json") == {"text": "\U0001f32e"}


def test_multi_document_indexes_and_positions() -> None:
    loaded = load_text("text: a\n---\ntext: b\n---\ntext: [\n", "multi.yaml")
    assert [d.data for d in loaded.documents] == [{"text": "a"}, {"text": "b"}]
    assert [d.index for d in loaded.documents] == [0, 1]
    [diag] = loaded.diagnostics
    assert (diag.line, diag.code, diag.document) == (6, "YAML001", 2)


def test_anchors_and_merge_keys() -> None:
    src = "base: &b {touchpoint: sms, role: agent}\nmsg:\n  <<: *b\n  role: bot\n"
    assert data(src) == {"base": {"touchpoint": "sms", "role": "agent"},
                         "msg": {"role": "bot", "touchpoint": "sms"}}


@pytest.mark.parametrize(
    ("src", "name", "expected"),
    [
        ("text: a\ntext: b\n", "dup.yaml", [(2, 1, "YAML002")]),
        ("m:\n  a: 1\n  b: 2\n  a: 3\n", "dup.yaml", [(4, 3, "YAML002")]),
        ('{"text": "a",\n "text": "b"}', "dup.json", [(2, 2, "YAML002")]),
        ('{"a": {"x": 1, "x": 2}}', "dup.json", [(1, 16, "YAML002")]),
        ("text: [a, b\n", "syntax.yaml", [(2, 1, "YAML001")]),
        ('{"text": "a",}', "comma.json", [(1, 13, "YAML001")]),
        ('{"text": "a",,}', "commas.json", [(1, 14, "YAML001")]),
        ("text: !!python/object/apply:os.system ['touch x']\n", "tag.yaml", [(1, 7, "YAML003")]),
        ("text: !custom hi\n", "tag.yaml", [(1, 7, "YAML003")]),
        ("text: !!int abc\n", "tag.yaml", [(1, 7, "YAML003")]),
        ("1: a\n", "key.yaml", [(1, 1, "YAML006")]),
        ("~: a\n", "key.yaml", [(1, 1, "YAML006")]),
        ("? [a, b]\n: c\n", "key.yaml", [(1, 3, "YAML006")]),
        ("", "empty.yaml", [(1, 1, "YAML007")]),
        ("   \n", "empty.json", [(1, 1, "YAML007")]),
        ("---\n---\ntext: a\n", "empty-doc.yaml", [(2, 1, "YAML007")]),
        ("a: &a [*a]\n", "recursive.yaml", [(1, 8, "YAML004")]),
    ],
)
def test_load_findings(src: str, name: str, expected: list[tuple[int, int, str]]) -> None:
    assert codes(src, name) == expected


def test_other_documents_survive_a_bad_tag() -> None:
    loaded = load_text("text: !!binary aGk=\n", "bin.yaml")
    assert loaded.documents[0].data == {"text": "aGk="}
    assert [d.code for d in loaded.diagnostics] == ["YAML003"]


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        (b"text: caf\xe9\n", "IO004"),
        (b"\x00\x01\x02binary", "IO003"),
        (b"\xef\xbb\xbftext: hi\n", None),
        ("text: hi\n".encode("utf-16"), None),
        ("text: hi\n".encode("utf-32"), None),
    ],
)
def test_bytes(raw: bytes, code: str | None) -> None:
    loaded = load_text(raw, "bytes.yaml")
    if code is None:
        assert loaded.documents[0].data == {"text": "hi"}
        assert not loaded.diagnostics
    else:
        assert [d.code for d in loaded.diagnostics] == [code]


def test_latin1_finding_names_offset_and_line() -> None:
    [diag] = load_text(b"a: 1\ntext: caf\xe9\n", "latin.yaml").diagnostics
    assert (diag.line, diag.column) == (2, 10)
    assert "offset 14" in diag.message and "line 2" in diag.message


def test_positions_yaml() -> None:
    src = "messages:\n  - text: hi\n    actions:\n      - type: link\n        uri: x\n"
    doc = load_text(src, "p.yaml").documents[0]
    span = doc.locator.locate("/messages/0/actions/0/uri")
    assert (span.line, span.column) == (5, 14)
    key = doc.locator.locate("/messages/0/actions/0/uri", key=True)
    assert (key.line, key.column) == (5, 9)
    missing = doc.locator.locate("/messages/0/meta/title")
    assert (missing.line, missing.column) == (2, 5)
    assert doc.locator.raw("/messages/0/text") == "hi"


def test_positions_json() -> None:
    src = '{\n  "messages": [\n    {"text": "hi", "delay": 0930}\n  ]\n}'
    # 0930 is not JSON: a syntax error at the number
    assert codes(src, "p.json")[0][2] == "YAML001"
    src = '{\n  "messages": [\n    {"text": "hi", "delay": 930}\n  ]\n}'
    doc = load_text(src, "p.json").documents[0]
    span = doc.locator.locate("/messages/0/delay")
    assert (span.line, span.column, span.end_column) == (3, 29, 32)
    assert doc.locator.raw("/messages/0/delay") == "930"
    assert doc.locator.locate("/messages/0/delay", key=True).column == 20


@pytest.mark.parametrize(
    ("written", "key"),
    [('"a/b"', "a/b"), ('"a\\/b"', "a/b"), ('"caf\\u00e9"', "café"), ('"café"', "café"),
     ('"t~x"', "t~x"), ('"q\\"q"', 'q"q'), ('""', "")],
)
def test_json_keys_are_found_as_decoded(written: str, key: str) -> None:
    # keys are taken as written unless they hold an escape, then decoded
    src = '{"m": {' + written + ': 7, "z": 1}}'
    doc = load_text(src, "k.json").documents[0]
    assert doc.data == {"m": {key: 7, "z": 1}}
    pointer = "/m/" + key.replace("~", "~0").replace("/", "~1")
    span = doc.locator.locate(pointer, key=True)
    assert span.column == src.index(written) + 1
    assert doc.locator.raw(pointer) == "7"


def test_depth_limit_is_configurable() -> None:
    src = "a: " + "[" * 20 + "]" * 20
    assert codes(src) == []
    loaded = load_text(src, "deep.yaml", Limits(max_depth=10))
    assert [d.code for d in loaded.diagnostics] == ["YAML005"]
    assert not loaded.documents


def test_seed_whatsapp_example_trailing_comma_is_one_precise_error() -> None:
    from pathlib import Path

    path = Path(__file__).parent / "fixtures" / "seed" / "10-conversation-whatsapp.json"
    [diag] = load_text(path.read_bytes(), path.name).diagnostics
    assert (diag.line, diag.column, diag.code) == (19, 7, "YAML001")
    assert diag.message.startswith("trailing comma before '}'")
