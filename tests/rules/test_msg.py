"""MSG001-MSG005: unknown fields, roles, internal messages, types and empty texts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from robustness import assert_robust

from spec_compiler.config import Config
from spec_compiler.engine import lint_loaded
from spec_compiler.loader import load_path, load_text

PREFIX = "MSG"
CONFIG = Config(select=(PREFIX,))
EXAMPLES = Path(__file__).resolve().parents[1] / "fixtures" / "api-examples"

Expected = list[tuple[int, int, str]]


def findings(src: str, filename: str = "case.yaml") -> Expected:
    diags = lint_loaded(load_text(src, filename), config=CONFIG)
    return sorted((d.line, d.column, d.code) for d in diags if d.code.startswith(PREFIX))


def messages(src: str, filename: str = "case.yaml") -> list[str]:
    diags = lint_loaded(load_text(src, filename), config=CONFIG)
    return [d.message for d in sorted(diags) if d.code.startswith(PREFIX)]


CONV = ("organization: aaa111111111111111111222\n"
        "contact: {profile: {name: John, telephone: '+31646280994'}}\n")

UNKNOWN_FIELD = [
    pytest.param("text: hi\nrole: agent\ntouchPoint: sms\n", [(3, 1, "MSG001")], id="message-key"),
    pytest.param('{"text": "hi", "role": "agent", "delai": 1000}', [(1, 33, "MSG001")],
                 id="message-key-json"),
    pytest.param("text: hi\nrole: agent\nactions:\n  - {type: link, text: a, uri: 'https://x.org',"
                 " iconUrl: 'https://x.org/i.png'}\n", [(4, 49, "MSG001")],
                 id="action-field-of-another-type"),
    pytest.param("text: hi\nrole: agent\nactions:\n  - {type: postback, text: a, paylod: b}\n",
                 [(4, 31, "MSG001")], id="action-typo"),
    pytest.param("text: hi\nrole: agent\ntype: card\nitems:\n  - titel: T\n"
                 "    actions: [{type: link, text: a, uri: 'https://x.org', urll: x}]\n",
                 [(5, 5, "MSG001"), (6, 59, "MSG001")], id="item-and-item-action"),
    pytest.param("text: hi\nrole: agent\nresults: [{name: a, value: {}}]\n", [(3, 21, "MSG001")],
                 id="result-key"),
    pytest.param("text: hi\nrole: agent\nmeta:\n  senderID: Tims\n  element_name: x\n"
                 "  SenderId: y\n", [(4, 3, "MSG001"), (5, 3, "MSG001"), (6, 3, "MSG001")],
                 id="meta-near-misses"),
    pytest.param(CONV + "touchPoint: sms\nmessages:\n"
                 "  - {text: hi, role: agent, touchpoint: sms}\n",
                 [(3, 1, "MSG001")], id="conversation-key"),
    pytest.param("organization: aaa111111111111111111222\ncontact:\n  profil: {}\n"
                 "  profile: {name: John, phone: '+31646280994', email: a@b.org}\n"
                 "messages:\n  - {text: hi, role: agent, touchpoint: email}\n",
                 [(3, 3, "MSG001"), (4, 25, "MSG001")], id="contact-and-profile-keys"),
    pytest.param("kind: conversation\n" + CONV + "organisation: x\ndefault: {}\n"
                 "messages:\n  - {text: hi, touchpoint: sms}\n", [(4, 1, "MSG001")],
                 id="conversation-spec-body-key-not-spec-near-miss"),
    pytest.param("kind: messages\ndefaults: {touchPoint: sms}\nmessages:\n  - {text: a}\n"
                 "  - {text: b, rol: agent}\n", [(2, 12, "MSG001"), (5, 15, "MSG001")],
                 id="spec-defaults-and-message"),
    pytest.param("text: hi\nrole: agent\nmeta: {title: Google, myOwnKey: 1, user: x}\n",
                 [(3, 36, "MSG001")], id="meta-open-but-user-near-users"),
    pytest.param("kind: messages\ntouchpoint: sms\nmessages:\n  - {text: a}\n", [],
                 id="messages-spec-top-level-is-spec004"),
    pytest.param("text: hi\nrole: agent\nmeta: {title: Google, crmId: 12, campaign: spring}\n", [],
                 id="meta-custom-keys"),
    pytest.param(CONV + "touchpoint: sms\nmeta: {any: thing}\ntags: [a]\nmessages:\n"
                 "  - text: hi\n    role: agent\n    actions:\n      - {type: reply, text: a, "
                 "payload: b, iconUrl: 'https://x.org/i.png'}\n", [], id="all-known"),
]


MISSING_ROLE = [
    pytest.param("text: hi\n", [(1, 1, "MSG002")], id="message"),
    pytest.param("- {text: a}\n- {text: b, role: agent}\n- {text: c, type: card}\n",
                 [(1, 3, "MSG002"), (3, 3, "MSG002")], id="message-list"),
    pytest.param(CONV + "messages:\n  - {text: hi, touchpoint: sms}\n", [(4, 5, "MSG002")],
                 id="conversation"),
    pytest.param('[{"text": "hi", "type": "chat"}]', [(1, 2, "MSG002")], id="json-list"),
    pytest.param("type: command\ntext: /notify\n", [], id="command"),
    pytest.param("text: /leave\n", [], id="command-without-type-is-cmd004"),
    pytest.param("type: form\ntext: +Proefrit\nmeta: {form: 590c76bdde1b762f2113e81c}\n", [],
                 id="form"),
    pytest.param("type: mention\ntext: hi\n", [], id="mention"),
    pytest.param("kind: messages\nmessages:\n  - text: hi\n", [], id="spec-implies-agent"),
    pytest.param("text: hi\nrole: contact\n", [], id="role-contact"),
]


INTERNAL_CONTENT = [
    pytest.param("text: hi\nrole: bot\nactions:\n  - {type: postback, text: a, payload: b}\n",
                 [(3, 1, "MSG003")], id="bot-actions"),
    pytest.param("text: hi\nrole: agent\nisBackchannel: true\ntype: card\nitems:\n  - title: T\n"
                 "    actions: [{type: link, text: a, uri: 'https://x.org'}]\n",
                 [(5, 1, "MSG003")], id="backchannel-items"),
    pytest.param("text: hi\nrole: bot\ntouchpoint: sms\nmeta: {SenderID: Tims}\n",
                 [(4, 18, "MSG003")], id="bot-sender-id"),
    pytest.param("text: hi\nrole: agent\nisBackchannel: true\nmeta:\n  namespace: "
                 "56cca706_4162_b9be_fc60_13623ff73b1e\n  elementName: car\n",
                 [(5, 14, "MSG003")], id="backchannel-template"),
    pytest.param("kind: messages\ndefaults: {role: bot}\nmessages:\n  - text: a\n    actions: "
                 "[{type: reply, text: a, payload: b}]\n  - {text: b}\n", [(5, 14, "MSG003")],
                 id="spec-role-from-defaults"),
    pytest.param("text: hi\nrole: agent\nactions:\n  - {type: postback, text: a, payload: b}\n",
                 [], id="agent-actions"),
    pytest.param("text: hi\nrole: bot\n", [], id="bot-text-only"),
    pytest.param("text: hi\nisBackchannel: true\nrole: agent\nuser: 5adfe407f276f66f4288f171\n",
                 [], id="backchannel-text-only"),
]


UNUSUAL_TYPE = [
    pytest.param("type: postback\nrole: agent\ntext: hi\n", [(1, 7, "MSG004")], id="postback"),
    pytest.param("type: status\nrole: agent\ntext: hi\n", [(1, 7, "MSG004")], id="status"),
    pytest.param("kind: messages\ndefaults: {type: postback}\nmessages:\n  - {text: a}\n"
                 "  - {text: b}\n", [(2, 18, "MSG004")], id="spec-defaults-once"),
    pytest.param("- {type: status, text: a, role: agent}\n- {type: chat, text: b, role: agent}\n",
                 [(1, 10, "MSG004")], id="message-list"),
    pytest.param("type: chat\nrole: agent\ntext: hi\n", [], id="chat"),
    pytest.param("type: card\nrole: agent\ntext: hi\nactions:\n  - {type: postback, text: a, "
                 "payload: b}\n", [], id="postback-action"),
]


EMPTY_TEXT = [
    pytest.param("type: chat\nrole: agent\ntext: ''\n", [(3, 7, "MSG005")], id="empty"),
    pytest.param("role: agent\ntext: '   '\n", [(2, 7, "MSG005")], id="whitespace"),
    pytest.param("kind: messages\nmessages:\n  - text: ''\n", [(3, 11, "MSG005")],
                 id="spec-implied-agent"),
    pytest.param(CONV + "messages:\n  - {text: hi, role: agent, touchpoint: sms}\n"
                 "  - {text: '', role: agent}\n", [(5, 12, "MSG005")], id="conversation"),
    pytest.param("role: bot\ntext: ''\n", [], id="bot-is-internal"),
    pytest.param("role: agent\nisBackchannel: true\ntext: ''\n", [], id="backchannel"),
    pytest.param("role: agent\ntext: Here is some information\n", [], id="text"),
]


@pytest.mark.parametrize(("src", "expected"), UNKNOWN_FIELD + MISSING_ROLE + INTERNAL_CONTENT
                         + UNUSUAL_TYPE + EMPTY_TEXT)
def test_findings(src: str, expected: Expected) -> None:
    filename = "case.json" if src.lstrip()[:1] in "[{" and '"' in src[:3] else "case.yaml"
    assert findings(src, filename) == expected


@pytest.mark.parametrize(("src", "expected"), [
    pytest.param("text: hi\nrole: agent\ntouchPoint: sms\n",
                 ["unknown field 'touchPoint'; did you mean 'touchpoint'?"], id="did-you-mean"),
    pytest.param("text: hi\nrole: agent\nmeta: {senderID: x, element_name: y}\n",
                 ["unknown meta field 'senderID'; did you mean 'SenderID'?",
                  "unknown meta field 'element_name'; did you mean 'elementName'?"],
                 id="meta-did-you-mean"),
    pytest.param("text: hi\nrole: agent\nactions:\n  - {type: link, text: a, uri: u, iconUrl: i}\n",
                 ["'iconUrl' is not a field of a link action"], id="action-variant"),
    pytest.param("text: hi\n", ["no 'role': the API defaults to 'bot', which never reaches the "
                                "contact; add role: agent to send it"], id="missing-role"),
    pytest.param("text: hi\nrole: bot\nactions: [{type: postback, text: a, payload: b}]\n",
                 ["'actions' on a role 'bot' message never reaches the contact; "
                  "use role: agent to send it"], id="internal"),
])
def test_messages(src: str, expected: list[str]) -> None:
    assert messages(src) == expected


#: the warnings the documented payloads deserve
EXAMPLE_WARNINGS = {"01-chat-hello.json": ["MSG002"]}


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.json")), ids=lambda p: p.name)
def test_api_examples(path: Path) -> None:
    diags = [d for d in lint_loaded(load_path(path), config=CONFIG) if d.code.startswith(PREFIX)]
    assert [d.render() for d in diags if d.severity == "error"] == []
    assert [d.code for d in diags] == EXAMPLE_WARNINGS.get(path.name, [])


HOSTILE_BASES: list[Any] = [
    {"text": "hi", "role": "bot", "isBackchannel": True, "type": "postback",
     "meta": {"SenderID": "x", "namespace": "n", "senderId": 1},
     "actions": [{"type": "link", "iconUrl": "x"}], "items": [{"title": "t", "actions": [{}]}],
     "results": [{"name": "n"}]},
    {"kind": "conversation", "defaults": {"role": "bot"}, "varz": 1, "organisation": "o",
     "contact": {"profile": {"phone": "p"}}, "messages": [{"text": ""}]},
]

# --- robustness: a value of any type anywhere never crashes a rule -----------------------

@pytest.mark.parametrize("base", HOSTILE_BASES, ids=lambda b: str(b)[:30])
def test_any_value_anywhere(base: Any) -> None:
    assert_robust(base, CONFIG, PREFIX)
