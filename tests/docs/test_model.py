"""The page model: what the contact sees, in what order, on which channel."""

from __future__ import annotations

from typing import Any

import pytest

from spec_compiler.docsite import chat
from spec_compiler.docsite.channels import channels, sms_text, sms_views, touchpoints
from spec_compiler.docsite.model import slugify, unique_slugs, variable_rows
from spec_compiler.pacing import TimelineRow


def _row(index: int, shown: int, typing: int | None) -> TimelineRow:
    return TimelineRow(index=index, type="chat", text="", shown_at_ms=shown,
                       typing_start_ms=typing, explicit=False)


MESSAGES: list[dict[str, Any]] = [
    {"text": "Hi", "role": "agent"},
    {"text": "Pick one", "role": "agent", "delay": 2000,
     "actions": [{"type": "reply", "text": "A", "iconUrl": "https://x.test/a.png"},
                 {"type": "postback", "text": "B", "payload": "b"}]},
    {"text": "note to self", "role": "bot"},
    {"text": "/leave", "type": "command", "delay": 3000},
]
ROWS = [_row(0, 0, None), _row(1, 2000, 1000), _row(2, 0, None), _row(3, 3000, None)]


def test_entries_are_ordered_by_time_with_typing_before_its_message() -> None:
    items = chat.entries(MESSAGES, ROWS)
    kinds = [(e.kind, e.index) for e in items]
    assert kinds == [("bubble", 0), ("note", 2), ("typing", 1), ("bubble", 1), ("note", 3)]
    typing = items[2]
    assert (typing.at_ms, typing.until_ms) == (1000, 2000)


def test_bubbles_split_buttons_and_quick_replies() -> None:
    bubble = chat.entries(MESSAGES, ROWS)[3]
    assert [b.text for b in bubble.buttons] == ["B"]
    assert [(q.text, q.icon_url) for q in bubble.quick_replies] == [("A", "https://x.test/a.png")]
    assert bubble.side == "right"
    assert not bubble.stale


def test_only_the_last_bubble_keeps_its_quick_replies_in_the_tray() -> None:
    messages = [*MESSAGES[:2], {"text": "later", "role": "agent", "delay": 5000}]
    rows = [*ROWS[:2], _row(2, 5000, 4000)]
    items = chat.entries(messages, rows)
    assert chat.tray(items) == ()
    assert [e.stale for e in items if e.quick_replies] == [True]


def test_notes_for_commands_and_agent_ui_only_messages() -> None:
    notes = [e for e in chat.entries(MESSAGES, ROWS) if e.kind == "note"]
    assert [n.note_kind for n in notes] == ["internal", "command"]
    assert "not shown to the contact" in notes[0].text


@pytest.mark.parametrize(
    ("message", "visible"),
    [
        ({"text": "x", "role": "agent"}, True),
        ({"text": "x", "role": "contact"}, True),
        ({"text": "x", "role": "agent", "isBackchannel": True}, False),
        ({"text": "x", "role": "bot"}, False),
        ({"text": "/leave", "type": "command"}, False),
        ({"text": "+Form", "type": "form", "role": "agent"}, False),
    ],
    ids=["agent", "contact", "backchannel", "bot", "command", "form"],
)
def test_visibility(message: dict[str, Any], visible: bool) -> None:
    assert chat.is_visible(message) is visible


def test_cards_and_attachments() -> None:
    card = chat.card({"title": "Tacos", "description": "Good", "mediaUrl": "https://x.test/t.jpg",
                      "actions": [{"type": "link", "text": "Go", "uri": "https://x.test/"}]})
    assert (card.title, card.image_url, card.alt) == ("Tacos", "https://x.test/t.jpg", "Tacos")
    assert card.buttons[0].url == "https://x.test/"
    file = chat.attachment({"text": "https://x.test/a.pdf", "contentType": "application/pdf"})
    assert file is not None and (file.title, file.is_image) == ("a.pdf", False)
    assert chat.attachment({"text": "hello", "contentType": "text/plain"}) is None


@pytest.mark.parametrize(
    ("url", "safe"),
    [("https://x.test/a", True), ("HTTP://x.test", True), ("mailto:a@b.test", True),
     ("javascript:alert(1)", False), (" JavaScript:alert(1)", False),
     ("data:text/html,<b>", False), ("java\tscript:x", False), ("/relative", False)],
)
def test_safe_url(url: str, safe: bool) -> None:
    assert (chat.safe_url(url) is not None) is safe


def test_touchpoints_carry_forward_and_sms_views() -> None:
    messages = [{"text": "Hi {x}", "touchpoint": "sms", "role": "agent",
                 "meta": {"SenderID": "Garage"}},
                {"text": "Go:", "role": "agent",
                 "actions": [{"type": "link", "text": "here", "uri": "https://x.test/"}]}]
    tps = touchpoints(messages)
    assert tps == ["sms", "sms"]
    assert channels(messages, tps) == ("sms",)
    views = sms_views(messages, tps)
    assert [v.sender_id for v in views] == ["Garage", None]
    assert views[1].text == "Go:\nhttps://x.test/"
    assert (views[0].encoding, views[0].units) == ("GSM-7", 8)  # { and } take two septets
    assert sms_text({"text": "café ☕"}) == "café ☕"


def test_slugs_are_safe_and_unique() -> None:
    assert slugify("../etc/passwd") == "etc-passwd"
    assert unique_slugs(["a", "A", "a", "x y"]) == ["a", "A-2", "a-3", "x-y"]


def test_variable_rows() -> None:
    spec = {"vars": {"name": {"type": "string", "description": "Who"},
                     "n": {"type": ["integer", "null"], "default": 3}}}
    rows = variable_rows(spec, {"name": "Ann", "n": 3})
    assert [(r.name, r.type, r.required, r.default, r.example) for r in rows] == [
        ("name", "string", True, "", '"Ann"'), ("n", "integer | null", False, "3", "3")]
