"""CONV001-CONV007: business-initiated conversations, contact identifiers and object ids."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from robustness import assert_robust

from spec_compiler.config import Config
from spec_compiler.engine import lint_loaded
from spec_compiler.loader import load_path, load_text

PREFIX = "CONV"
CONFIG = Config(select=(PREFIX, "SCHEMA"))
EXAMPLES = Path(__file__).resolve().parents[1] / "fixtures" / "api-examples"

Expected = list[tuple[int, int, str]]


def findings(src: str, filename: str = "case.yaml", prefix: str = PREFIX) -> Expected:
    diags = lint_loaded(load_text(src, filename), config=CONFIG)
    return sorted((d.line, d.column, d.code) for d in diags if d.code.startswith(prefix))


def messages(src: str) -> list[str]:
    diags = lint_loaded(load_text(src, "case.yaml"), config=CONFIG)
    return [d.message for d in sorted(diags) if d.code.startswith(PREFIX)]


ORG = "organization: aaa111111111111111111222\n"
TEL = "contact: {profile: {name: John, telephone: '+31646280994'}}\n"
MAIL = "contact: {profile: {name: John, email: john@example.com}}\n"
SMS = "messages:\n  - {text: hi, role: agent, touchpoint: sms}\n"
EMAIL = "messages:\n  - {text: hi, role: agent, touchpoint: email}\n"

CONTACT = [
    pytest.param(ORG + "contact: {profile: {name: John}}\n" + SMS, [(2, 20, "CONV001")],
                 id="profile-without-identifier"),
    pytest.param(ORG + "contact: {}\n" + SMS, [(2, 10, "CONV001")], id="contact-without-profile"),
    pytest.param(ORG + "contact:\n  meta: {crm: 1}\n" + SMS, [(2, 1, "CONV001")],
                 id="contact-with-meta-only"),
    pytest.param("kind: conversation\ncontact:\n  profile: {givenName: John}\n" + SMS,
                 [(3, 12, "CONV001")], id="spec"),
    pytest.param('{"contact": {"profile": {}}, "messages": [{"text": "hi", "role": "agent", '
                 '"touchpoint": "sms"}]}', [(1, 25, "CONV001")], id="json"),
    pytest.param(ORG + MAIL + EMAIL, [], id="email-only"),
    pytest.param(ORG + TEL + SMS, [], id="telephone-only"),
    pytest.param("kind: conversation\nvars:\n  phone: {type: string}\n"
                 "contact: {profile: {telephone: '{{ phone }}'}}\n" + SMS, [], id="spec-template"),
]

TOUCHPOINT_IDENTIFIER = [
    pytest.param(ORG + MAIL + SMS, [(4, 41, "CONV002")], id="sms-needs-telephone"),
    pytest.param(ORG + TEL + EMAIL, [(4, 41, "CONV002")], id="email-needs-email"),
    pytest.param(ORG + MAIL + "messages:\n  - {text: hi, role: agent, touchpoint: whatsapp}\n"
                 "  - {text: ho, role: agent, touchpoint: sms}\n",
                 [(4, 41, "CONV002"), (5, 41, "CONV002")], id="one-per-message"),
    pytest.param(ORG + MAIL + "touchpoint: sms\nmessages:\n  - {text: hi, role: agent}\n",
                 [(3, 13, "CONV002")], id="conversation-touchpoint"),
    pytest.param("kind: conversation\n" + MAIL + "defaults: {touchpoint: sms}\nmessages:\n"
                 "  - {text: a}\n  - {text: b}\n", [(3, 24, "CONV002")], id="spec-defaults-once"),
    pytest.param(ORG + TEL + "messages:\n  - {text: hi, role: agent, touchpoint: whatsapp}\n",
                 [], id="whatsapp-telephone"),
    pytest.param(ORG + "contact: {profile: {email: a@b.org, telephone: '+31646280994'}}\n"
                 + SMS + "  - {text: ho, role: agent, touchpoint: email}\n", [], id="both"),
    pytest.param(ORG + "contact: {profile: {name: John}}\n" + SMS, [(2, 20, "CONV001")],
                 id="no-identifier-is-conv001"),
    pytest.param(ORG + MAIL + "messages:\n  - {text: hi, role: agent, touchpoint: web}\n", [],
                 id="other-touchpoint"),
]

FIRST_TOUCHPOINT = [
    pytest.param(ORG + TEL + "messages:\n  - {text: hi, role: agent}\n", [(4, 5, "CONV003")],
                 id="first-message"),
    pytest.param(ORG + TEL + "messages:\n  - {text: /accept, type: command}\n"
                 "  - {text: hi, role: agent}\n  - {text: ho, role: agent, touchpoint: sms}\n",
                 [(5, 5, "CONV003")], id="first-outbound-after-accept"),
    pytest.param("kind: conversation\n" + TEL + "messages:\n  - text: hi\n",
                 [(4, 5, "CONV003")], id="spec"),
    pytest.param('{"contact": {"profile": {"email": "a@b.org"}}, "messages": '
                 '[{"text": "hi", "role": "agent"}]}', [(1, 61, "CONV003")], id="json"),
    pytest.param(ORG + TEL + SMS, [], id="message-touchpoint"),
    pytest.param(ORG + TEL + "touchpoint: sms\nmessages:\n  - {text: hi, role: agent}\n", [],
                 id="conversation-touchpoint"),
    pytest.param("kind: conversation\n" + TEL + "defaults: {touchpoint: sms}\nmessages:\n"
                 "  - text: hi\n", [], id="spec-defaults"),
    pytest.param("kind: messages\nmessages:\n  - text: hi\n", [], id="messages-spec"),
    pytest.param("- {text: hi, role: agent}\n", [], id="message-list"),
]

NO_OUTBOUND = [
    pytest.param(ORG + TEL + "messages:\n  - {text: /leave, type: command}\n",
                 [(3, 1, "CONV004")], id="only-command"),
    pytest.param(ORG + TEL + "messages:\n  - {text: hi, touchpoint: sms}\n",
                 [(3, 1, "CONV004")], id="default-role-bot"),
    pytest.param(ORG + TEL + "messages:\n  - {text: hi, role: agent, isBackchannel: true}\n",
                 [(3, 1, "CONV004")], id="backchannel"),
    pytest.param("kind: conversation\n" + TEL + "defaults: {role: bot}\nmessages:\n"
                 "  - {text: hi, touchpoint: sms}\n", [(4, 1, "CONV004")], id="spec-bot"),
    pytest.param(ORG + TEL + "messages: []\n", [(3, 11, "SCHEMA007")], id="empty-is-schema007"),
    pytest.param(ORG + TEL + SMS + "  - {text: /leave, type: command}\n", [], id="agent-message"),
    pytest.param("kind: conversation\n" + TEL + SMS, [], id="spec-implied-agent"),
    pytest.param("- {text: /leave, type: command}\n", [], id="not-a-conversation"),
]

TELEPHONE = [
    pytest.param(ORG + "contact: {profile: {telephone: '+31 6 4628 0994'}}\n" + SMS,
                 [(2, 32, "CONV005")], id="spaces"),
    pytest.param(ORG + "contact: {profile: {telephone: '0031646280994'}}\n" + SMS,
                 [(2, 32, "CONV005")], id="double-zero"),
    pytest.param(ORG + "contact: {profile: {telephone: '06-46280994'}}\n" + SMS,
                 [(2, 32, "CONV005")], id="national"),
    pytest.param("kind: conversation\ncontact:\n  profile:\n    telephone: 31646280994\n" + SMS,
                 [(4, 16, "SCHEMA001")], id="number-is-a-type-fault"),
    pytest.param(ORG + "contact: {profile: {telephone: '+3112'}}\n" + SMS, [], id="short-valid"),
    pytest.param(ORG + TEL + SMS, [], id="valid"),
]

EMAIL_CASES = [
    pytest.param(ORG + "contact: {profile: {email: 'John <john@example.com>'}}\n" + EMAIL,
                 [(2, 28, "CONV006")], id="display-name"),
    pytest.param(ORG + "contact: {profile: {email: 'mailto: john@example.com'}}\n" + EMAIL,
                 [(2, 28, "CONV006")], id="mailto"),
    pytest.param(ORG + "contact: {profile: {email: john@example}}\n" + EMAIL,
                 [(2, 28, "CONV006")], id="no-dot"),
    pytest.param(ORG + "contact: {profile: {email: john.example.com}}\n" + EMAIL,
                 [(2, 28, "CONV006")], id="no-at"),
    pytest.param(ORG + MAIL + EMAIL, [], id="valid"),
    pytest.param("kind: conversation\nvars:\n  email: {type: string}\n"
                 "contact: {profile: {email: '{{ email }}'}}\n" + EMAIL, [], id="template"),
]

OBJECT_ID = [
    pytest.param("organization: acme\n" + TEL + SMS, [(1, 15, "CONV007")], id="organization"),
    pytest.param("type: command\ntext: /assign\nmeta:\n  users: [5adfe407f276f66f4288f171, bob]\n",
                 [(4, 37, "CONV007")], id="meta-users"),
    pytest.param("type: form\ntext: +Proefrit\nmeta: {form: proefrit}\n", [(3, 14, "CONV007")],
                 id="meta-form"),
    pytest.param("text: hi\nrole: agent\nuser: 5ADFE407F276F66F4288F171\n", [(3, 7, "CONV007")],
                 id="user-uppercase"),
    pytest.param("kind: messages\nconversation: conv-1\nmessages:\n  - text: hi\n",
                 [(2, 15, "CONV007")], id="spec-conversation"),
    pytest.param("kind: messages\ndefaults: {meta: {channels: [x]}}\nmessages:\n  - text: a\n"
                 "  - text: b\n", [(2, 30, "CONV007")], id="spec-defaults-once"),
    pytest.param("type: command\ntext: /notify\nmeta:\n"
                 "  organizations: [5b979647a61b336ec33f201a]\n"
                 "  channels: [59179631c63934459825deea]\n", [], id="valid-ids"),
    pytest.param("kind: messages\nvars:\n  conv: {type: string}\nconversation: '{{ conv }}'\n"
                 "messages:\n  - text: hi\n", [], id="template"),
    pytest.param("type: command\ntext: /assign\nmeta: {users: bob}\n", [(3, 15, "SCHEMA001")],
                 id="users-not-a-list-is-schema001"),
]


@pytest.mark.parametrize(("src", "expected"),
                         CONTACT + TOUCHPOINT_IDENTIFIER + FIRST_TOUCHPOINT + NO_OUTBOUND
                         + TELEPHONE + EMAIL_CASES + OBJECT_ID)
def test_findings(src: str, expected: Expected) -> None:
    filename = "case.json" if src.startswith("{") else "case.yaml"
    assert findings(src, filename, prefix="") == expected


@pytest.mark.parametrize(("src", "expected"), [
    pytest.param(ORG + "contact: {profile: {telephone: '+31 6 4628 0994'}}\n" + SMS,
                 "'+31 6 4628 0994' is not E.164: write '+31646280994'", id="telephone-spaces"),
    pytest.param(ORG + "contact: {profile: {telephone: '(0031) 646-280-994'}}\n" + SMS,
                 "'(0031) 646-280-994' is not E.164: write '+31646280994'", id="telephone-00"),
    pytest.param(ORG + "contact: {profile: {telephone: '06-46280994'}}\n" + SMS,
                 "telephone '06-46280994' is not an E.164 number like '+31646280994'",
                 id="telephone-no-fix"),
    pytest.param(ORG + "contact: {profile: {email: ' John <john@example.com>'}}\n" + EMAIL,
                 "' John <john@example.com>' is not an e-mail address: write 'john@example.com'",
                 id="email-display-name"),
    pytest.param(ORG + "contact: {}\n" + SMS,
                 "contact has no 'profile'; add one with an 'email' or a 'telephone'",
                 id="no-profile"),
    pytest.param(ORG + MAIL + SMS, "touchpoint 'sms' needs the contact's telephone; "
                 "add contact.profile.telephone", id="touchpoint"),
    pytest.param("organization: Acme\n" + TEL + SMS,
                 "'Acme' is not an object id (24 hexadecimal characters)", id="object-id"),
])
def test_messages(src: str, expected: str) -> None:
    assert messages(src) == [expected]


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.json")), ids=lambda p: p.name)
def test_api_examples(path: Path) -> None:
    diags = lint_loaded(load_path(path), config=CONFIG)
    assert [d.render() for d in diags if d.code.startswith(PREFIX)] == []


HOSTILE_BASES: list[Any] = [
    {"organization": "o", "touchpoint": "sms", "contact": {"profile": {"email": "e",
     "telephone": "0 6"}}, "messages": [{"text": "hi", "role": "agent", "touchpoint": "email",
     "user": "u", "meta": {"users": ["x"], "form": "f", "channels": ["c"]}}]},
    {"kind": "conversation", "conversation": "c", "defaults": {"touchpoint": "sms"},
     "contact": {"profile": {"email": "a@b.org"}}, "messages": [{"text": "hi"}]},
]

# --- robustness: a value of any type anywhere never crashes a rule -----------------------

@pytest.mark.parametrize("base", HOSTILE_BASES, ids=lambda b: str(b)[:30])
def test_any_value_anywhere(base: Any) -> None:
    assert_robust(base, CONFIG, PREFIX)
