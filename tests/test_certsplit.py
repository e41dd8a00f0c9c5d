"""Our keywords checked beside jsonschema_rs: the places they apply to, and soundness.

``certsplit.split`` takes ``x-equal``, ``x-distinct`` and ``x-no-near-miss`` out of a
certificate and lists where in an instance each applies; ``side_check`` checks them
there. The pair must never accept what the whole certificate declines, and must accept
whatever it accepts where every keyword holds. The generated Python certificate of the
whole schema (``certgen``, held to jsonschema_rs by ``test_certgen``) is the oracle.
"""

from __future__ import annotations

import json
from types import ModuleType
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from spec_compiler import certgen, certsplit, quiet

EQUAL = {"x-equal": ["uri", "url"]}
DISTINCT = {"x-distinct": "payload"}
NEAR = {"x-no-near-miss": {"known": ["SenderID", "title"], "cutoff": 0.85}}


@pytest.mark.parametrize(("schema", "places"), [
    (EQUAL, {"x-equal": [[]]}),
    ({"properties": {"actions": {"items": EQUAL}}}, {"x-equal": [[["p", "actions"], ["i"]]]}),
    ({"properties": {"meta": {"propertyNames": NEAR}}},
     {"x-no-near-miss": [[["p", "meta"], ["k"]]]}),
    ({"anyOf": [{"not": {"type": "object"}}, {"allOf": [{"if": True, "then": EQUAL}]}]},
     {"x-equal": [[]]}),
    ({"prefixItems": [DISTINCT], "contains": DISTINCT}, {"x-distinct": [[["i"]]]}),
    ({"patternProperties": {"^a": EQUAL}, "additionalProperties": EQUAL},
     {"x-equal": [[["v"]]]}),
    ({"$defs": {"link": EQUAL}, "properties": {"a": {"$ref": "#/$defs/link"},
                                                "b": {"$ref": "#/$defs/link"}}},
     {"x-equal": [[["p", "a"]], [["p", "b"]]]}),
    # a reference inside a resource with its own $id resolves against that resource
    ({"allOf": [{"$id": "https://x.example/s/m.json", "$defs": {"d": DISTINCT},
                 "properties": {"actions": {"$ref": "#/$defs/d"}}}],
      "$defs": {"d": EQUAL}, "properties": {"r": {"$ref": "#/$defs/d"}}},
     {"x-distinct": [[["p", "actions"]]], "x-equal": [[["p", "r"]]]}),
    ({"allOf": [{"$id": "https://x.example/s/c.json",
                 "properties": {"m": {"$ref": "m.json#/$defs/d"}}},
                {"$id": "https://x.example/s/m.json", "$defs": {"d": EQUAL}}]},
     {"x-equal": [[["p", "m"]]]}),
    # a keyword under a data keyword is data
    ({"enum": [EQUAL], "examples": [DISTINCT]}, {}),
])
def test_split_lists_every_place_a_keyword_applies_to(schema: Any,
                                                      places: dict[str, Any]) -> None:
    plain, side = certsplit.split(schema, quiet.KEYWORDS)
    assert {keyword: paths for keyword, _value, paths in side} == places
    text = json.dumps({k: v for k, v in plain.items() if k not in ("enum", "examples")})
    assert not any(f'"{keyword}"' in text for keyword in quiet.KEYWORDS)


@pytest.mark.parametrize("schema", [
    {"$defs": {"node": {"properties": {"next": {"$ref": "#/$defs/node"}}, **EQUAL}},
     "$ref": "#/$defs/node"},
    {"properties": {"a": {"$ref": "#/$defs/missing"}}},
    {"properties": {"a": {"$ref": "other.json"}}},
    {"$dynamicRef": "#x", **EQUAL},
    {"contentSchema": EQUAL},  # not applied, yet not data: we do not guess
    {"$defs": {"unused": EQUAL}},
])
def test_what_split_cannot_place_is_an_error_at_generation(schema: Any) -> None:
    with pytest.raises(certsplit.UnsupportedSplit):
        certsplit.split(schema, quiet.KEYWORDS)


def test_a_recursive_reference_without_our_keywords_is_fine() -> None:
    schema = {"$defs": {"node": {"properties": {"next": {"$ref": "#/$defs/node"}}}},
              "properties": {"n": {"$ref": "#/$defs/node"}, "a": EQUAL}}
    _plain, side = certsplit.split(schema, quiet.KEYWORDS)
    assert side == [["x-equal", ["uri", "url"], [[["p", "a"]]]]]


