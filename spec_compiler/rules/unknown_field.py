"""A key the API does not know at that place.

Every message, action (per its `type`), carousel item, conversation body, contact and
profile field is declared in the schemas ([DOC] message types and attributes, Sunshine
Conversations actions); an unknown key is silently dropped by the API, usually a typo.
`meta` is open by design: only a near-miss of a known meta key (`senderID`,
`element_name`) is reported. Top-level keys of specs are SPEC004's. No options.

Fails:

```yaml
text: Hello
role: agent
contenttype: text/plain
meta: {quoted_message: this message is quoted}
```

Passes:

```yaml
text: Hello
role: agent
contentType: text/plain
meta: {quotedMessage: this message is quoted}
```
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import cache

from spec_compiler.diagnostics import Severity
from spec_compiler.document import LintContext
from spec_compiler.nearmiss import near_miss
from spec_compiler.pointer import join
from spec_compiler.rules._msg_util import key_sets, unique
from spec_compiler.rules._schema_util import hint
from spec_compiler.rules._spec_util import SPEC_KEYS, near_spec_key
from spec_compiler.rules.base import Finding

TYPE_CHECKING = False  # mypy takes it for True; a lint run need not import typing
if TYPE_CHECKING:
    from typing import Any

CODE = "MSG001"
NAME = "unknown-field"
SEVERITY: Severity = "warning"
OPTIONS: dict[str, Any] = {}

#: how close an unknown meta key must be to a known one to count as a typo
META_CUTOFF = 0.85


def check(ctx: LintContext, options: Mapping[str, Any]) -> Iterator[Finding]:
    """Yield one finding per unknown key, at the key."""
    yield from unique(_findings(ctx))


def _findings(ctx: LintContext) -> Iterator[Finding]:
    data = ctx.data
    if ctx.spec is not None:
        yield from _spec(ctx.spec)
    elif ctx.kind == "conversation" and isinstance(data, Mapping):
        yield from _keys("", data, "conversation")
        yield from _contact(data.get("contact"))
    for site in ctx.messages:
        yield from _message(site.pointer, site.written)


def _spec(spec: Mapping[str, Any]) -> Iterator[Finding]:
    defaults = spec.get("defaults")
    if isinstance(defaults, Mapping):
        yield from _message("/defaults", defaults)
    if spec.get("kind") != "conversation":
        return  # every other top-level key of a messages spec is SPEC004's
    body = key_sets()["conversation"]
    for key in spec:
        if key not in SPEC_KEYS and key not in body and near_spec_key(key, body) is None:
            yield Finding(join("", key), f"unknown field '{key}'{hint(key, body)}", at_key=True)
    yield from _contact(spec.get("contact"))


def _keys(ptr: str, obj: Mapping[str, Any], place: str) -> Iterator[Finding]:
    known = key_sets()[place]
    for key in obj:
        if isinstance(key, str) and key not in known:
            yield Finding(join(ptr, key), f"unknown field '{key}'{hint(key, known)}", at_key=True)


def _contact(contact: Any) -> Iterator[Finding]:
    if not isinstance(contact, Mapping):
        return
    yield from _keys("/contact", contact, "contact")
    if isinstance(contact.get("profile"), Mapping):
        yield from _keys("/contact/profile", contact["profile"], "profile")


def _message(ptr: str, message: Mapping[str, Any]) -> Iterator[Finding]:
    # pointers are built only for an object with a key to report
    sets = key_sets()
    if not sets["message"].issuperset(message):
        yield from _keys(ptr, message, "message")
    for i, action in _objects(message.get("actions")):
        if _odd_action(sets, action):
            yield from _action(join(ptr, "actions", i), action)
    for i, item in _objects(message.get("items")):
        if not sets["item"].issuperset(item):
            yield from _keys(join(ptr, "items", i), item, "item")
        for j, action in _objects(item.get("actions")):
            if _odd_action(sets, action):
                yield from _action(join(ptr, "items", i, "actions", j), action)
    for i, result in _objects(message.get("results")):
        if not sets["result"].issuperset(result):
            yield from _keys(join(ptr, "results", i), result, "result")
    meta = message.get("meta")
    if isinstance(meta, Mapping) and not sets["meta"].issuperset(meta):
        yield from _meta(join(ptr, "meta"), meta)


def _odd_action(sets: Mapping[str, frozenset[str]], action: Mapping[str, Any]) -> bool:
    """False when ``_action`` finds nothing: every key is one of its type's (or an action's)."""
    kind = action.get("type")
    variant = sets.get(f"action:{kind}") if isinstance(kind, str) else None
    return not (variant if variant is not None else sets["action"]).issuperset(action)


def _objects(value: Any) -> list[tuple[int, Mapping[str, Any]]]:
    if not isinstance(value, list):
        return []
    return [(i, v) for i, v in enumerate(value) if isinstance(v, Mapping)]


def _action(ptr: str, action: Mapping[str, Any]) -> Iterator[Finding]:
    sets = key_sets()
    kind = action.get("type")
    variant = sets.get(f"action:{kind}") if isinstance(kind, str) else None
    if variant is None:
        yield from _keys(ptr, action, "action")
        return
    for key in action:
        if not isinstance(key, str) or key in variant:
            continue
        if key in sets["action"]:
            message = f"'{key}' is not a field of a {kind} action"
        else:
            message = f"unknown field '{key}'{hint(key, variant)}"
        yield Finding(join(ptr, key), message, at_key=True)


def _meta(ptr: str, meta: Mapping[str, Any]) -> Iterator[Finding]:
    known = key_sets()["meta"]
    for key in meta:
        if not isinstance(key, str) or key in known:
            continue
        guess = _meta_guess(key)
        if guess is not None:
            message = f"unknown meta field '{key}'; did you mean '{guess}'?"
            yield Finding(join(ptr, key), message, at_key=True)


def _meta_guess(key: str) -> str | None:
    """The known meta key an undocumented ``key`` is a near miss of."""
    return near_miss(key, known_meta(), META_CUTOFF)


@cache
def known_meta() -> tuple[str, ...]:
    """The documented meta keys, in a stable order."""
    return tuple(sorted(key_sets()["meta"]))


# ---------------------------------------------------------------- quiet condition
# Every level the rule inspects is closed with the key sets it uses (``key_sets``, read
# once here: the rule reads the same cached sets). ``meta`` is open: a key that is not
# known passes when it is no near miss of a known one, which the condition asks the
# function the rule reports from (``x-no-near-miss``, see spec_compiler.quiet).


def _build_quiet() -> dict[str, Any]:
    sets = key_sets()

    def closed(place: str) -> dict[str, Any]:
        return {"propertyNames": {"enum": sorted(sets[place])}}

    variants = sorted(k for k in sets if k.startswith("action:"))
    action = {"anyOf": [
        {"required": ["type"], "properties": {"type": {"const": v[len("action:"):]}},
         **closed(v)}
        for v in variants
    ]}
    meta_names = {"x-no-near-miss": {"known": list(known_meta()), "cutoff": META_CUTOFF}}
    item = {**closed("item"), "properties": {"actions": {"items": action}}}
    message = {
        **closed("message"),
        "properties": {
            "actions": {"items": action},
            "items": {"items": item},
            "results": {"items": closed("result")},
            "meta": {"propertyNames": meta_names},
        },
    }
    conversation = {
        **closed("conversation"),
        "properties": {"contact": {
            **closed("contact"),
            "properties": {"profile": closed("profile")},
        }},
    }
    return {"message": message, "conversation": conversation, "message-list": True}


#: finds nothing where every key (message, action per type, item, result, conversation,
#: contact, profile) is a known one and every meta key is known or no near miss of one
#: (see spec_compiler.quiet)
QUIET: dict[str, Any] = _build_quiet()
