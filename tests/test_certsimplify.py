"""The certificate rewrites of ``certsimplify``: each identity, what they refuse, and the
same verdicts on hypothesis schemas and instances (the real certificates are held to
their readable form by ``test_certgen``, over the document pool and its mutants)."""

from __future__ import annotations

from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from spec_compiler.certsimplify import UnsupportedSimplify, simplify

A = {"properties": {"a": {"type": "string"}}}
B = {"properties": {"a": {"maxLength": 3}}}
G = {"properties": {"role": {"not": {"const": "agent"}}}, "required": ["role"]}
X = {"required": ["x"]}
Y = {"required": ["y"]}
X_NOT = {"not": {"required": ["x"]}}
EMAIL = r"^[^@\s]{1,64}@[^@\s]+\.[^@\s]+$"
EMAIL_PAIR = (r"^[^@\s]+@[^@\s]+\.[^@\s]+$", r"^[^@]{65}")


@pytest.mark.parametrize(("schema", "expected"), [
    # allOf inside allOf, true parts, an allOf of one part
    ({"allOf": [{"allOf": [X_NOT, {}]}, True]}, X_NOT),
    ({"allOf": [{"allOf": []}]}, {}),
    ({"type": "object", "allOf": [X_NOT]}, {"type": "object", "allOf": [X_NOT]}),
    # parts of properties, required and items only are one part
    ({"allOf": [A, B]},
     {"properties": {"a": {"allOf": [{"type": "string"}, {"maxLength": 3}]}}}),
    ({"allOf": [X, Y, {"required": ["x"]}]}, {"required": ["x", "y"]}),
    # a repeated part is one part
    ({"allOf": [{"anyOf": [X, Y]}, X_NOT, {"anyOf": [X, Y]}]},
     {"allOf": [X_NOT, {"anyOf": [X, Y]}]}),
    ({"allOf": [{"items": X}, {"items": Y}]}, {"items": {"required": ["x", "y"]}}),
    ({"allOf": [{"properties": {"l": {"items": X}}}, {"properties": {"l": {"items": Y}}}]},
     {"properties": {"l": {"items": {"required": ["x", "y"]}}}}),
    # a part with any other keyword stays apart: additionalProperties reads its siblings
    ({"allOf": [{"properties": {"a": {}}, "additionalProperties": False}, B]},
     {"allOf": [{"properties": {"a": {}}, "additionalProperties": False}, B]}),
    # shared branches are factored out once
    ({"allOf": [{"anyOf": [G, X]}, {"anyOf": [G, Y]}]},
     {"anyOf": [G, {"required": ["x", "y"]}]}),
    ({"allOf": [{"anyOf": [G, X_NOT, X]}, {"anyOf": [X_NOT, G, Y]}, {"anyOf": [X, Y]}]},
     {"allOf": [{"anyOf": [G, X_NOT, {"required": ["x", "y"]}]}, {"anyOf": [X, Y]}]}),
    # a part that is the shared branches alone is left as it is
    ({"allOf": [{"anyOf": [G, X]}, {"anyOf": [X, G]}]},
     {"allOf": [{"anyOf": [G, X]}, {"anyOf": [X, G]}]}),
    # anyOf inside anyOf, repeats, a branch that always holds
    ({"anyOf": [{"anyOf": [X, Y]}, X]}, {"anyOf": [X, Y]}),
    ({"anyOf": [X, {}], "type": "object"}, {"type": "object"}),
    ({"anyOf": [X, X]}, X),
    # data keywords are never read as schemas
    ({"enum": [{"allOf": [{}]}], "const": {"anyOf": [{}]}},
     {"enum": [{"allOf": [{}]}], "const": {"anyOf": [{}]}}),
    # subschemas under every applicator are rewritten
    ({"not": {"allOf": [X]}, "$defs": {"d": {"allOf": [{"allOf": [Y]}]}}},
     {"not": X, "$defs": {"d": Y}}),
    # a pattern slow to compile is its pair
    ({"type": "string", "pattern": EMAIL},
     {"type": "string", "pattern": EMAIL_PAIR[0],
      "not": {"type": "string", "pattern": EMAIL_PAIR[1]}}),
    ({"pattern": EMAIL, "not": {"const": "x"}},
     {"allOf": [{"pattern": EMAIL_PAIR[0], "not": {"const": "x"}},
                {"not": {"type": "string", "pattern": EMAIL_PAIR[1]}}]}),
])
def test_each_rewrite(schema: Any, expected: Any) -> None:
    assert simplify(schema) == expected


