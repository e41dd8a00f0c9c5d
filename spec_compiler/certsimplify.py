"""Rewrite a composed certificate into an equivalent schema that jsonschema_rs checks faster.

A certificate is ``allOf`` the API schema and one condition per rule (``quiet``), and
every condition walks the instance on its own: 15 of the message certificate's 35 parts
descend ``properties``/``actions``/``items`` each, and 5 open with the same three
excuses (``role`` not ``agent``, a backchannel message, a type other than chat or card)
before their own test. ``simplify`` rewrites with three identities of boolean logic, at
generation time (``python -m spec_compiler.quiet``, for ``KIND.rs.json`` only), and
puts a pattern that is slow to compile as a pair that decides the same (``_PATTERNS``):

- ``allOf`` inside ``allOf`` is one ``allOf``; ``true`` and ``{}`` parts go, a
  repeated part goes (X and X is X), and an
  ``allOf`` of one part that is all its object holds is that part;
- parts that hold nothing but ``properties``, ``required`` and ``items`` are one part:
  ``{"properties": {"a": X}}`` and ``{"properties": {"a": Y}}`` are
  ``{"properties": {"a": {"allOf": [X, Y]}}}``, the ``required`` lists join, the
  ``items`` schemas meet in an ``allOf`` (no part has ``prefixItems``, so ``items``
  means every item in each);
- ``anyOf`` parts that share branches share them once: ``(G or X) and (G or Y)`` is
  ``G or (X and Y)``; an ``anyOf`` inside ``anyOf`` is one ``anyOf``, a repeated branch
  goes, and an ``anyOf`` with a ``true`` branch holds.

All three keep every verdict, and a verdict is all a certificate gives. They would not
keep annotations, which ``unevaluatedProperties``/``unevaluatedItems`` read (an ``anyOf``
collects them from every branch that holds), so a schema with either, or with a
reference into a place these rewrites move (anything but a resource or its
``#/$defs/NAME``), is refused. On the benchmark corpus the message certificate's check
went from 16.6 to 13.8 µs a message and its compile from ~13 to ~10 ms (2026-12-03).
``tests/test_certsimplify.py`` holds each identity and compares verdicts on hypothesis
schemas and instances; ``tests/test_quiet.py`` holds the certificates to the rules.
"""

from __future__ import annotations

import json
import re
from typing import Any

#: keywords whose value is one subschema, a list of them, or a mapping of names to them
_ONE = frozenset({"not", "if", "then", "else", "items", "contains", "additionalProperties",
                  "propertyNames", "additionalItems"})
_LIST = frozenset({"allOf", "anyOf", "oneOf", "prefixItems"})
_MAP = frozenset({"properties", "patternProperties", "dependentSchemas", "$defs",
                  "definitions"})
#: keywords whose verdict depends on annotations, which the rewrites do not keep
_ANNOTATED = frozenset({"unevaluatedProperties", "unevaluatedItems", "$dynamicRef",
                        "$recursiveRef"})
#: the parts that merge into one
_MERGEABLE = frozenset({"properties", "required", "items"})
#: references these rewrites cannot move the target of: a resource, or a root definition
_SAFE_REF = re.compile(r"[^#]*(?:#(?:/\$defs/[^/]+)?)?")
#: patterns jsonschema_rs compiles slowly, each with a pair that decides the same and
#: compiles fast: a string matches the first exactly when it matches ``pattern`` and not
#: ``unless`` (the pair's ``not`` applies to strings only, as ``pattern`` does)
_PATTERNS = {
    # an e-mail address (the conversation schema's): ``{1,64}`` over a Unicode class is
    # ~1 ms of a compile, the pair ~0.5. A string the first of the pair matches holds
    # exactly one @, after its local part; that part is at most 64 characters exactly
    # when one of the string's first 65 characters is the @
    r"^[^@\s]{1,64}@[^@\s]+\.[^@\s]+$": (r"^[^@\s]+@[^@\s]+\.[^@\s]+$", r"^[^@]{65}"),
}


class UnsupportedSimplify(ValueError):
    """A schema these rewrites might change the verdicts of."""


def simplify(schema: Any) -> Any:
    """``schema`` rewritten (see the module): the same verdict on every instance."""
    _check(schema)
    return _schema(schema)


def _check(node: Any) -> None:
    if isinstance(node, list):
        for each in node:
            _check(each)
        return
    if not isinstance(node, dict):
        return
    for key, value in node.items():
        if key in _ANNOTATED:
            raise UnsupportedSimplify(f"{key} depends on annotations")
        if key == "$ref" and not (isinstance(value, str) and _SAFE_REF.fullmatch(value)):
            raise UnsupportedSimplify(f"a reference into the schema's structure: {value!r}")
        if key in _ONE or key in _LIST:
            _check(value)
        elif key in _MAP and isinstance(value, dict):
            for each in value.values():
                _check(each)


def _key(value: Any) -> str:
    return json.dumps(value, sort_keys=True)


def _true(value: Any) -> bool:
    return value is True or value == {}