def test_the_checks_mean_what_the_keywords_say() -> None:
    equal = certsplit.EqualProperties(["uri", "url"]).check
    assert equal({"uri": "a", "url": "a"}) and equal({"uri": "a"}) and equal(["a"])
    assert not equal({"uri": "a", "url": "b"})
    three = certsplit.EqualProperties(["a", "b", "c"]).check
    assert three({"a": 1, "c": 1}) and not three({"a": 1, "b": 1, "c": 2})
    distinct = certsplit.DistinctValues("payload").check
    assert distinct([{"payload": "A"}, {"text": "x"}, {"payload": "B"}, "A"])
    assert not distinct([{"payload": {"k": 1}}, {"payload": {"k": 1}}])
    near = certsplit.NoNearMiss(NEAR["x-no-near-miss"])
    assert near.check("campaign") and near.check("SenderID") and near.check(3)
    assert not near.check("sender_id") and not near.check("sender_id")  # remembered
    assert near.all_fine({"title": 1, "campaign": 2}.keys())
    assert not near.all_fine({"title": 1, "Title_": 2}.keys())


def test_every_keyword_has_a_check() -> None:
    assert set(certsplit.CHECKS) == quiet.KEYWORDS


SCHEMAS: list[Any] = [
    {"anyOf": [EQUAL, DISTINCT]},
    {"anyOf": [{"properties": {"type": {"not": {"const": "link"}}}},
               {"properties": {"uri": {"pattern": "\\{\\{"}}}, EQUAL],
     "properties": {"actions": DISTINCT}},
    {"properties": {"meta": {"propertyNames": NEAR}, "actions": {"items": EQUAL},
                    "items": {"items": {"properties": {"actions": DISTINCT}}}}},
    {"not": {"properties": {"a": EQUAL}, "required": ["a"]}},
    {"if": {"properties": {"a": DISTINCT}}, "then": {"required": ["b"]},
     "else": {"properties": {"b": {"propertyNames": NEAR}}}},
    {"$defs": {"link": EQUAL}, "items": {"anyOf": [{"type": "string"}, {"$ref": "#/$defs/link"}]}},
]

KEYS = st.sampled_from(["uri", "url", "payload", "type", "a", "b", "meta", "actions", "items",
                        "title", "Title", "sender_id", "SenderID", "campaign"])
LEAVES = st.one_of(st.sampled_from(["link", "x", "{{ x }}", "A"]), st.integers(0, 2),
                   st.booleans(), st.none())
VALUES = st.recursive(LEAVES, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(KEYS, inner, max_size=5)), max_leaves=20)


def _oracle(schema: Any) -> ModuleType:
    module = ModuleType("oracle")
    exec(compile(certgen.generate(schema, "test"), "<oracle>", "exec"), module.__dict__)
    return module


@pytest.mark.parametrize("schema", SCHEMAS)
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instance=VALUES)
def test_split_is_sound_and_exact_where_the_keywords_hold(schema: Any, instance: Any) -> None:
    whole = _oracle(schema).is_valid(instance)
    form = quiet.rs_form(schema)
    split = quiet.SplitCertificate(form).is_valid(instance)
    holds = certsplit.side_check(form["side"])(instance)
    assert not split or whole  # never accepts what the whole certificate declines
    assert split == (whole and holds)


def test_a_document_of_messages_takes_each_message_to_the_message_certificate() -> None:
    form = {"schema": {"type": "object"}, "side": [], "messages": "messages"}
    conversation = quiet.SplitCertificate(form, lambda m: m.get("ok", False))
    assert conversation.is_valid({"messages": [{"ok": True}]})
    assert not conversation.is_valid({"messages": [{"ok": True}, {"ok": False}]})
    assert conversation.is_valid({"other": [{"ok": False}]})
    assert not conversation.is_valid([{"ok": True}])  # the schema decides
    listing = quiet.SplitCertificate({"schema": {"type": "array"}, "side": [], "messages": ""},
                                     lambda m: m == 1)
    assert listing.is_valid([1, 1])
    assert not listing.is_valid([1, 2])
    with pytest.raises(ValueError, match="message certificate"):
        quiet.SplitCertificate(form)
