"""Facts about messages that several rules share (channels, roles, templates)."""

from __future__ import annotations

from collections.abc import Mapping

from spec_compiler.document import LintContext, MessageSite

TYPE_CHECKING = False  # mypy takes it for True; a lint run need not import typing
if TYPE_CHECKING:
    from typing import Any

CONSUMER_FIELDS = ("actions", "items")
TEMPLATE_KEYS = ("namespace", "elementName")


def meta(message: Mapping[str, Any]) -> Mapping[str, Any]:
    """The message's ``meta`` when it is a mapping, else an empty one."""
    value = message.get("meta")
    return value if isinstance(value, Mapping) else {}


def message_type(message: Mapping[str, Any]) -> str:
    """The message type (``chat`` when absent, as the API defaults it)."""
    value = message.get("type", "chat")
    return value if isinstance(value, str) else "chat"


def role(message: Mapping[str, Any]) -> str:
    """The role (``bot`` when absent, as the API defaults it)."""
    value = message.get("role", "bot")
    return value if isinstance(value, str) else "bot"


def is_command(message: Mapping[str, Any]) -> bool:
    """True for ``type: command``."""
    return message_type(message) == "command"


def is_template(message: Mapping[str, Any]) -> bool:
    """True when the message carries WhatsApp template meta."""
    m = meta(message)
    return any(k in m for k in TEMPLATE_KEYS)


def reaches_consumer(message: Mapping[str, Any]) -> bool:
    """True for main-stream agent messages: the only ones a contact receives."""
    return (role(message) == "agent" and message.get("isBackchannel") is not True
            and message_type(message) in ("chat", "card"))


def touchpoints(ctx: LintContext) -> list[str | None]:
    """The touchpoint each message goes out on, as far as the document tells.

    A message's own ``touchpoint`` wins; otherwise the conversation's; otherwise, within
    one request, the channel a previous message selected stays active (the seed's second
    SMS message has no touchpoint and still goes out as SMS).
    """
    conv_tp = None
    if ctx.conversation is not None and isinstance(ctx.conversation.get("touchpoint"), str):
        conv_tp = ctx.conversation["touchpoint"]
    current: str | None = conv_tp
    out: list[str | None] = []
    for site in ctx.messages:
        tp = site.message.get("touchpoint")
        if isinstance(tp, str) and tp:
            current = tp
        out.append(current)
    return out


def touchpoint_of(ctx: LintContext, site: MessageSite) -> str | None:
    """The effective touchpoint of one message (see ``touchpoints``)."""
    for found, touchpoint in zip(ctx.messages, touchpoints(ctx), strict=True):
        if found is site:
            return touchpoint
    return None
