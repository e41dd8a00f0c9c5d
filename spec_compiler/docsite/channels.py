"""Channel views of compiled messages: which touchpoints, the SMS text, WhatsApp templates."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from spec_compiler.docsite.chat import LINK_ACTIONS, is_visible
from spec_compiler.sms import segments

TEMPLATE_KEYS = ("namespace", "elementName")


@dataclass(frozen=True)
class SmsView:
    """One message as it arrives by SMS."""

    index: int
    text: str
    sender_id: str | None
    encoding: str
    units: int
    segments: int
    per_segment: int


@dataclass(frozen=True)
class WhatsAppNote:
    """A WhatsApp message: an approved template, or free-form text (24-hour window)."""

    index: int
    text: str
    template: bool
    element_name: str
    namespace: str
    language: str


def _str(value: Any) -> str:
    return value if isinstance(value, str) else "" if value is None else str(value)


def _meta(message: Mapping[str, Any]) -> Mapping[str, Any]:
    value = message.get("meta")
    return value if isinstance(value, Mapping) else {}


def touchpoints(messages: Sequence[Mapping[str, Any]],
                conversation: str | None = None) -> list[str | None]:
    """Each message's touchpoint: its own, else the one a previous message selected.

    Same reading as the lint rules: within one request the channel a message selected
    stays active for the messages after it.
    """
    current = conversation
    out: list[str | None] = []
    for message in messages:
        own = message.get("touchpoint")
        if isinstance(own, str) and own:
            current = own
        out.append(current)
    return out


def channels(messages: Sequence[Mapping[str, Any]], tps: Sequence[str | None]) -> tuple[str, ...]:
    """The touchpoints the spec sends on, sorted (SenderID messages count as sms)."""
    found = {tp for m, tp in zip(messages, tps, strict=False)
             if tp and m.get("type") != "command"}
    if any("SenderID" in _meta(m) for m in messages):
        found.add("sms")
    return tuple(sorted(found))


def sms_text(message: Mapping[str, Any]) -> str:
    """The plain text an SMS carries: the text, then links as URLs, cards as lines."""
    lines = [_str(message.get("text"))]
    for action in _actions(message.get("actions")):
        if action.get("type", "link") in LINK_ACTIONS:
            lines.append(_str(action.get("uri") or action.get("url")))
    items = message.get("items")
    for item in items if isinstance(items, list) else []:
        if isinstance(item, Mapping):
            lines.append(_str(item.get("title")))
            lines.extend(_str(a.get("uri") or a.get("url")) for a in _actions(item.get("actions")))
    return "\n".join(line for line in lines if line)


def _actions(value: Any) -> list[Mapping[str, Any]]:
    return [a for a in value if isinstance(a, Mapping)] if isinstance(value, list) else []


def sms_views(messages: Sequence[Mapping[str, Any]],
              tps: Sequence[str | None]) -> tuple[SmsView, ...]:
    """The SMS view of every consumer-visible message that goes out as SMS."""
    out = []
    for index, (message, tp) in enumerate(zip(messages, tps, strict=False)):
        sender = _meta(message).get("SenderID")
        if not is_visible(message) or (tp != "sms" and sender is None):
            continue
        text = sms_text(message)
        info = segments(text)
        out.append(SmsView(index=index, text=text, sender_id=_str(sender) or None,
                           encoding=info.encoding, units=info.units, segments=info.segments,
                           per_segment=info.per_segment))
    return tuple(out)


def whatsapp_notes(messages: Sequence[Mapping[str, Any]],
                   tps: Sequence[str | None]) -> tuple[WhatsAppNote, ...]:
    """A note per WhatsApp message and per template message on any channel."""
    out = []
    for index, (message, tp) in enumerate(zip(messages, tps, strict=False)):
        meta = _meta(message)
        template = any(k in meta for k in TEMPLATE_KEYS)
        if message.get("type") == "command" or not (template or tp == "whatsapp"):
            continue
        out.append(WhatsAppNote(
            index=index, text=_str(message.get("text")), template=template,
            element_name=_str(meta.get("elementName")), namespace=_str(meta.get("namespace")),
            language=_str(meta.get("language")),
        ))
    return tuple(out)
