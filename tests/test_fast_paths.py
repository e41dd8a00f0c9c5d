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
import re
from urllib.parse import urlsplit

import pytest

from spec_compiler import engine
from spec_compiler.config import Config
from spec_compiler.loader import load_text
from spec_compiler.quiet import _plain_json
from spec_compiler.rules import REGISTRY
from spec_compiler.rules._act_util import PLACEHOLDER, is_http_url
from spec_compiler.rules._schema_util import did_you_mean
from spec_compiler.yaml12 import resolve_plain

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
        _plain_json().decode(text)
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
    data = _plain_json().decode(text)
    assert data == json.loads(text)
    assert json.dumps(data) == json.dumps(json.loads(text))  # key order too
    assert load_text(text, "case.json").diagnostics == []


@pytest.mark.parametrize("text", ['{"a": NaN}', '[Infinity]', '-Infinity'])
def test_the_decoder_declines_what_json_has_not(text: str) -> None:
    with pytest.raises(ValueError):
        _plain_json().decode(text)


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
