"""The shortcuts of the lint hot path give what the long way gives.

``resolve_plain`` returns most scalars without trying a pattern, the certifier's JSON
decoder declines every repeated key the loader reports, ``is_http_url`` accepts plain URLs without
``urlsplit``, the rule plan is cached by config and per-file ignores, and the
did-you-mean guesses are cached.
"""

from __future__ import annotations

import itertools
import json
import math
import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from spec_compiler import engine, quiet
from spec_compiler.config import Config
from spec_compiler.loader import load_text
from spec_compiler.quiet import _plain_json
from spec_compiler.rules import REGISTRY
from spec_compiler.rules._act_util import PLACEHOLDER, is_http_url
from spec_compiler.rules._schema_util import did_you_mean
from spec_compiler.yaml12 import resolve_plain

REPO = Path(__file__).resolve().parent.parent

# ---------------------------------------------------------------- resolve_plain

_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = {"true": True, "True": True, "TRUE": True,
         "false": False, "False": False, "FALSE": False}
_INT10 = re.compile(r"^[-+]?[0-9]+$")
_INT8 = re.compile(r"^0o[0-7]+$")
_INT16 = re.compile(r"^0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
_INF = re.compile(r"^[-+]?\.(?:inf|Inf|INF)$")
_NAN = re.compile(r"^\.(?:nan|NaN|NAN)$")


def _slow_resolve(value: str) -> object:
    """The YAML 1.2 core schema, every pattern tried in turn (the reference)."""
    if _NULL.match(value):
        return None
    if value in _BOOL:
        return _BOOL[value]
    if _INT10.match(value):
        return int(value, 10)
    if _INT8.match(value):
        return int(value[2:], 8)
    if _INT16.match(value):
        return int(value[2:], 16)
    if _FLOAT.match(value):
        return float(value)
    if _INF.match(value):
        return -math.inf if value.startswith("-") else math.inf
    if _NAN.match(value):
        return math.nan
    return value


def _same(a: object, b: object) -> bool:
    return type(a) is type(b) and repr(a) == repr(b)


def test_resolve_plain_matches_the_patterns() -> None:
    alphabet = "0nN~.+-tTfFeExo1\n a"
    checked = 0
    for size in range(5):
        for chars in itertools.product(alphabet, repeat=size):
            value = "".join(chars)
            assert _same(resolve_plain(value), _slow_resolve(value)), repr(value)
            checked += 1
    words = ["null", "Null", "NULL", "true", "True", "TRUE", "false", "False", "FALSE",
             ".inf", "-.Inf", "+.INF", ".nan", ".NaN", "0o17", "0x1F", "1e3", "-1.5", "~",
             "nULL", "tRUE", "hello", "text", "type", "Fine", "no", "yes", "0930"]
    for word in words:
        for value in (word, word + "\n", " " + word, word + " "):
            assert _same(resolve_plain(value), _slow_resolve(value)), repr(value)
    assert checked > 100_000


# ---------------------------------------------------------------- JSON duplicates


@pytest.mark.parametrize("text", [
    '{"a": 1, "a": 2}',
    '{"a": {"b": 1, "b": 2}}',
    '{"a:b": 1, "a:b": 2}',
    '{"x": "a:b", "x": "c"}',
    '{"x": "c", "x": "a:b"}',
    '[{"k": ":"}, {"k": 1, "k": ":::"}]',
    '{"x": "\\u003a", "x": 1}',
    '{"a": 1, "\\u0061": 2}',  # the same key, written two ways
    '[1, [2, {"deep": {"z": 1, "y": 2, "z": 3}}]]',
])
def test_duplicates_are_never_missed(text: str) -> None:
    with pytest.raises(ValueError):
        _plain_json()(text)
    loaded = load_text(text, "case.json")
    assert [d.code for d in loaded.diagnostics] == ["YAML002"]


@pytest.mark.parametrize("text", [
    '{"a": 1, "b": 2}',
    '{"a:b": "c:d", "e": [":", "::", {"f": "g:"}]}',
    '{"a": "x", "b": {"a": "y"}}',
    '{"a": "\\u003a", "\\u0062": {}}',
    '[]',
    '"a:b"',
])
def test_without_duplicates_the_decoder_gives_what_json_loads_gives(text: str) -> None:
    data = _plain_json()(text)
    assert data == json.loads(text)
    assert json.dumps(data) == json.dumps(json.loads(text))  # key order too
    assert load_text(text, "case.json").diagnostics == []


@pytest.mark.parametrize("text", ['{"a": NaN}', '[Infinity]', '-Infinity'])
def test_the_decoder_declines_what_json_has_not(text: str) -> None:
    with pytest.raises(ValueError):
        _plain_json()(text)


#: json's own decoder with the certifier's settings: what ``_plain_json`` stands for
_REFERENCE = json.JSONDecoder(object_pairs_hook=quiet._unique_pairs,
                              parse_constant=quiet._no_constant)

_JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False)
    | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4)
    | st.dictionaries(st.text(max_size=4), inner, max_size=4),
    max_leaves=12)
