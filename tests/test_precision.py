"""One fault, one finding: single-fault mutations of clean documents.

Every case is a clean document with exactly one fault. The linter must report exactly
one finding for it, with the expected code at the expected line. ``python
tests/test_precision.py`` prints the precision (faults with exactly one finding / all).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from spec_compiler.engine import lint_loaded
from spec_compiler.loader import load_text

CHAT = "role: agent\ntext: Your car is ready\n"
CONV = """\
organization: 5c7574c78ae07962b12e264c
type: contact
contact:
  profile:
    name: John Johnson
    email: john.johnson@example.com
messages:
  - role: agent
    text: Click the link to continue
    touchpoint: email
"""

# (id, document, expected (line, code)); JSON documents have ids ending in ".json"
CASES: list[tuple[str, str, tuple[int, str]]] = [
    # message shape
    ("role-typo", "role: agnet\ntext: hi\n", (1, "SCHEMA003")),
    ("type-unknown", "role: agent\ntype: chatt\ntext: hi\n", (2, "SCHEMA003")),
    ("text-missing", "role: agent\ntype: chat\n", (1, "SCHEMA002")),
    ("text-number", "role: agent\ntext: 0930\n", (2, "SCHEMA001")),
    ("text-too-long", "role: agent\ntext: " + "x" * 4097 + "\n", (2, "SCHEMA005")),
    ("delay-negative", CHAT + "delay: -5\n", (3, "SCHEMA006")),
    ("delay-string", CHAT + "delay: soon\n", (3, "SCHEMA001")),
    ("delay-float", CHAT + "delay: 1.5\n", (3, "SCHEMA001")),
    ("backchannel-string", CHAT + "isBackchannel: 'yes'\n", (3, "SCHEMA001")),
    ("content-type-bad", "role: agent\ntext: https://e.org/a.pdf\ncontentType: pdf\n"
     "meta: {title: A}\n", (3, "SCHEMA004")),
    ("unknown-field", CHAT + "touchPoint: sms\n", (3, "MSG001")),
    ("missing-role", "text: Your car is ready\n", (1, "MSG002")),
    ("postback-type", "role: agent\ntype: postback\ntext: hi\n", (2, "MSG004")),
    # actions
    ("action-type-typo", CHAT + "actions:\n  - {type: linkk, text: Go, uri: 'https://e.org'}\n",
     (4, "SCHEMA003")),
    ("postback-no-payload", CHAT + "actions:\n  - {type: postback, text: Red}\n", (4, "SCHEMA002")),
    ("reply-no-payload", CHAT + "actions:\n  - {type: reply, text: Tacos}\n", (4, "SCHEMA002")),
    ("link-no-uri", CHAT + "actions:\n  - {type: link, text: Go}\n", (4, "ACT001")),
    ("link-uri-url-differ", CHAT + "actions:\n  - {type: link, text: Go, uri: 'https://a.org',"
     " url: 'https://b.org'}\n", (4, "ACT002")),
    ("link-not-http", CHAT + "actions:\n  - {type: link, text: Go, uri: 'ftp://a.org/x'}\n",
     (4, "ACT003")),
    ("link-placeholder", CHAT + "actions:\n  - {type: link, text: Go, "
     "uri: 'https://a.org/?id={authuser}&t={authtoken}&x={user}'}\n", (4, "ACT004")),
    ("auth-pair", CHAT + "actions:\n  - {type: link, text: Go, uri: 'https://a.org/?id={authuser}'}\n",
     (4, "ACT005")),
    ("duplicate-payload", CHAT + "actions:\n  - {type: postback, text: Red, payload: red}\n"
     "  - {type: postback, text: Rood, payload: red}\n", (5, "ACT006")),
    ("reply-too-long", CHAT + "actions:\n  - {type: reply, text: This reply text is far too long,"
     " payload: x}\n", (4, "ACT007")),
    ("webview-no-fallback", CHAT + "actions:\n  - {type: webview, text: Open, "
     "uri: 'https://a.org'}\n", (4, "SCHEMA002")),
    ("buy-amount-float", CHAT + "actions:\n  - {type: buy, text: Pay, amount: 9.99, "
     "currency: eur}\n", (4, "SCHEMA001")),
    # items
    ("item-no-title", "role: agent\ntype: card\ntext: Food\nitems:\n  - actions:\n"
     "      - {type: postback, text: Taco, payload: taco}\n", (5, "SCHEMA002")),
    ("item-reply-action", "role: agent\ntype: card\ntext: Food\nitems:\n  - title: Taco\n"
     "    actions:\n      - {type: reply, text: Taco, payload: taco}\n", (7, "SCHEMA003")),
    ("item-no-actions", "role: agent\ntype: card\ntext: Food\nitems:\n  - title: Taco\n"
     "    actions: []\n", (6, "SCHEMA007")),
    ("item-title-too-long", "role: agent\ntype: card\ntext: Food\nitems:\n  - title: " + "t" * 129
     + "\n    actions:\n      - {type: postback, text: Taco, payload: taco}\n", (5, "SCHEMA005")),
    ("items-empty", "role: agent\ntype: card\ntext: Food\nitems: []\n", (4, "SCHEMA007")),
    # files
    ("file-text-not-url", "role: agent\ntext: the brochure\ncontentType: application/pdf\n"
     "meta: {title: Brochure}\n", (2, "FILE001")),
    ("file-extension", "role: agent\ntext: https://e.org/brochure.png\n"
     "contentType: application/pdf\nmeta: {title: Brochure}\n", (3, "FILE002")),
    ("file-no-title", "role: agent\ntext: https://e.org/brochure.pdf\n"
     "contentType: application/pdf\n", (1, "FILE003")),
    # commands
    ("command-prefix", "type: command\ntext: leave\n", (2, "CMD001")),
    ("command-unknown", "type: command\ntext: /leav\n", (2, "CMD002")),
    ("assign-no-users", "type: command\ntext: /assign\n", (1, "CMD003")),
    ("command-as-chat", "role: agent\ntext: /leave\n", (2, "CMD004")),
    ("command-type-typo", "type: comand\ntext: /leave\n", (1, "SCHEMA003")),
    # SMS
    ("sender-id-long", "role: agent\ntext: Hello\ntouchpoint: sms\nmeta:\n"
     "  SenderID: Tims Truckshop\n", (5, "SMS001")),
    ("sender-id-digits", "role: agent\ntext: Hello\ntouchpoint: sms\nmeta:\n"
     "  SenderID: '12345'\n", (5, "SMS001")),
    ("sender-id-space", "role: agent\ntext: Hello\ntouchpoint: sms\nmeta:\n"
     "  SenderID: ' Tims'\n", (5, "SMS002")),
    ("sender-id-email", "role: agent\ntext: Hello\ntouchpoint: email\nmeta:\n"
     "  SenderID: Tims\n", (5, "SMS003")),
    ("one-way-reply", "role: agent\ntext: Hello\ntouchpoint: sms\nmeta: {SenderID: Tims}\n"
     "actions:\n  - {type: reply, text: Yes, payload: 'yes'}\n", (6, "SMS004")),
    ("sms-ucs2", "role: agent\ntext: Your car’s ready\ntouchpoint: sms\n", (2, "SMS006")),
    ("sms-too-long", "role: agent\ntouchpoint: sms\ntext: " + "x" * 1601 + "\n", (3, "SMS007")),
    # WhatsApp
    ("wa-namespace", "role: agent\ntext: Ready\ntouchpoint: whatsapp\nmeta:\n"
     "  namespace: 56cca706-4162-b9be-fc60-13623ff73b1e\n  elementName: car_ready\n", (5, "WA002")),
    ("wa-element-name", "role: agent\ntext: Ready\ntouchpoint: whatsapp\nmeta:\n"
     "  namespace: 56cca706_4162_b9be_fc60_13623ff73b1e\n  elementName: Car_Ready\n", (6, "WA003")),
    ("wa-language", "role: agent\ntext: Ready\ntouchpoint: whatsapp\nmeta:\n"
     "  namespace: 56cca706_4162_b9be_fc60_13623ff73b1e\n  elementName: car_ready\n"
     "  language: nl-NL\n", (7, "WA004")),
    ("wa-incomplete", "role: agent\ntext: Ready\ntouchpoint: whatsapp\nmeta:\n"
     "  namespace: 56cca706_4162_b9be_fc60_13623ff73b1e\n", (4, "WA001")),
    ("wa-template-on-sms", "role: agent\ntext: Ready\ntouchpoint: sms\nmeta:\n"
     "  namespace: 56cca706_4162_b9be_fc60_13623ff73b1e\n  elementName: car_ready\n", (5, "WA008")),
    ("wa-free-form", "role: agent\ntext: Ready\ntouchpoint: whatsapp\n", (1, "WA007")),
    # conversations
    ("conv-no-identifier", CONV.replace("    email: john.johnson@example.com\n", ""),
     (4, "CONV001")),
    ("conv-bad-email", CONV.replace("john.johnson@example.com", "john.johnson"), (6, "CONV006")),
    ("conv-bad-phone", CONV.replace("email: john.johnson@example.com", "email: j@example.com\n"
                                    "    telephone: '0646280994'"), (7, "CONV005")),
    ("conv-touchpoint-needs-phone", CONV.replace("touchpoint: email", "touchpoint: sms"),
     (10, "CONV002")),
    ("conv-first-no-touchpoint", CONV.replace("    touchpoint: email\n", ""), (8, "CONV003")),
    ("conv-no-agent-message", CONV.replace("role: agent", "role: bot"), (7, "CONV004")),
    ("conv-empty-messages", CONV.split("messages:")[0] + "messages: []\n", (7, "SCHEMA007")),
    ("conv-type", CONV.replace("type: contact", "type: agent"), (2, "SCHEMA003")),
    ("conv-object-id", CONV.replace("5c7574c78ae07962b12e264c", "my-org"), (1, "CONV007")),
    ("wa-business-initiated", CONV.replace("email: john.johnson@example.com",
                                           "telephone: '+31646280994'")
     .replace("touchpoint: email", "touchpoint: whatsapp"), (8, "WA006")),
    # pacing
    ("delay-decreasing", "- {role: agent, text: One, delay: 3000}\n"
     "- {role: agent, text: Two, delay: 1000}\n", (2, "PACE001")),
    ("command-same-tick", "- {role: agent, text: Bye}\n- {type: command, text: /leave}\n",
     (2, "PACE002")),
    # loading
    ("duplicate-key", "role: agent\ntext: hi\ntext: hello\n", (3, "YAML002")),
    ("syntax", "role: agent\ntext: [hi\n", (3, "YAML001")),
    ("trailing-comma.json", '{\n  "role": "agent",\n  "text": "hi",\n}\n', (3, "YAML001")),
    # specs
    ("spec-kind", "kind: mesages\nmessages:\n  - text: hi\n", (1, "SPEC003")),
    ("spec-undeclared-var", "kind: messages\nmessages:\n  - text: 'Hi {{ name }}'\n",
     (3, "SPEC001")),
    ("spec-unused-var", "kind: messages\nvars:\n  name: {type: string}\nmessages:\n"
     "  - text: Hi\n", (3, "SPEC002")),
    ("spec-unknown-key", "kind: messages\ndefault:\n  touchpoint: sms\nmessages:\n"
     "  - text: Hi\n", (2, "SPEC004")),
    ("spec-template-syntax", "kind: messages\nvars:\n  name: {type: string}\nmessages:\n"
     "  - text: 'Hi {{ name }'\n", (5, "SPEC005")),
    ("spec-pacing", "kind: messages\npacing: fast\nmessages:\n  - text: Hi\n", (2, "SCHEMA003")),
    ("spec-remote-ref", "kind: messages\nvars:\n  name: {$ref: 'https://e.org/s.json'}\n"
     "messages:\n  - text: 'Hi {{ name }}'\n", (3, "SPEC006")),
]


def findings(doc: str, case_id: str) -> list[tuple[int, str]]:
    name = "case.json" if case_id.endswith(".json") else "case.yaml"
    return [(d.line, d.code) for d in lint_loaded(load_text(doc, name))]


@pytest.mark.parametrize(("case_id", "doc", "expected"), CASES, ids=[c[0] for c in CASES])
def test_single_fault_gives_single_finding(case_id: str, doc: str,
                                           expected: tuple[int, str]) -> None:
    assert findings(doc, case_id) == [expected]


def test_the_table_is_large_enough() -> None:
    assert len(CASES) >= 60
    assert len({c[0] for c in CASES}) == len(CASES)


def main() -> int:
    exact = 0
    for case_id, doc, expected in CASES:
        got = findings(doc, case_id)
        if got == [expected]:
            exact += 1
        else:
            print(f"{case_id}: expected {[expected]}, got {got}")
    print(f"precision: {exact}/{len(CASES)} faults gave exactly one finding, the expected one "
          f"({exact / len(CASES):.1%})")
    return 0 if exact == len(CASES) else 1


if __name__ == "__main__":
    raise SystemExit(main())
