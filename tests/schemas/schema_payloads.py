"""Fixture payloads and valid base documents shared by the schema tests."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from spec_compiler.document import detect_kind

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
API_EXAMPLES = sorted((FIXTURES / "api-examples").glob("*.json"))
SEED = sorted((FIXTURES / "seed").glob("*.json"))

#: the seed payloads that break the seed's own rules
SEED_SENDER_ID = "07-sms-sender-id.json"
SEED_INVITE_SMS = "12-invite-sms.json"
SEED_TRAILING_COMMA = "10-conversation-whatsapp.json"
SEED_BROKEN = {SEED_SENDER_ID, SEED_INVITE_SMS, SEED_TRAILING_COMMA}

VALID_FIXTURES = API_EXAMPLES + [p for p in SEED if p.name not in SEED_BROKEN]


def read(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def schema_for(data: Any) -> str:
    """The schema a payload is validated against (DESIGN §2)."""
    return detect_kind(data)


NAMESPACE = "56cca706_4162_b9be_fc60_13623ff73b1e"

MESSAGE: dict[str, Any] = {
    "type": "chat",
    "role": "agent",
    "text": "Hello",
    "touchpoint": "sms",
    "delay": 1000,
    "contentType": "text/plain",
    "isBackchannel": False,
}
SMS: dict[str, Any] = {
    "text": "Hello",
    "touchpoint": "sms",
    "role": "agent",
    "meta": {"SenderID": "Tims Trucks"},
}
TEMPLATE: dict[str, Any] = {
    "role": "agent",
    "text": "Your car is ready to be picked up!",
    "touchpoint": "whatsapp",
    "meta": {"namespace": NAMESPACE, "elementName": "your_car_is_ready", "language": "nl"},
}
FORM: dict[str, Any] = {
    "type": "form",
    "text": "+Proefrit",
    "meta": {"form": "590c76bdde1b762f2113e81c"},
}
ACTIONS: dict[str, Any] = {
    "text": "Pick one",
    "role": "agent",
    "actions": [
        {"type": "postback", "text": "Red", "payload": "red"},
        {
            "type": "reply",
            "text": "Tacos",
            "payload": "TACOS",
            "iconUrl": "http://example.org/t.png",
        },
        {
            "type": "webview",
            "text": "Open",
            "uri": "https://example.org/v",
            "fallback": "https://example.org/f",
        },
        {"type": "buy", "text": "Buy", "amount": 1999, "currency": "eur"},
        {"type": "link", "text": "Go", "uri": "https://example.org/"},
        {"type": "locationRequest", "text": "Where are you?"},
    ],
}
ITEM: dict[str, Any] = {
    "title": "Tacooos",
    "description": "Crunchy",
    "mediaUrl": "https://example.org/taco.png",
    "size": "large",
    "actions": [{"type": "link", "text": "Taco 1", "uri": "http://example.org/taco.html"}],
}
CARD: dict[str, Any] = {
    "type": "card",
    "text": "Favorite food?",
    "role": "agent",
    "items": [
        ITEM,
        {"title": "Burritoos", "actions": [{"type": "postback", "text": "B", "payload": "b"}]},
    ],
}
CONVERSATION: dict[str, Any] = {
    "organization": "5c7574c78ae07962b12e264c",
    "type": "contact",
    "contact": {
        "profile": {
            "name": "John Johnson",
            "telephone": "+31646280994",
            "email": "john@example.com",
        }
    },
    "messages": [dict(SMS), {"text": "/leave", "type": "command", "delay": 3000}],
}
SPEC: dict[str, Any] = {
    "kind": "conversation",
    "name": "car-ready",
    "description": "Tells the contact their car can be picked up.",
    "vars": {"name": {"type": "string"}, "phone": {"type": "string", "format": "phone"}},
    "defaults": {"touchpoint": "whatsapp", "delay": 0},
    "pacing": "natural",
    "organization": "5bad2f12e91d2c331be33364",
    "contact": {"profile": {"name": "{{ name }}", "telephone": "+31646280994"}},
    "messages": [{"text": "Your car is ready to be picked up!", "meta": TEMPLATE["meta"]}],
}
MESSAGES_SPEC: dict[str, Any] = {
    "kind": "messages",
    "conversation": "{{ conversation }}",
    "pacing": {"ms_per_char": 40, "min_ms": 1000, "max_ms": 5000, "start_ms": 0, "tick_ms": 1000},
    "messages": [{"text": "Hello"}, {"text": "/leave", "type": "command"}],
}
MESSAGE_LIST: list[Any] = [dict(MESSAGE), dict(SMS)]

BASES: dict[str, tuple[str, Any]] = {
    "message": ("message", MESSAGE),
    "sms": ("message", SMS),
    "template": ("message", TEMPLATE),
    "form": ("message", FORM),
    "actions": ("message", ACTIONS),
    "card": ("message", CARD),
    "conversation": ("conversation", CONVERSATION),
    "spec": ("spec", SPEC),
    "messages-spec": ("spec", MESSAGES_SPEC),
    "message-list": ("message-list", MESSAGE_LIST),
}