@pytest.mark.parametrize("schema", [
    {"allOf": [A], "unevaluatedProperties": False},
    {"items": {"unevaluatedItems": False}},
    {"$dynamicRef": "#node"},
    {"properties": {"a": {"$ref": "#/allOf/0"}}},
    {"$ref": "#/$defs/a/properties/b"},
    {"$ref": "#anchor"},
])
def test_what_the_rewrites_might_change_is_refused(schema: Any) -> None:
    with pytest.raises(UnsupportedSimplify):
        simplify(schema)


def test_references_to_resources_and_root_definitions_are_kept() -> None:
    schema = {"$defs": {"d": {"allOf": [X]}},
              "allOf": [{"properties": {"a": {"$ref": "#/$defs/d"}}},
                        {"properties": {"b": {"$ref": "m.json#/$defs/e"}}},
                        {"properties": {"c": {"$ref": "m.json"}}}]}
    assert simplify(schema) == {
        "$defs": {"d": X},
        "allOf": [{"properties": {"a": {"$ref": "#/$defs/d"}, "b": {"$ref": "m.json#/$defs/e"},
                                  "c": {"$ref": "m.json"}}}]}


# ---------------------------------------------------------------- same verdicts

NAMES = ("a", "b", "role", "type")
_LEAVES = st.sampled_from([
    True, False, {}, {"type": "string"}, {"type": "object"}, {"type": "array"},
    {"const": "agent"}, {"enum": ["chat", "card"]}, {"maxLength": 2}, {"minItems": 1},
    {"required": ["a"]}, {"required": ["b", "role"]}, {"pattern": "^x"},
])


