"""Shared helpers of the MSG, CONV and CMD rules: schema-derived key sets, pointers."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from functools import cache

from spec_compiler.document import LintContext, MessageSite
from spec_compiler.pointer import join
from spec_compiler.rules.base import Finding

TYPE_CHECKING = False  # mypy takes it for True; a lint run need not import typing
if TYPE_CHECKING:
    from typing import Any

#: system commands ([DOC] /notify, /assign; [SDK] /accept, /join, /leave)
SYSTEM_COMMANDS = ("notify", "assign", "accept", "join", "leave")
#: message types used by automations, which need no role to do their work
AUTOMATION_TYPES = ("form", "field", "report", "tag", "search", "mention")


def _props(node: Any) -> frozenset[str]:
    if not isinstance(node, Mapping):
        return frozenset()
    props = node.get("properties")
    keys = set(props) if isinstance(props, Mapping) else set()
    required = node.get("required")
    if isinstance(required, list):
        keys.update(k for k in required if isinstance(k, str))
    return frozenset(keys)


def _local(schema: Mapping[str, Any], node: Any) -> Any:
    """Follow one local ``#/$defs/name`` reference (the variants use nothing else)."""
    ref = node.get("$ref") if isinstance(node, Mapping) else None
    if isinstance(ref, str) and ref.startswith("#/$defs/"):
        return schema.get("$defs", {}).get(ref[len("#/$defs/"):], {})
    return node


def _variants(schema: Mapping[str, Any], node: Mapping[str, Any]) -> dict[str, frozenset[str]]:
    """The fields of each ``type`` variant of a union (``allOf`` of ``if type const / then``)."""
    out: dict[str, frozenset[str]] = {}
    for branch in node.get("allOf", []):
        cond = branch.get("if", {}) if isinstance(branch, Mapping) else {}
        const = cond.get("properties", {}).get("type", {}).get("const")
        fields = _props(_local(schema, branch.get("then", {})))
        if isinstance(const, str) and fields:
            out[const] = fields
    return out


@cache
def key_sets() -> dict[str, frozenset[str]]:
    """Known keys by place (``message``, ``action``, ``action:link``, ``item``, ``meta``, ...).

    Derived once per process from the bundled schemas.
    """
    from spec_compiler.schemas import load

    message, conversation = load("message"), load("conversation")
    mdefs, cdefs = message.get("$defs", {}), conversation.get("$defs", {})
    sets = {
        "message": _props(message),
        "action": _props(mdefs.get("action")),
        "item": _props(mdefs.get("item")),
        "meta": _props(mdefs.get("meta")),
        "result": _props(mdefs.get("result")),
        "conversation": _props(conversation),
        "contact": _props(cdefs.get("contact")),
        "profile": _props(cdefs.get("profile")),
    }
    for kind, fields in _variants(message, mdefs.get("action", {})).items():
        sets[f"action:{kind}"] = fields
    return sets


def _has(data: Any, path: tuple[str, ...]) -> bool:
    for token in path:
        if not isinstance(data, Mapping) or token not in data:
            return False
        data = data[token]
    return True


def field_pointer(ctx: LintContext, site: MessageSite, *path: str) -> str:
    """Where a field of a message was written: in the message, or in the spec's defaults."""
    if not _has(site.written, path) and ctx.spec is not None:
        defaults = ctx.spec.get("defaults")
        if _has(defaults, path):
            return join("/defaults", *path)
    return join(site.pointer, *path)


def unique(findings: Iterable[Finding]) -> Iterator[Finding]:
    """Each finding once (a value from ``defaults`` is shared by every message)."""
    seen: set[tuple[str, str, bool]] = set()
    for finding in findings:
        key = (finding.pointer, finding.message, finding.at_key)
        if key not in seen:
            seen.add(key)
            yield finding


def text_of(message: Mapping[str, Any]) -> str | None:
    """The message text when it is a plain (non-template) string."""
    text = message.get("text")
    return text if isinstance(text, str) and "{{" not in text else None


def command_word(text: str) -> str | None:
    """``assign`` for ``/assign users``; None when the text is not a ``/`` command."""
    if not text.startswith("/"):
        return None
    parts = text[1:].split(maxsplit=1)
    return parts[0] if parts else ""