def _schema(node: Any) -> Any:
    if not isinstance(node, dict):
        return node
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key in _ONE:
            out[key] = _schema(value)
        elif key in _LIST and isinstance(value, list):
            out[key] = [_schema(each) for each in value]
        elif key in _MAP and isinstance(value, dict):
            out[key] = {name: _schema(each) for name, each in value.items()}
        else:
            out[key] = value  # data (enum, const, required, ...) and keywords we leave
    if isinstance(out.get("allOf"), list):
        parts = _all_of(out["allOf"])
        if not parts:
            del out["allOf"]
        elif len(out) == 1 and len(parts) == 1 and isinstance(parts[0], dict):
            return parts[0]
        else:
            out["allOf"] = parts
    if isinstance(out.get("anyOf"), list):
        branches = _any_of(out["anyOf"])
        if branches is None:
            del out["anyOf"]
        elif len(out) == 1 and len(branches) == 1 and isinstance(branches[0], dict):
            return branches[0]
        else:
            out["anyOf"] = branches
    return _pattern_paired(out)


def _pattern_paired(node: dict[str, Any]) -> dict[str, Any]:
    """``node`` with a pattern of ``_PATTERNS`` as its pair."""
    pattern = node.get("pattern")
    pair = _PATTERNS.get(pattern) if isinstance(pattern, str) else None
    if pair is None:
        return node
    unless = {"type": "string", "pattern": pair[1]}
    node = {**node, "pattern": pair[0]}
    if "not" in node:
        return {"allOf": [node, {"not": unless}]}
    node["not"] = unless
    return node


def _any_of(branches: list[Any]) -> list[Any] | None:
    """The branches of an ``anyOf`` (already simplified), nested ones spliced in, repeats
    dropped; None when one of them always holds."""
    flat: list[Any] = []
    for branch in branches:
        if isinstance(branch, dict) and set(branch) == {"anyOf"}:
            flat.extend(branch["anyOf"])
        else:
            flat.append(branch)
    if any(_true(branch) for branch in flat):
        return None
    return _unique(flat)


def _unique(schemas: list[Any]) -> list[Any]:
    """``schemas`` without repeats (equal as JSON), in order."""
    seen: set[str] = set()
    out = []
    for schema in schemas:
        key = _key(schema)
        if key not in seen:
            seen.add(key)
            out.append(schema)
    return out


def _all_of(parts: list[Any]) -> list[Any]:
    """The parts of an ``allOf`` (already simplified), spliced, merged and factored."""
    flat: list[Any] = []
    for part in parts:
        if isinstance(part, dict) and set(part) == {"allOf"}:
            flat.extend(part["allOf"])
        elif not _true(part):
            flat.append(part)
    flat = _unique(flat)  # a repeated part holds where it holds once
    mergeable = [p for p in flat if isinstance(p, dict) and p and set(p) <= _MERGEABLE]
    if len(mergeable) > 1:
        flat = [p for p in flat if not any(p is m for m in mergeable)]
        flat.append(_merged(mergeable))
    return _factored(flat)


def _merged(parts: list[dict[str, Any]]) -> dict[str, Any]:
    """One schema of parts that hold only ``properties``, ``required`` and ``items``."""
    members: dict[str, list[Any]] = {}
    required: list[str] = []
    items: list[Any] = []
    for part in parts:
        for name, sub in part.get("properties", {}).items():
            members.setdefault(name, []).append(sub)
        required.extend(n for n in part.get("required", ()) if n not in required)
        if "items" in part:
            items.append(part["items"])
    out: dict[str, Any] = {}
    if members:
        out["properties"] = {name: _meet(subs) for name, subs in members.items()}
    if any("required" in part for part in parts):
        out["required"] = required
    if items:
        out["items"] = _meet(items)
    return out


def _meet(schemas: list[Any]) -> Any:
    return schemas[0] if len(schemas) == 1 else _schema({"allOf": schemas})


def _factored(parts: list[Any]) -> list[Any]:
    """``parts`` with the ``anyOf`` parts that share branches factored: the branch most
    parts have first, the branches all of those have in common taken out once."""
    disjunctions = [p for p in parts if isinstance(p, dict) and set(p) == {"anyOf"}
                    and isinstance(p["anyOf"], list)]
    out = [p for p in parts if not any(p is d for d in disjunctions)]
    keyed = [(d, [_key(b) for b in d["anyOf"]]) for d in disjunctions]
    while keyed:
        counts: dict[str, int] = {}
        for _d, keys in keyed:
            for key in set(keys):
                counts[key] = counts.get(key, 0) + 1
        best = max(sorted(counts), key=lambda k: counts[k])
        if counts[best] < 2:
            out.extend(d for d, _keys in keyed)
            break
        group = [(d, keys) for d, keys in keyed if best in keys]
        keyed = [(d, keys) for d, keys in keyed if best not in keys]
        common = set.intersection(*(set(keys) for _d, keys in group))
        rests = [[b for b, k in zip(d["anyOf"], keys, strict=True) if k not in common]
                 for d, keys in group]
        if not all(rests):  # one of them is the common branches alone: leave the group
            out.extend(d for d, _keys in group)
            continue
        first, first_keys = group[0]
        shared = [b for b, k in zip(first["anyOf"], first_keys, strict=True) if k in common]
        each = [rest[0] if len(rest) == 1 else {"anyOf": rest} for rest in rests]
        out.append(_schema({"anyOf": [*shared, {"allOf": each}]}))
    return out