def _compound(inner: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    parts = st.lists(inner, min_size=1, max_size=4)
    return st.one_of(
        parts.map(lambda p: {"allOf": p}),
        parts.map(lambda p: {"anyOf": p}),
        inner.map(lambda s: {"not": s}),
        inner.map(lambda s: {"items": s}),
        st.dictionaries(st.sampled_from(NAMES), inner, min_size=1, max_size=2).map(
            lambda p: {"properties": p}),
        st.tuples(st.dictionaries(st.sampled_from(NAMES), inner, max_size=2),
                  st.lists(st.sampled_from(NAMES), min_size=1, max_size=2, unique=True)).map(
            lambda t: {"properties": t[0], "required": t[1]}),
        st.tuples(st.dictionaries(st.sampled_from(NAMES), inner, max_size=2), st.booleans()).map(
            lambda t: {"properties": t[0], "additionalProperties": t[1]}),
        st.tuples(inner, inner).map(lambda t: {"if": t[0], "then": t[1]}),
    )


#: few, so that parts share branches and members as a certificate's do
_BRANCHES = st.sampled_from([
    {"properties": {"role": {"not": {"const": "agent"}}}, "required": ["role"]},
    {"required": ["a"]}, {"not": {"required": ["b"]}}, {"type": "array"},
    {"properties": {"type": {"enum": ["chat", "card"]}}}, {"properties": {"a": {"type": "string"}}},
])


def _conjunction(inner: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """``allOf`` parts of the shapes the rewrites act on, from a few building blocks."""
    part = st.one_of(
        st.lists(_BRANCHES, min_size=1, max_size=3).map(lambda b: {"anyOf": b}),
        st.tuples(st.sampled_from(NAMES), inner).map(lambda t: {"properties": {t[0]: t[1]}}),
        st.lists(st.sampled_from(NAMES), min_size=1, max_size=2).map(
            lambda r: {"required": r}),
        inner.map(lambda s: {"items": s}),
        st.tuples(st.sampled_from(NAMES), st.booleans()).map(
            lambda t: {"properties": {t[0]: {}}, "additionalProperties": t[1]}),
        st.tuples(st.sampled_from(NAMES), inner).map(
            lambda t: {"prefixItems": [t[1]], "items": {"properties": {t[0]: False}}}),
    )
    return st.lists(part, min_size=2, max_size=5).map(lambda p: {"allOf": p})


_SMALL = st.one_of(_LEAVES, _BRANCHES)
_CONJUNCTIONS = _conjunction(st.one_of(_SMALL, _conjunction(_SMALL)))
SCHEMAS = st.one_of(st.recursive(_LEAVES, _compound, max_leaves=12), _CONJUNCTIONS,
                    _CONJUNCTIONS)  # twice: the shapes the rewrites act on, more often
INSTANCES = st.recursive(
    st.sampled_from([None, True, 0, 3, "", "x", "xyz", "agent", "bot", "chat", "card"]),
    lambda inner: st.one_of(st.lists(inner, max_size=3),
                            st.dictionaries(st.sampled_from(NAMES), inner, max_size=4)),
    max_leaves=10)
#: objects with the members the building blocks test, set or not
_MEMBERS = st.fixed_dictionaries({}, optional={
    "role": st.sampled_from(["agent", "bot", 3]), "type": st.sampled_from(["chat", "card", "x"]),
    "a": st.sampled_from(["x", "xyz", 3, [], {}]), "b": st.sampled_from(["", None, [{}]])})
INSTANCES = st.one_of(INSTANCES, _MEMBERS, _MEMBERS, _MEMBERS, st.lists(_MEMBERS, max_size=3))


@settings(max_examples=1000, deadline=None, database=None)
@given(SCHEMAS, st.lists(INSTANCES, min_size=1, max_size=12))
def test_the_rewrites_keep_every_verdict(schema: Any, instances: list[Any]) -> None:
    before = jsonschema.Draft202012Validator(schema)
    once = simplify(schema)
    assert simplify(schema) == once  # deterministic
    after = jsonschema.Draft202012Validator(once)
    again = jsonschema.Draft202012Validator(simplify(once))
    for instance in instances:
        verdict = before.is_valid(instance)
        assert after.is_valid(instance) == verdict, (schema, once, instance)
        assert again.is_valid(instance) == verdict, (schema, once, instance)


#: four tests independent on ``_EVERY``: the truth table of any mix of them is there
_PREDICATES = [{"required": ["a"]}, {"required": ["b"]},
               {"properties": {"role": {"const": "agent"}}},
               {"properties": {"type": {"enum": ["chat", "card"]}}}]
_EVERY = [{k: v for k, v in (("a", a), ("b", b), ("role", role), ("type", kind))
           if v is not None}
          for a in (None, "x") for b in (None, 1) for role in (None, "agent", "bot")
          for kind in (None, "chat", "x")]
_DISJUNCTIONS = st.lists(
    st.lists(st.sampled_from(_PREDICATES), min_size=1, max_size=3).map(lambda b: {"anyOf": b}),
    min_size=2, max_size=4).map(lambda p: {"allOf": p})


@settings(max_examples=300, deadline=None, database=None)
@given(st.one_of(_DISJUNCTIONS, _DISJUNCTIONS.map(lambda s: {"allOf": [s, _PREDICATES[0]]}),
                 _DISJUNCTIONS.map(lambda s: {"anyOf": [s, {"not": s}, _PREDICATES[1]]})))
def test_factored_disjunctions_keep_their_truth_table(schema: Any) -> None:
    before = jsonschema.Draft202012Validator(schema)
    after = jsonschema.Draft202012Validator(simplify(schema))
    assert ([after.is_valid(each) for each in _EVERY]
            == [before.is_valid(each) for each in _EVERY]), schema


#: local parts around the limit of 64, of characters the pattern treats apart
_LOCAL = st.text(st.sampled_from("aé.\u00a0\u2003 \t\n@"), min_size=0, max_size=70)
_ADDRESSES = st.one_of(
    st.tuples(st.text(st.sampled_from("ab"), min_size=55, max_size=70), _LOCAL,
              st.sampled_from(["@example.com", "@ex ample.com", "@example", "@@x.y", "@x.y\n",
                               "", "@x.é"])).map("".join),
    st.tuples(_LOCAL, st.sampled_from(["@example.com", "@a.b", "@a.b.", "x"])).map("".join),
    st.text(max_size=80),
)


@settings(max_examples=1500, deadline=None, database=None)
@given(st.one_of(_ADDRESSES, st.sampled_from([None, 3, [], {}, True])))
def test_the_e_mail_pattern_and_its_pair_decide_the_same(value: Any) -> None:
    import jsonschema_rs

    alone = {"pattern": EMAIL}
    paired = simplify(alone)
    assert paired != alone
    for validator in (jsonschema_rs.validator_for, jsonschema.Draft202012Validator):
        assert validator(paired).is_valid(value) == validator(alone).is_valid(value), value