_SPACE = st.text(alphabet=" \t\n\r\f\v\u00a0", max_size=3)
_JUNK = st.text(alphabet='{}[]":,0123456789.eE+-tfnul \\aNIy\n', max_size=12)


def _verdict(decode: object, text: str) -> tuple[str, str]:
    try:
        return "value", json.dumps(decode(text))  # type: ignore[operator]
    except ValueError:
        return "declined", ""


@settings(max_examples=1500, deadline=None)
@given(st.tuples(_SPACE, _JSON_VALUES, _SPACE, _JUNK, _JUNK).map(
    lambda t: t[0] + json.dumps(t[1], indent=None if len(t[3]) % 2 else 1) + t[2])
    | st.tuples(_SPACE, _JSON_VALUES, _JUNK).map(lambda t: t[0] + json.dumps(t[1]) + t[2])
    | st.tuples(_JUNK, _JSON_VALUES).map(lambda t: t[0] + json.dumps(t[1]))
    | _JUNK)
def test_the_decoder_is_json_decoders_decode(text: str) -> None:
    """``_plain_json`` drives json's C scanner without importing json: the same value or
    the same refusal as ``JSONDecoder.decode`` with its settings, for any text (values
    with whitespace around them, other whitespace, junk before or after, junk alone)."""
    assert _verdict(_plain_json(), text) == _verdict(_REFERENCE.decode, text)


@pytest.mark.parametrize("text", [
    "", " \n", '{"a": 1} {"b": 2}', '{"a": 1}x', '1 2', '{"a": }', '{"a" 1}', '"abc',
    '[1,]', '{"a": "\x01"}', "nul", '{"a": 1', "\u00a0{}", "{}\u00a0", "{}\f",
])
def test_the_decoder_declines_every_text_json_declines(text: str) -> None:
    with pytest.raises(ValueError):
        _REFERENCE.decode(text)
    with pytest.raises(ValueError):
        _plain_json()(text)


