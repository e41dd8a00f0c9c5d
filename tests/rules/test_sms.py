"""SMS rules: sender ids, one-way SMS, segments, encoding and length (SMS001-SMS007)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest

from spec_compiler.config import Config
from spec_compiler.engine import lint_loaded
from spec_compiler.loader import load_text

PREFIXES = ("SMS",)
EXAMPLES = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "api-examples"

Found = list[tuple[int, int, str]]


def lint(src: str, name: str = "case.yaml",
         options: Mapping[str, Mapping[str, Any]] | None = None) -> list[Any]:
    """Diagnostics of this family for ``src``."""
    config = Config(select=PREFIXES, rule_options=options or {})
    return [d for d in lint_loaded(load_text(src, name), config=config)
            if d.code.startswith(PREFIXES)]


def found(src: str, name: str = "case.yaml",
          options: Mapping[str, Mapping[str, Any]] | None = None) -> Found:
    """``(line, col, code)`` of each finding of this family."""
    return [(d.line, d.column, d.code) for d in lint(src, name, options)]


def sms(text: str, extra: str = "") -> str:
    """A one-message SMS payload with ``text`` (JSON-quoted, on line 3)."""
    quoted = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'role: agent\ntouchpoint: sms\ntext: "{quoted}"\n{extra}'


LONG_GSM = "a" * 459 + "."          # 460 chars: 4 segments
THREE_SEGMENTS = "a" * 340 + "."    # 341 chars: 3 segments
TWO_SEGMENTS = "a" * 305 + "."      # 306 chars: 2 segments
CURLY = "We’re ready for you"       # ’ at character 3


CASES = [
    # --- SMS001 sender id format
    pytest.param(
        "role: agent\ntext: Hi\ntouchpoint: sms\nmeta:\n  SenderID: Tims Truckshop\n",
        [(5, 13, "SMS001")], id="SMS001-too-long"),
    pytest.param(
        "role: agent\ntext: Hi\ntouchpoint: sms\nmeta:\n  SenderID: '0612345678'\n",
        [(5, 13, "SMS001")], id="SMS001-digits-only"),
    pytest.param(
        "role: agent\ntext: Hi\ntouchpoint: sms\nmeta:\n  SenderID: Tims-Trucks\n",
        [(5, 13, "SMS001")], id="SMS001-dash"),
    pytest.param(
        "role: agent\ntext: Hi\ntouchpoint: sms\nmeta:\n  SenderID: Café\n",
        [(5, 13, "SMS001")], id="SMS001-non-ascii"),
    pytest.param(
        "role: agent\ntext: Hi\ntouchpoint: sms\nmeta:\n  SenderID: ''\n",
        [(5, 13, "SMS001")], id="SMS001-empty"),
    pytest.param(
        "role: agent\ntext: Hi\ntouchpoint: sms\nmeta:\n  SenderID: 12345\n",
        [(5, 13, "SMS001")], id="SMS001-number-type"),
    pytest.param(
        "role: agent\ntext: Hi\ntouchpoint: sms\nmeta:\n  SenderID: Tims Trucks\n",
        [], id="SMS001-ok-11"),
    pytest.param(
        "role: agent\ntext: Hi\ntouchpoint: sms\nmeta:\n  SenderID: Garage 24\n",
        [], id="SMS001-ok-digits-and-letters"),
    pytest.param(
        "kind: messages\nvars: {sender: {type: string}}\nmessages:\n"
        "  - text: Hi\n    touchpoint: sms\n    meta: {SenderID: '{{ sender }}'}\n",
        [], id="SMS001-template-skipped"),
    pytest.param(
        "kind: messages\ndefaults:\n  touchpoint: sms\n  meta: {SenderID: Tims Truckshop}\n"
        "messages:\n  - text: Hi\n  - text: Bye\n    meta: {title: x}\n",
        [(4, 20, "SMS001")], id="SMS001-defaults-once"),
    # --- SMS002 whitespace
    pytest.param(
        "role: agent\ntext: Hi\ntouchpoint: sms\nmeta:\n  SenderID: ' Tims'\n",
        [(5, 13, "SMS002")], id="SMS002-leading"),
    pytest.param(
        "role: agent\ntext: Hi\ntouchpoint: sms\nmeta:\n  SenderID: 'Tims '\n",
        [(5, 13, "SMS002")], id="SMS002-trailing"),
    pytest.param(
        "role: agent\ntext: Hi\ntouchpoint: sms\nmeta:\n  SenderID: 'Tims  Cars'\n",
        [(5, 13, "SMS002")], id="SMS002-double"),
    pytest.param(
        "role: agent\ntext: Hi\ntouchpoint: sms\nmeta:\n  SenderID: 'Tims Trucks '\n",
        [(5, 13, "SMS001")], id="SMS002-quiet-when-SMS001"),
    pytest.param(
        "role: agent\ntext: Hi\ntouchpoint: sms\nmeta:\n  SenderID: Tims Cars\n",
        [], id="SMS002-ok"),
    # --- SMS003 SenderID off SMS
    pytest.param(
        "role: agent\ntext: Hi\ntouchpoint: email\nmeta:\n  SenderID: Tims\n",
        [(5, 13, "SMS003")], id="SMS003-email"),
    pytest.param(
        "role: agent\ntext: Hi\ntouchpoint: whatsapp\nmeta:\n  SenderID: Tims\n",
        [(5, 13, "SMS003")], id="SMS003-whatsapp"),
    pytest.param(
        '{"touchpoint": "web", "messages": [{"role": "agent", "text": "Hi",\n'
        ' "meta": {"SenderID": "Tims"}}], "contact": {"profile": {"email": "a@b.nl"}}}',
        [(2, 23, "SMS003")], id="SMS003-conversation-touchpoint"),
    pytest.param(
        "- {role: agent, text: Hi, touchpoint: email}\n"
        "- {role: agent, text: Bye, meta: {SenderID: Tims}}\n",
        [(2, 45, "SMS003")], id="SMS003-inherited-touchpoint"),
    pytest.param(
        "role: agent\ntext: Hi\nmeta:\n  SenderID: Tims\n",
        [], id="SMS003-unknown-channel"),
    pytest.param(
        "role: agent\ntext: Hi\ntouchpoint: sms\nmeta:\n  SenderID: Tims\n",
        [], id="SMS003-ok-sms"),
    # --- SMS004 one-way SMS expects a reply
    pytest.param(sms("Reply STOP to unsubscribe", "meta: {SenderID: Tims}\n"),
                 [(3, 7, "SMS004")], id="SMS004-reply-stop"),
    pytest.param(sms("Please respond before Friday", "meta: {SenderID: Tims}\n"),
                 [(3, 7, "SMS004")], id="SMS004-respond"),
    pytest.param(sms("Stuur JA terug om te bevestigen", "meta: {SenderID: Tims}\n"),
                 [(3, 7, "SMS004")], id="SMS004-stuur-terug"),
    pytest.param(sms("Antwoord met JA om te bevestigen", "meta: {SenderID: Tims}\n"),
                 [(3, 7, "SMS004")], id="SMS004-antwoord"),
    pytest.param(sms("SMS YES to 4455 to confirm", "meta: {SenderID: Tims}\n"),
                 [(3, 7, "SMS004")], id="SMS004-sms-keyword-to"),
    pytest.param(sms("Can you make it? Let us know when?", "meta: {SenderID: Tims}\n"),
                 [(3, 7, "SMS004")], id="SMS004-let-us-know-question"),
    pytest.param(sms("Text us back if you are late", "meta: {SenderID: Tims}\n"),
                 [(3, 7, "SMS004")], id="SMS004-text-back"),
    pytest.param(
        sms("Pick one", "meta: {SenderID: Tims}\nactions:\n"
                        "  - {type: reply, text: Yes, payload: Y}\n"
                        "  - {type: postback, text: No, payload: N}\n"
                        "  - {type: link, text: Site, uri: 'https://example.org'}\n"),
        [(6, 5, "SMS004"), (7, 5, "SMS004")], id="SMS004-actions"),
    pytest.param(
        sms("Reply YES", "meta: {SenderID: Tims}\nactions:\n"
                         "  - {type: reply, text: Yes, payload: Y}\n"),
        [(3, 7, "SMS004"), (6, 5, "SMS004")], id="SMS004-text-and-action"),
    pytest.param(sms("Do not reply to this message", "meta: {SenderID: Tims}\n"),
                 [], id="SMS004-do-not-reply"),
    pytest.param(sms("You can't reply to this number", "meta: {SenderID: Tims}\n"),
                 [], id="SMS004-cannot-reply"),
    pytest.param(sms("Are you coming tomorrow?", "meta: {SenderID: Tims}\n"),
                 [], id="SMS004-question-mark-alone"),
    pytest.param(sms("Reply STOP to unsubscribe"), [], id="SMS004-two-way-sms"),
    pytest.param(sms("To confirm, reply YES", "meta: {SenderID: Tims}\n"),
                 [(3, 7, "SMS004")], id="SMS004-after-comma"),
    pytest.param(sms("We will respond within 24 hours.", "meta: {SenderID: Tims}\n"),
                 [], id="SMS004-we-respond"),
    pytest.param(sms("Thanks, we'll reply soon", "meta: {SenderID: Tims}\n"),
                 [], id="SMS004-we-reply"),
    pytest.param(sms("Het antwoord is nee", "meta: {SenderID: Tims}\n"),
                 [], id="SMS004-antwoord-noun"),
    pytest.param(sms("We sms reminders to you", "meta: {SenderID: Tims}\n"),
                 [], id="SMS004-sms-verb"),
    pytest.param(
        "role: agent\ntext: Reply YES\ntouchpoint: email\nmeta: {SenderID: Tims}\n",
        [(4, 18, "SMS003")], id="SMS004-quiet-off-sms"),
    # --- SMS005 segments
    pytest.param(sms(THREE_SEGMENTS), [(3, 7, "SMS005")], id="SMS005-gsm-3"),
    pytest.param(sms("’" + "a" * 140), [(3, 7, "SMS005"), (3, 7, "SMS006")],
                 id="SMS005-ucs2-3"),
    pytest.param("role: agent\ntext: \"" + THREE_SEGMENTS + "\"\nmeta: {SenderID: Tims}\n",
                 [(2, 7, "SMS005")], id="SMS005-senderid-proves-sms"),
    pytest.param(sms(TWO_SEGMENTS), [], id="SMS005-ok-2"),
    pytest.param("role: agent\ntext: \"" + THREE_SEGMENTS + "\"\n", [],
                 id="SMS005-unknown-channel"),
    pytest.param("role: agent\ntouchpoint: web\ntext: \"" + THREE_SEGMENTS + "\"\n", [],
                 id="SMS005-web"),
    pytest.param("role: bot\ntouchpoint: sms\ntext: \"" + THREE_SEGMENTS + "\"\n", [],
                 id="SMS005-internal-bot"),
    pytest.param(sms("a" * 1601), [(3, 7, "SMS007")], id="SMS005-quiet-when-SMS007"),
    # --- SMS006 UCS-2
    pytest.param(sms(CURLY), [(3, 7, "SMS006")], id="SMS006-curly-apostrophe"),
    pytest.param(sms("Tot morgen \U0001F44B"), [(3, 7, "SMS006")], id="SMS006-emoji"),
    pytest.param(sms("Onze ideeën"), [(3, 7, "SMS006")], id="SMS006-diaeresis"),
    pytest.param(sms("We're ready, 5€ {ok}"), [], id="SMS006-ok-gsm"),
    pytest.param("role: agent\ntouchpoint: email\ntext: We’re ready\n", [], id="SMS006-email"),
    pytest.param(
        "role: agent\ntouchpoint: sms\ntext: 'https://example.org/ë.png'\n"
        "contentType: image/png\n", [], id="SMS006-file-skipped"),
    # --- SMS007 too long
    pytest.param(sms("a" * 1601), [(3, 7, "SMS007")], id="SMS007-gsm"),
    pytest.param(sms("ë" * 2000), [(3, 7, "SMS006"), (3, 7, "SMS007")], id="SMS007-ucs2"),
    pytest.param("role: agent\ntext: \"" + "a" * 1700 + "\"\nmeta: {SenderID: Tims}\n",
                 [(2, 7, "SMS007")], id="SMS007-senderid"),
    pytest.param(sms("a" * 1600), [(3, 7, "SMS005")], id="SMS007-ok-1600"),
    pytest.param("role: agent\ntouchpoint: web\ntext: \"" + "a" * 1700 + "\"\n", [],
                 id="SMS007-web"),
]


@pytest.mark.parametrize(("src", "expected"), CASES)
def test_findings(src: str, expected: Found) -> None:
    assert sorted(found(src)) == sorted(expected)


def test_json_positions() -> None:
    src = ('{"role": "agent", "touchpoint": "sms",\n'
           ' "meta": {"SenderID": "Tims Truckshop"}, "text": "x"}')
    assert found(src, "case.json") == [(2, 23, "SMS001")]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("Tims Truckshop", "sender id 'Tims Truckshop' is 14 characters; at most 11 are allowed"),
        ("0612345678", "sender id '0612345678' is only digits; it needs at least one letter"),
        ("Tims-Trucks", "sender id 'Tims-Trucks': '-' is not allowed; use A-Z, a-z, 0-9 and "
                        "space (a Twilio Messaging Service also accepts '- + _ &')"),
        ("Tims.Trucks", "sender id 'Tims.Trucks': '.' is not allowed; use A-Z, a-z, 0-9 and space"),
    ],
)
def test_sender_id_messages(value: str, message: str) -> None:
    src = f"role: agent\ntext: Hi\ntouchpoint: sms\nmeta:\n  SenderID: '{value}'\n"
    assert [d.message for d in lint(src)] == [message]


def test_messages() -> None:
    assert [d.message for d in lint(sms(THREE_SEGMENTS))] == [
        "text needs 3 SMS segments (GSM-7, 341 characters); the budget is 2"]
    assert [d.message for d in lint(sms(CURLY))] == [
        "'’' (U+2019) at character 3 forces UCS-2: 70 characters per segment instead of 160; "
        "write \"'\" instead"]
    assert [d.message for d in lint(sms("a" * 1601))] == [
        "sms text is 1601 characters; Twilio refuses more than 1600 (error 21617)"]
    ucs2 = [d.message for d in lint(sms("’" + "a" * 140)) if d.code == "SMS005"]
    assert ucs2 == ["text needs 3 SMS segments (UCS-2 because of '’', 141 characters); "
                    "the budget is 2"]
    whitespace = lint("role: agent\ntext: Hi\ntouchpoint: sms\nmeta: {SenderID: 'Tims  Cars'}\n")
    assert [d.message for d in whitespace] == [
        "sender id 'Tims  Cars' has a double space; use 'Tims Cars'"]


def test_one_way_messages() -> None:
    text = lint(sms("Reply STOP to unsubscribe", "meta: {SenderID: Tims}\n"))
    assert [d.message for d in text] == [
        "text asks for a reply ('Reply STOP') but a one-way sms from a SenderID cannot be "
        "answered; drop meta.SenderID or the request"]
    action = lint(sms("Pick", "meta: {SenderID: Tims}\nactions: [{type: reply, payload: Y}]\n"))
    assert [d.message for d in action] == [
        "reply action on a one-way sms: the contact cannot reply to a SenderID; use a link or "
        "drop meta.SenderID"]


def test_segment_budget_option() -> None:
    options = {"sms-segments": {"max-segments": 3}}
    assert found(sms(THREE_SEGMENTS), options=options) == []
    assert found(sms(LONG_GSM), options=options) == [(3, 7, "SMS005")]
    assert found(sms(TWO_SEGMENTS), options={"SMS005": {"max-segments": 1}}) == [
        (3, 7, "SMS005")]


def test_spec_sender_id_and_segments_from_defaults() -> None:
    src = (
        "kind: conversation\n"
        "contact: {profile: {telephone: '+31646280994'}}\n"
        "defaults:\n"
        "  touchpoint: sms\n"
        "  meta: {SenderID: 'Tims '}\n"
        "messages:\n"
        "  - text: We’re ready\n"
        "  - text: '{{ text }}'\n"
        "vars: {text: {type: string}}\n"
    )
    assert found(src) == [(5, 20, "SMS002"), (7, 11, "SMS006")]


def test_rendered_spec_checks_values() -> None:
    from spec_compiler.engine import lint_data
    from spec_compiler.loader import load_text as load

    doc = load(sms("We’re ready"), "case.yaml").documents[0]
    diags = lint_data({"role": "agent", "touchpoint": "sms", "text": "We’re ready"},
                      kind="message", file="case.yaml", locator=doc.locator,
                      config=Config(select=PREFIXES), flags={"rendered": True})
    assert [d.code for d in diags] == ["SMS006"]


def _examples() -> list[Path]:
    folder = EXAMPLES
    return sorted(folder.glob("*.json"))


@pytest.mark.parametrize("path", _examples(), ids=lambda p: p.name)
def test_api_examples_have_no_errors(path: Path) -> None:
    diags = lint(path.read_text(encoding="utf-8"), path.name)
    assert [d.render() for d in diags if d.severity == "error"] == []
