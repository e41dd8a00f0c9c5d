"""Our keywords taken out of a certificate, so that jsonschema_rs checks plain JSON Schema.

jsonschema_rs runs a keyword of ours (``x-equal``, ``x-distinct``, ``x-delays``,
``x-no-near-miss``) by calling back into Python, and a validator compiled with any such
keyword at all is slower on every document, even on one that never reaches it (the
same schema without our keywords checked a message ~8 µs faster with ``keywords=``
passed than without it).
Checked here instead, a message certificate costs ~112,000 instructions instead of
~153,000, a conversation's ~329,000 instead of ~431,000 (callgrind, the benchmark
corpus's documents, the same verdicts).

So ``split`` takes them out at generation time. It finds, for each of our keywords in a
certificate, every place of an instance where jsonschema_rs could evaluate it (walking
the applicators: ``properties`` names a member, ``items``/``prefixItems``/``contains``
any item, ``additionalProperties``/``patternProperties`` any member value,
``propertyNames`` any key, ``allOf``/``anyOf``/``not``/``if``/... the same place,
``$ref`` its target), and leaves the schema without them. At run time the rest is
checked by jsonschema_rs and the keywords by ``side_check`` in plain Python, at every
one of those places, whatever branch the schema would have been in.

That is sound: where every keyword holds at every place it could be asked, the schema
without them decides exactly as the schema with them, so a document both accept is one
the certificate accepts. It is conservative where a keyword fails at a place that the
full certificate would have excused (a link's ``uri`` and ``url`` that differ but hold a
``{{`` placeholder): that document is not certified and takes the full path, as any
document a certificate declines does.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

TYPE_CHECKING = False  # mypy takes it for True; a lint run need not import typing
if TYPE_CHECKING:
    from typing import Any

    Path = tuple[tuple[str, ...], ...]


class UnsupportedSplit(ValueError):
    """A keyword of ours where ``split`` cannot list the places it applies to."""


#: applicators whose subschemas apply to the instance itself
_SAME_ONE = ("not", "if", "then", "else")
_SAME_LIST = ("allOf", "anyOf", "oneOf")
#: applicators whose subschema applies to a part of the instance: the step to it
_PARTS_ONE = {"items": ("i",), "contains": ("i",), "unevaluatedItems": ("i",),
              "additionalProperties": ("v",), "unevaluatedProperties": ("v",),
              "propertyNames": ("k",)}
#: not schemas: never searched for keywords
_DATA = frozenset({"enum", "const", "examples", "default"})


def split(schema: Any, keywords: frozenset[str]) -> tuple[Any, list[Any]]:
    """``schema`` without ``keywords``, and the keywords as side checks: a sorted list of
    ``[keyword, value, [path, ...]]`` where each path is a list of steps (``["p", NAME]``
    a member, ``["i"]`` any item, ``["v"]`` any member value, ``["k"]`` any key)."""
    import json

    walk = _Walk(schema, keywords)
    walk.schema(schema, ())
    every = {id(node) for node in _schemas_under(schema) if keywords & node.keys()}
    if every - walk.reached:
        raise UnsupportedSplit("a keyword of ours where no instance path leads")
    side: dict[tuple[str, str], tuple[str, Any, set[Path]]] = {}
    for keyword, value, path in walk.found:
        key = (keyword, json.dumps(value, sort_keys=True))
        side.setdefault(key, (keyword, value, set()))[2].add(path)
    entries = [[keyword, value, sorted([list(step) for step in p] for p in paths)]
               for (_k, _v), (keyword, value, paths) in sorted(side.items())]
    return _strip(schema, keywords), entries


class _Walk:
    """The places each keyword of ours applies to, found along the applicators; bases
    and references as ``certgen`` resolves them."""

    def __init__(self, root: Any, keywords: frozenset[str]) -> None:
        from spec_compiler.certgen import _Generator

        self.keywords = keywords
        self.refs = _Generator(root)  # its index of $id resources and the bases
        self.found: list[tuple[str, Any, Path]] = []
        self.reached: set[int] = set()
        self._reaches: dict[int, bool] = {}
        self._stack: list[int] = []

    def schema(self, node: Any, path: Path) -> None:
        if not isinstance(node, dict):
            return
        for keyword in sorted(self.keywords & node.keys()):
            self.found.append((keyword, node[keyword], path))
            self.reached.add(id(node))
        for key, sub in node.items():
            if key in _SAME_ONE:
                self.schema(sub, path)
            elif key in _SAME_LIST and isinstance(sub, list):
                for each in sub:
                    self.schema(each, path)
            elif key == "properties" and isinstance(sub, dict):
                for name, each in sub.items():
                    self.schema(each, (*path, ("p", name)))
            elif key in ("patternProperties", "dependentSchemas") and isinstance(sub, dict):
                step = (("v",),) if key == "patternProperties" else ()
                for each in sub.values():
                    self.schema(each, path + step)
            elif key == "prefixItems" and isinstance(sub, list):
                for each in sub:
                    self.schema(each, (*path, ("i",)))
            elif key in _PARTS_ONE:
                self.schema(sub, (*path, _PARTS_ONE[key]))
            elif key == "$ref" and isinstance(sub, str):
                self._ref(node, path)
            elif key in ("$dynamicRef", "$recursiveRef"):
                raise UnsupportedSplit(f"{key} is not followed")

    def _ref(self, node: dict[str, Any], path: Path) -> None:
        target = self._target(node)
        if not self.reaches(target):
            return
        if id(target) in self._stack:
            raise UnsupportedSplit(f"{node['$ref']} is recursive and leads to a keyword of ours")
        self._stack.append(id(target))
        try:
            self.schema(target, path)
        finally:
            self._stack.pop()

    def _target(self, node: dict[str, Any]) -> Any:
        from spec_compiler.certgen import _ROOT

        try:
            return self.refs._resolve(node["$ref"], self.refs.bases.get(id(node), _ROOT))
        except (ValueError, KeyError, IndexError, TypeError):  # certgen's UnsupportedSchema too
            raise UnsupportedSplit(f"{node['$ref']} does not resolve") from None

    def reaches(self, node: Any) -> bool:
        """True when a keyword of ours is under ``node`` or under what its references
        lead to (a cycle adds nothing beyond what its members hold)."""
        known = self._reaches.get(id(node))
        if known is not None:
            return known
        self._reaches[id(node)] = False  # while in progress
        found = False
        for sub in _schemas_under(node):
            if self.keywords & sub.keys():
                found = True
            if isinstance(sub.get("$ref"), str):
                found = self.reaches(self._target(sub)) or found
        self._reaches[id(node)] = found
        return found


def _schemas_under(node: Any) -> Iterator[dict[str, Any]]:
    """Every object under ``node`` outside data keywords."""
    if isinstance(node, dict):
        yield node
        for key, value in node.items():
            if key not in _DATA:
                yield from _schemas_under(value)
    elif isinstance(node, list):
        for value in node:
            yield from _schemas_under(value)


def _strip(node: Any, keywords: frozenset[str]) -> Any:
    if isinstance(node, dict):
        return {k: v if k in _DATA else _strip(v, keywords)
                for k, v in node.items() if k not in keywords}
    if isinstance(node, list):
        return [_strip(v, keywords) for v in node]
    return node


# ---------------------------------------------------------------- run time


class EqualProperties:
    """``"x-equal": [NAMES]``: the named properties an object has are all equal."""

    def __init__(self, value: Any) -> None:
        self.names = tuple(value)
        #: what side_check calls (uri and url: the pair we have, without a list)
        self.check = self._pair if len(self.names) == 2 else self._any

    def _any(self, instance: Any) -> bool:
        if not isinstance(instance, dict):
            return True
        values = [instance[n] for n in self.names if n in instance]
        return all(v == values[0] for v in values[1:])

    def _pair(self, instance: Any) -> bool:
        first, second = self.names
        return (not isinstance(instance, dict) or first not in instance
                or second not in instance or instance[first] == instance[second])


class DistinctValues:
    """``"x-distinct": NAME``: no two objects of an array have equal NAME properties."""

    def __init__(self, value: Any) -> None:
        self.name = value
        self.check = self._check

    def _check(self, instance: Any) -> bool:
        if not isinstance(instance, list):
            return True
        seen: list[Any] = []
        name = self.name
        for item in instance:
            if isinstance(item, dict) and name in item:
                if item[name] in seen:
                    return False
                seen.append(item[name])
        return True


class NoNearMiss:
    """``"x-no-near-miss": {"known": [NAMES], "cutoff": C}``: a string that is one of NAMES
    or no near miss of one (``nearmiss.near_miss``, what MSG001 reports from)."""

    def __init__(self, value: Any) -> None:
        self.known = tuple(value["known"])
        self.cutoff = float(value["cutoff"])
        #: the names seen that are fine (known or no near miss), and those that are
        #: not: meta keys repeat from file to file, and difflib is slow
        self.fine: set[str] = set(self.known)
        self.near: set[str] = set()
        self.check = self._check

    def _check(self, instance: Any) -> bool:
        if not isinstance(instance, str) or instance in self.fine:
            return True
        if instance in self.near:
            return False
        from spec_compiler.nearmiss import near_miss  # only for a name not seen before

        fine = near_miss(instance, self.known, self.cutoff) is None
        if len(self.fine) + len(self.near) < _MEMO_LIMIT:
            (self.fine if fine else self.near).add(instance)
        return fine

    def all_fine(self, names: Any) -> bool:
        """True when each of ``names`` is fine (a dict's keys: one set comparison when
        every key has been seen fine before)."""
        return names <= self.fine or all(map(self._check, names))


#: names ``NoNearMiss`` remembers at most (a run over generated keys stays bounded)
_MEMO_LIMIT = 65_536


class PacingKept:
    """``"x-delays": NAME``: an array of messages whose delays keep the pacing invariant
    NAME (``pacing.INVARIANTS``: true exactly where the PACE rule of NAME finds nothing)."""

    def __init__(self, value: Any) -> None:
        from spec_compiler.pacing import INVARIANTS

        self.check = INVARIANTS[value]


#: the check of each keyword of ours (``quiet.KEYWORDS`` names them)
CHECKS: dict[str, Any] = {"x-equal": EqualProperties, "x-distinct": DistinctValues,
                          "x-delays": PacingKept, "x-no-near-miss": NoNearMiss}


def side_check(entries: list[Any]) -> Callable[[Any], bool]:
    """A function that tells whether each keyword of ``entries`` (``split``'s) holds at
    every place of an instance it applies to."""
    tree: dict[Any, Any] = {}
    for keyword, value, paths in entries:
        check = CHECKS[keyword](value)  # its .check is what is called
        for path in paths:
            node = tree
            for step in path:
                node = node.setdefault(tuple(step), {})
            node.setdefault((), []).append(check)
    return _compiled(tree)


def _compiled(node: dict[Any, Any]) -> Callable[[Any], bool]:
    """The check of one place of the tree: its own checks, then its members, items,
    member values and keys."""
    checks = tuple(each.check for each in node.get((), ()))
    members = tuple((step[1], _compiled(sub)) for step, sub in node.items()
                    if step[:1] == ("p",))
    items = _compiled(node[("i",)]) if ("i",) in node else None
    values = _compiled(node[("v",)]) if ("v",) in node else None
    keys = _keys(node[("k",)]) if ("k",) in node else None
    if len(checks) == 1 and not (members or items or values or keys):
        return checks[0]  # type: ignore[no-any-return]

    def holds(value: Any) -> bool:
        for check in checks:
            if not check(value):
                return False
        if isinstance(value, dict):
            for name, member in members:
                if name in value and not member(value[name]):
                    return False
            if values is not None and not all(map(values, value.values())):
                return False
            return keys is None or keys(value)
        if items is not None and isinstance(value, list):
            return all(map(items, value))
        return True

    return holds


def _keys(node: dict[Any, Any]) -> Callable[[dict[str, Any]], bool]:
    """The check of every key of an object (a key is a string: only checks apply)."""
    found = tuple(node.get((), ()))
    if len(found) == 1 and isinstance(found[0], NoNearMiss):
        return lambda value: found[0].all_fine(value.keys())
    checks = tuple(each.check for each in found)
    return lambda value: all(check(key) for check in checks for key in value)