def test_without_the_c_scanner_the_decoder_is_json_decoders_own(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """An interpreter without ``_json`` (PyPy, say) gets ``JSONDecoder.decode`` with the
    same settings: the same values and refusals."""
    monkeypatch.setitem(sys.modules, "_json", None)  # import _json raises ImportError
    monkeypatch.setattr(quiet, "_decode", None)
    decode = quiet._plain_json()
    assert getattr(decode, "__self__", None).__class__ is json.JSONDecoder
    assert decode(' {"a": [1, "x"]}\n') == {"a": [1, "x"]}
    for text in ('{"a": 1, "a": 2}', '[NaN]', '{"a" 1}', '{} x', ''):
        with pytest.raises(ValueError):
            decode(text)


def test_the_decoder_needs_neither_json_nor_re() -> None:
    """In a fresh interpreter: plain texts decode without importing json or re (~4.5 ms
    of a large run's serial start), and invalid ones are declined, whatever CPython's
    scanner does without json.decoder (3.11's fails with a SystemError)."""
    script = (
        "import sys\n"
        "from spec_compiler.quiet import _plain_json, _read\n"
        "decode = _plain_json()\n"
        "assert decode(' {\"a\": [1, 2.5, \"x\", null, true]}\\n') == "
        "{'a': [1, 2.5, 'x', None, True]}\n"
        "assert _read('message.rs.json')['schema']\n"
        "print('clean', 'json' in sys.modules, 're' in sys.modules, 'fnmatch' in sys.modules)\n"
        "for text in ('{\"a\" 1}', '\"abc', '{\"a\": \"\\x01\"}', '[1,]', '{} x', ''):\n"
        "    try:\n"
        "        decode(text)\n"
        "    except ValueError:\n"
        "        continue\n"
        "    raise SystemExit('accepted ' + repr(text))\n"
        "print('declined')\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(REPO)}, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split("\n")[:2] == ["clean False False False", "declined"], done.stdout


def test_a_dropped_value_does_not_lend_its_duplicates() -> None:
    """The value a repeated key drops is gone: its own repeated keys are not reported
    at another object (before, that object could reuse the dropped one's id)."""
    text = '{"a": {"b": 1, "b": 2}, "a": {"c": {"d": 1}}, "e": [{"f": 1}, {"g": 2}]}'
    for _ in range(20):
        loaded = load_text(text, "case.json")
        assert [(d.code, d.pointer) for d in loaded.diagnostics] == [("YAML002", "/a")]


def test_json_depth_without_pointers() -> None:
    deep = '{"a": ' * 101 + "1" + "}" * 101
    loaded = load_text(deep, "case.json")
    assert [d.code for d in loaded.diagnostics] == ["YAML005"]
    assert loaded.diagnostics[0].pointer == "/a" * 101
    assert load_text('{"a": ' * 100 + "1" + "}" * 100, "case.json").diagnostics == []


# ---------------------------------------------------------------- is_http_url


def _slow_is_http_url(value: str) -> bool:
    filled = PLACEHOLDER.sub("x", value)
    if any(c.isspace() for c in filled):
        return False
    try:
        parts = urlsplit(filled)
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)


@pytest.mark.parametrize("value", [
    "https://example.org", "http://example.org/", "HTTPS://Example.ORG/a?b=c#d",
    "https://e.org/w?id={authuser}&token={authtoken}", "https://{authuser}.e.org/",
    "https://e.org/a b", "https://e.org/a\u00a0b", "https://e.org/\n", "https://e.org\n",
    "https://", "https:///path", "https://user@", "https://:80", "https://[::1]/",
    "https://[::1", "https://ex ample.org", "ftp://e.org", "www.e.org", "https:e.org",
    "https://e.org:8080/x", "https://u:p@e.org/", "https://ex_ample.org/", "https://-/",
    "https://e.org/\u2028", "https://e.org/ü", "https://ü.org/", "https://e.org?q",
    "https://e.org#f", "http://.", " https://e.org", "https://e.org/\x1f",
])
def test_is_http_url_matches_urlsplit(value: str) -> None:
    assert is_http_url(value) == _slow_is_http_url(value), repr(value)


# ---------------------------------------------------------------- caches


def test_rule_plan_follows_per_file_ignores() -> None:
    config = Config(per_file_ignores={"legacy/*.yaml": ("ACT", "MSG002")})
    plain = [code for code, *_ in engine.rule_plan(config, "new/a.yaml")]
    legacy = [code for code, *_ in engine.rule_plan(config, "legacy/a.yaml")]
    assert plain == [c for c in REGISTRY if config.is_enabled(c, "new/a.yaml")]
    assert legacy == [c for c in REGISTRY if config.is_enabled(c, "legacy/a.yaml")]
    assert "ACT001" in plain and "ACT001" not in legacy and "MSG002" not in legacy
    # the same ignores share one plan
    assert engine.rule_plan(config, "new/b.yaml") is engine.rule_plan(config, "new/a.yaml")


def test_rule_plan_of_another_config() -> None:
    a = Config(select=("ACT",))
    b = Config(select=("MSG",))
    assert {c[:3] for c, *_ in engine.rule_plan(a, "x.yaml")} == {"ACT"}
    assert {c[:3] for c, *_ in engine.rule_plan(b, "x.yaml")} == {"MSG"}


def test_did_you_mean_is_stable_when_cached() -> None:
    for _ in range(3):
        assert did_you_mean("comand", ["chat", "command"]) == "command"
        assert did_you_mean("CHAT", ("chat", "card")) == "chat"
        assert did_you_mean("xyz", {"chat", "card"}) is None
    # choices of other types are ignored, generators are fine
    assert did_you_mean("cat", (c for c in ["chat", 3, None])) == "chat"
