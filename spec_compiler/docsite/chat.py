"""Compiled messages → what the contact sees: bubbles, cards, buttons, typing indicators.

Pure functions over the compiled message dicts and their timeline; the HTML and Markdown
renderers only lay these entries out.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, Literal

from spec_compiler.pacing import TimelineRow

EntryKind = Literal["typing", "bubble", "note"]
Side = Literal["left", "right"]
NoteKind = Literal["command", "internal"]

#: message types a consumer UI shows (others are agent-UI only)
SHOWN_TYPES = ("chat", "card")
#: actions that render as buttons that open something
LINK_ACTIONS = ("link", "webview")
#: URL schemes a preview may link to or load; anything else (javascript:, data:) is text
SAFE_SCHEMES = ("http", "https", "mailto", "tel")
_SCHEME = re.compile(r"\A([A-Za-z][A-Za-z0-9+.-]*):")


@dataclass(frozen=True)
class Button:
    """An action as the contact sees it."""

    text: str
    kind: str
    url: str | None = None
    icon_url: str | None = None


@dataclass(frozen=True)
class Card:
    """One item of a carousel."""

    title: str
    description: str
    image_url: str | None
    alt: str
    buttons: tuple[Button, ...]


@dataclass(frozen=True)
class Attachment:
    """A file or image message (its URL travels in ``text``)."""

    #: None when the URL is not one a page may load (see ``safe_url``)
    url: str | None
    content_type: str
    title: str
    is_image: bool


@dataclass(frozen=True)
class Entry:
    """One thing on the chat preview, in the order the contact sees it."""

    kind: EntryKind
    #: 0-based index of the message it belongs to
    index: int
    #: when it starts (typing) or appears (bubble, note), in ms from sending
    at_ms: int
    side: Side = "right"
    role: str = "agent"
    text: str = ""
    buttons: tuple[Button, ...] = ()
    cards: tuple[Card, ...] = ()
    quick_replies: tuple[Button, ...] = ()
    attachment: Attachment | None = None
    note_kind: NoteKind | None = None
    #: typing: when the message appears and the indicator ends
    until_ms: int = 0
    #: quick replies replaced by a later message (only the last ones stay at the bottom)
    stale: bool = False


def _str(value: Any) -> str:
    return value if isinstance(value, str) else "" if value is None else str(value)


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def safe_url(value: Any) -> str | None:
    """``value`` when it is an http(s), mailto or tel URL, else None (never a script)."""
    if not isinstance(value, str) or any(ord(c) < 0x20 or c.isspace() for c in value.strip()):
        return None
    match = _SCHEME.match(value.strip())
    if match is None or match.group(1).lower() not in SAFE_SCHEMES:
        return None
    return value.strip()


def is_visible(message: Mapping[str, Any]) -> bool:
    """True when the contact sees the message as a bubble (agent or contact role)."""
    if message.get("type") == "command" or message.get("isBackchannel") is True:
        return False
    kind = _str(message.get("type") or "chat")
    return kind in SHOWN_TYPES and message.get("role") in ("agent", "contact")


def button(action: Mapping[str, Any]) -> Button:
    """An action dict as a button."""
    kind = _str(action.get("type") or "link")
    url = None
    if kind in LINK_ACTIONS:
        url = safe_url(action.get("uri") or action.get("url") or action.get("fallback"))
    icon = safe_url(action.get("iconUrl"))
    return Button(text=_str(action.get("text")), kind=kind, url=url, icon_url=icon)


def card(item: Mapping[str, Any]) -> Card:
    """A carousel item as a card."""
    media = safe_url(item.get("mediaUrl"))
    media_type = _str(item.get("mediaType"))
    if media is not None and media_type and not media_type.startswith("image/"):
        media = None
    title = _str(item.get("title"))
    actions = [button(_mapping(a)) for a in _list(item.get("actions"))]
    return Card(title=title, description=_str(item.get("description")), image_url=media,
                alt=_str(item.get("altText")) or title or "item image", buttons=tuple(actions))


def attachment(message: Mapping[str, Any]) -> Attachment | None:
    """The file or image of a message whose content type is not text."""
    content_type = _str(message.get("contentType"))
    if not content_type or content_type.startswith("text/"):
        return None
    url = _str(message.get("text"))
    title = _str(_mapping(message.get("meta")).get("title"))
    name = url.rstrip("/").rsplit("/", 1)[-1] or url
    return Attachment(url=safe_url(url), content_type=content_type, title=title or name,
                      is_image=content_type.startswith("image/"))


def bubble(index: int, message: Mapping[str, Any], at_ms: int) -> Entry:
    """A consumer-visible message as a bubble."""
    actions = [button(_mapping(a)) for a in _list(message.get("actions"))]
    role = _str(message.get("role"))
    file = attachment(message)
    return Entry(
        kind="bubble", index=index, at_ms=at_ms, role=role,
        side="left" if role == "contact" else "right",
        text="" if file else _str(message.get("text")),
        buttons=tuple(b for b in actions if b.kind != "reply"),
        quick_replies=tuple(b for b in actions if b.kind == "reply"),
        cards=tuple(card(_mapping(i)) for i in _list(message.get("items"))),
        attachment=file,
    )


def note(index: int, message: Mapping[str, Any], at_ms: int) -> Entry:
    """A message the contact does not see: a command or an agent-UI-only message."""
    if message.get("type") == "command":
        return Entry(kind="note", index=index, at_ms=at_ms, note_kind="command",
                     role="command", text=_str(message.get("text")))
    role = _str(message.get("role") or "bot")
    kind = _str(message.get("type") or "chat")
    where = "backchannel" if message.get("isBackchannel") is True else f"{role} {kind}"
    return Entry(kind="note", index=index, at_ms=at_ms, note_kind="internal", role=role,
                 text=f"{where} message, not shown to the contact: {_str(message.get('text'))}")


def _message_entries(index: int, message: Mapping[str, Any],
                     row: TimelineRow | None) -> list[tuple[int, int, Entry]]:
    shown = row.shown_at_ms if row else 0
    if not is_visible(message):
        return [(shown, 2 * index + 1, note(index, message, shown))]
    out = [(shown, 2 * index + 1, bubble(index, message, shown))]
    if row is not None and row.typing_start_ms is not None:
        typing = Entry(kind="typing", index=index, at_ms=row.typing_start_ms, until_ms=shown,
                       role=_str(message.get("role")),
                       side="left" if message.get("role") == "contact" else "right")
        out.append((row.typing_start_ms, 2 * index, typing))
    return out


def entries(messages: Sequence[Mapping[str, Any]],
            rows: Sequence[TimelineRow]) -> tuple[Entry, ...]:
    """Every entry of the preview, ordered by time (ties keep message order)."""
    keyed: list[tuple[int, int, Entry]] = []
    for index, message in enumerate(messages):
        row = rows[index] if index < len(rows) else None
        keyed.extend(_message_entries(index, message, row))
    keyed.sort(key=lambda item: (item[0], item[1]))
    return _mark_stale(tuple(entry for _, _, entry in keyed))


def _mark_stale(items: tuple[Entry, ...]) -> tuple[Entry, ...]:
    """Quick replies go away when a later bubble arrives; only the last ones stay."""
    last = max((i for i, e in enumerate(items) if e.kind == "bubble"), default=-1)
    return tuple(
        replace(e, stale=True) if e.quick_replies and i != last else e
        for i, e in enumerate(items)
    )


def tray(items: Sequence[Entry]) -> tuple[Button, ...]:
    """The quick replies shown at the bottom of the chat: those of the last bubble."""
    bubbles = [e for e in items if e.kind == "bubble"]
    return bubbles[-1].quick_replies if bubbles else ()
