"""Helpers the SMS, WA, ACT, FILE and PACE rules share: where a value was written, channels."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence

from spec_compiler.document import LintContext, MessageSite, SchemaError, is_template
from spec_compiler.pointer import join
from spec_compiler.rules import _channels
from spec_compiler.rules.base import Finding
from spec_compiler.rules.schema_map import code_for

TYPE_CHECKING = False  # mypy takes it for True; a lint run need not import typing
if TYPE_CHECKING:
    from typing import Any


def _step(value: Any, token: str | int) -> tuple[bool, Any]:
    if isinstance(value, Mapping) and token in value:
        return True, value[token]
    if isinstance(value, list) and isinstance(token, int) and 0 <= token < len(value):
        return True, value[token]
    return False, None


def _has(value: Any, tokens: Sequence[str | int]) -> bool:
    for token in tokens:
        found, value = _step(value, token)
        if not found:
            return False
    return True


def origin(ctx: LintContext, site: MessageSite, *tokens: str | int) -> str:
    """The pointer of a value of ``site.message`` where it was written.

    In specs a value missing from the message as written came from ``defaults``.
    """
    here = join(site.pointer, *tokens)
    if not ctx.is_spec or _has(site.written, tokens):
        return here
    defaults = ctx.spec.get("defaults") if ctx.spec is not None else None
    if isinstance(defaults, Mapping) and _has(defaults, tokens):
        return join("/defaults", *tokens)
    return here


def unique(findings: Iterable[Finding]) -> Iterator[Finding]:
    """Each finding once (a value from spec ``defaults`` is shared by every message)."""
    seen: set[tuple[str, str, bool]] = set()
    for finding in findings:
        key = (finding.pointer, finding.message, finding.at_key)
        if key not in seen:
            seen.add(key)
            yield finding


Explain = Callable[[SchemaError], str | None]


def schema_findings(ctx: LintContext, code: str,
                    explain: Explain | None = None) -> Iterator[Finding]:
    """The schema faults mapped to ``code``, once per written value, messages improved."""
    found = []
    for error in ctx.schema_errors:
        if code_for(error) != code:
            continue
        message = (explain(error) if explain is not None else None) or error.message
        # the engine already reports a value inherited from spec defaults at /defaults
        found.append(Finding(error.pointer, message, at_key=error.at_key))
    yield from unique(found)


def faulty(ctx: LintContext) -> frozenset[str]:
    """Pointers (as written) of every schema fault: rules leave those values alone."""
    return frozenset(e.pointer for e in ctx.schema_errors)


def channels(ctx: LintContext) -> list[tuple[MessageSite, str | None]]:
    """Each message with its channel (lower case), None when the document does not tell."""
    out: list[tuple[MessageSite, str | None]] = []
    # touchpoints() has one entry per site, in order (site.index may skip non-objects)
    for site, tp in zip(ctx.messages, _channels.touchpoints(ctx), strict=True):
        known = tp.lower() if isinstance(tp, str) and tp and not is_template(tp) else None
        out.append((site, known))
    return out


def sender_id(message: Mapping[str, Any]) -> Any:
    """The message's ``meta.SenderID`` (None when absent)."""
    return _channels.meta(message).get("SenderID")


def is_sms(message: Mapping[str, Any], channel: str | None) -> bool:
    """True when the message goes out as SMS: its channel, or a SenderID when unknown."""
    return channel == "sms" or (channel is None and "SenderID" in _channels.meta(message))


def is_whatsapp(message: Mapping[str, Any], channel: str | None) -> bool:
    """True when the message goes out on WhatsApp: its channel, or template meta."""
    return channel == "whatsapp" or (channel is None and _channels.is_template(message))


def outbound(message: Mapping[str, Any]) -> bool:
    """True for a chat or card meant for the contact (role agent, or no role: MSG002's)."""
    role = message.get("role", "agent")
    return (role == "agent" and message.get("isBackchannel") is not True
            and _channels.message_type(message) in ("chat", "card"))


def is_file(message: Mapping[str, Any]) -> bool:
    """True when ``contentType`` says the text is a file's URL (anything but ``text/*``)."""
    ctype = message.get("contentType")
    return isinstance(ctype, str) and not ctype.strip().lower().startswith("text/")


def plain_text(message: Mapping[str, Any]) -> str | None:
    """The text when it is a string to judge now (not a ``{{ template }}``)."""
    text = message.get("text")
    return text if isinstance(text, str) and not is_template(text) else None


def quote(value: str, limit: int = 40) -> str:
    """A value in single quotes, shortened for a message."""
    text = value if len(value) <= limit else value[: limit - 1] + "…"
    return f"'{text}'"


Path = tuple[str | int, ...]


def action_groups(message: Mapping[str, Any]) -> Iterator[list[tuple[Path, Mapping[str, Any]]]]:
    """The message's actions, then each item's actions: one list per message or item."""
    actions = message.get("actions")
    if isinstance(actions, list):
        yield [(("actions", i), a) for i, a in enumerate(actions) if isinstance(a, Mapping)]
    items = message.get("items")
    for i, item in enumerate(items if isinstance(items, list) else []):
        inner = item.get("actions") if isinstance(item, Mapping) else None
        if isinstance(inner, list):
            yield [(("items", i, "actions", j), a) for j, a in enumerate(inner)
                   if isinstance(a, Mapping)]


def actions_of(message: Mapping[str, Any]) -> Iterator[tuple[Path, Mapping[str, Any]]]:
    """Every action of a message with its path: message actions first, then items'."""
    for group in action_groups(message):
        yield from group

