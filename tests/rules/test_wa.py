"""WhatsApp rules: template meta, languages, business-initiated and free-form (WA001-WA008)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest

from spec_compiler.config import Config
from spec_compiler.engine import lint_loaded
from spec_compiler.loader import load_text

PREFIXES = ("WA",)
EXAMPLES = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "api-examples"
NS = "56cca706_4162_b9be_fc60_13623ff73b1e"

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


def template(meta: str, touchpoint: str = "whatsapp") -> str:
    """A message with template ``meta`` lines (each indented by two spaces, from line 5)."""
    return f"role: agent\ntext: Your car is ready\ntouchpoint: {touchpoint}\nmeta:\n{meta}"


FULL = f"  namespace: {NS}\n  elementName: your_car_is_ready\n  language: nl\n"
CONTACT = "contact: {profile: {telephone: '+31646280994'}}\n"


CASES = [
    # --- WA001 incomplete template
    pytest.param(template(f"  namespace: {NS}\n"), [(4, 1, "WA001")], id="WA001-no-name"),
    pytest.param(template("  elementName: car_ready\n"), [(4, 1, "WA001")],
                 id="WA001-no-namespace"),
    pytest.param(template("  language: nl\n"), [(1, 1, "WA007"), (4, 1, "WA001")],
                 id="WA001-language-alone-is-free-form"),
    pytest.param(template(f"  namespace: {NS}\n  language: nl\n"), [(4, 1, "WA001")],
                 id="WA001-one-finding-for-two-missing"),
    pytest.param(template(FULL), [], id="WA001-ok"),
    pytest.param(template("  elementName: car_ready\n  namespace: x\n"), [(6, 14, "WA002")],
                 id="WA001-ok-bad-namespace-is-WA002"),
    # --- WA002 namespace
    pytest.param(template("  namespace: 56cca706-4162-b9be-fc60-13623ff73b1e\n"
                          "  elementName: car_ready\n"), [(5, 14, "WA002")], id="WA002-dashes"),
    pytest.param(template("  namespace: 56CCA706_4162_B9BE_FC60_13623FF73B1E\n"
                          "  elementName: car_ready\n"), [(5, 14, "WA002")], id="WA002-upper"),
    pytest.param(template("  namespace: my-namespace\n  elementName: car_ready\n"),
                 [(5, 14, "WA002")], id="WA002-garbage"),
    pytest.param(template("  namespace: 12\n  elementName: car_ready\n"),
                 [(5, 14, "WA002")], id="WA002-number"),
    pytest.param(template(f"  namespace: {NS}\n  elementName: car_ready\n"), [], id="WA002-ok"),
    # --- WA003 template name
    pytest.param(template(f"  namespace: {NS}\n  elementName: Car_Ready\n"),
                 [(6, 16, "WA003")], id="WA003-uppercase"),
    pytest.param(template(f"  namespace: {NS}\n  elementName: car ready\n"),
                 [(6, 16, "WA003")], id="WA003-spaces"),
    pytest.param(template(f"  namespace: {NS}\n  elementName: car-ready!\n"),
                 [(6, 16, "WA003")], id="WA003-punctuation"),
    pytest.param(template(f"  namespace: {NS}\n  elementName: ''\n"),
                 [(6, 16, "WA003")], id="WA003-empty"),
    pytest.param(template(f"  namespace: {NS}\n  elementName: car_ready_2\n"), [],
                 id="WA003-ok"),
    # --- WA004 language format
    pytest.param(template(f"  namespace: {NS}\n  elementName: a\n  language: nl-NL\n"),
                 [(7, 13, "WA004")], id="WA004-dash"),
    pytest.param(template(f"  namespace: {NS}\n  elementName: a\n  language: NL\n"),
                 [(7, 13, "WA004")], id="WA004-upper"),
    pytest.param(template(f"  namespace: {NS}\n  elementName: a\n  language: dutch\n"),
                 [(7, 13, "WA004")], id="WA004-word"),
    pytest.param(template(f"  namespace: {NS}\n  elementName: a\n  language: en_US\n"), [],
                 id="WA004-ok-region"),
    # --- WA005 unknown language
    pytest.param(template(f"  namespace: {NS}\n  elementName: a\n  language: nl_NL\n"),
                 [(7, 13, "WA005")], id="WA005-nl_NL"),
    pytest.param(template(f"  namespace: {NS}\n  elementName: a\n  language: xx\n"),
                 [(7, 13, "WA005")], id="WA005-xx"),
    pytest.param(template(f"  namespace: {NS}\n  elementName: a\n  language: pt\n"),
                 [(7, 13, "WA005")], id="WA005-pt-needs-region"),
    pytest.param(template(f"  namespace: {NS}\n  elementName: a\n  language: fil\n"), [],
                 id="WA005-ok-fil"),
    pytest.param(template(f"  namespace: {NS}\n  elementName: a\n  language: pt_BR\n"), [],
                 id="WA005-ok-pt_BR"),
    pytest.param(template(f"  namespace: {NS}\n  elementName: a\n  language: nl-NL\n"),
                 [(7, 13, "WA004")], id="WA005-quiet-when-malformed"),
    # --- WA006 business-initiated conversation
    pytest.param(CONTACT + "messages:\n  - {role: agent, text: Hi, touchpoint: whatsapp}\n",
                 [(3, 5, "WA006")], id="WA006-free-form-first"),
    pytest.param(
        CONTACT + "messages:\n"
        f"  - role: agent\n    text: Hi\n    touchpoint: whatsapp\n"
        f"    meta: {{namespace: {NS}, elementName: car_ready}}\n"
        "  - {role: agent, text: How are you?}\n"
        "  - {role: agent, text: Bye, isBackchannel: true}\n",
        [(7, 5, "WA006")], id="WA006-second-message-inherits-channel"),
    pytest.param(
        "touchpoint: whatsapp\n" + CONTACT + "messages:\n"
        "  - {role: agent, text: Hi}\n  - {role: agent, text: Bye}\n",
        [(4, 5, "WA006"), (5, 5, "WA006")], id="WA006-conversation-touchpoint"),
    pytest.param(
        CONTACT + "messages:\n"
        f"  - role: agent\n    text: Hi\n    touchpoint: whatsapp\n"
        f"    meta: {{namespace: {NS}, elementName: car_ready}}\n"
        "  - {role: contact, text: Hello!}\n"
        "  - {role: agent, text: How can we help?}\n",
        [], id="WA006-ok-after-contact-reply"),
    pytest.param(CONTACT + "messages:\n  - {role: agent, text: Hi, touchpoint: sms}\n", [],
                 id="WA006-ok-sms"),
    pytest.param(
        "kind: conversation\n" + CONTACT + "defaults: {touchpoint: whatsapp}\nmessages:\n"
        "  - text: Hi\n  - {type: command, text: /leave, delay: 3000}\n",
        [(5, 5, "WA006")], id="WA006-spec-defaults"),
    # --- WA007 free-form outside a new conversation
    pytest.param("role: agent\ntext: Hi\ntouchpoint: whatsapp\n", [(1, 1, "WA007")],
                 id="WA007-message"),
    pytest.param("- {role: agent, text: Hi, touchpoint: whatsapp}\n- {role: agent, text: Bye}\n",
                 [(1, 3, "WA007"), (2, 3, "WA007")], id="WA007-list"),
    pytest.param(
        "kind: messages\ndefaults: {touchpoint: whatsapp}\nmessages:\n  - text: Hi\n",
        [(4, 5, "WA007")], id="WA007-spec"),
    pytest.param(template(FULL), [], id="WA007-ok-template"),
    pytest.param("role: agent\ntext: Hi\ntouchpoint: web\n", [], id="WA007-ok-web"),
    pytest.param("role: agent\ntext: Hi\n", [], id="WA007-ok-unknown-channel"),
    pytest.param("role: bot\ntext: Hi\ntouchpoint: whatsapp\n", [], id="WA007-ok-bot"),
    pytest.param("- {role: contact, text: Hi, touchpoint: whatsapp}\n- {role: agent, text: Yo}\n",
                 [], id="WA007-ok-contact-wrote"),
    # --- WA008 template off WhatsApp
    pytest.param(template(FULL, "sms"), [(5, 14, "WA008")], id="WA008-sms"),
    pytest.param(template("  elementName: car_ready\n  namespace: " + NS + "\n", "email"),
                 [(6, 14, "WA008")], id="WA008-email-at-namespace"),
    pytest.param(
        "- {role: agent, text: Hi, touchpoint: web}\n"
        f"- {{role: agent, text: Yo, meta: {{namespace: {NS}, elementName: a}}}}\n",
        [(2, 45, "WA008")], id="WA008-inherited-web"),
    pytest.param(template(FULL), [], id="WA008-ok-whatsapp"),
    pytest.param(f"role: agent\ntext: Hi\nmeta: {{namespace: {NS}, elementName: a}}\n", [],
                 id="WA008-ok-unknown"),
]


@pytest.mark.parametrize(("src", "expected"), CASES)
def test_findings(src: str, expected: Found) -> None:
    assert sorted(found(src)) == sorted(expected)


@pytest.mark.parametrize(
    ("meta", "message"),
    [
        (f"  namespace: {NS}\n",
         "template meta has 'namespace' but no 'elementName'; a WhatsApp template needs both"),
        ("  language: nl\n",
         "'language' alone is not a template; add 'namespace' and 'elementName' or remove it"),
        ("  namespace: 56cca706-4162-b9be-fc60-13623ff73b1e\n  elementName: a\n",
         "namespace '56cca706-4162-b9be-fc60-13623ff73b1e' is not a WhatsApp template "
         f"namespace (8_4_4_4_12 lowercase hex digits); did you mean '{NS}'?"),
        (f"  namespace: {NS}\n  elementName: Car_Ready\n",
         "elementName 'Car_Ready' has uppercase letters; did you mean 'car_ready'?"),
        (f"  namespace: {NS}\n  elementName: Car ready\n",
         "elementName 'Car ready' has spaces; did you mean 'car_ready'?"),
        (f"  namespace: {NS}\n  elementName: a\n  language: nl-NL\n",
         "language 'nl-NL' is not a WhatsApp language code; did you mean 'nl_NL'?"),
        (f"  namespace: {NS}\n  elementName: a\n  language: NL\n",
         "language 'NL' is not a WhatsApp language code; did you mean 'nl'?"),
        (f"  namespace: {NS}\n  elementName: a\n  language: nl_NL\n",
         "language 'nl_NL' is not in Meta's list of template languages; did you mean 'nl'?"),
        (f"  namespace: {NS}\n  elementName: a\n  language: pt\n",
         "language 'pt' is not in Meta's list of template languages; did you mean 'pt_BR'?"),
    ],
)
def test_messages(meta: str, message: str) -> None:
    assert [d.message for d in lint(template(meta)) if d.code != "WA007"] == [message]


@pytest.mark.parametrize(
    ("window", "expected"),
    [
        ("unknown", ["free-form whatsapp message is refused outside the 24-hour window; use a "
                     "template unless the contact wrote in the last 24 hours"]),
        ("open", []),
        ("closed", ["free-form whatsapp message will be refused: the window is closed; "
                    "use a template"]),
    ],
)
def test_window_option(window: str, expected: list[str]) -> None:
    src = "role: agent\ntext: Hi\ntouchpoint: whatsapp\n"
    diags = lint(src, options={"free-form-whatsapp": {"window": window}})
    assert [d.message for d in diags] == expected


def test_window_open_leaves_new_conversations_to_wa006() -> None:
    src = CONTACT + "messages:\n  - {role: agent, text: Hi, touchpoint: whatsapp}\n"
    assert found(src, options={"WA007": {"window": "open"}}) == [(3, 5, "WA006")]


def test_json_seed_whatsapp_conversation() -> None:
    src = (
        '{"organization": "5bad2f12e91d2c331be33364", "type": "contact",\n'
        ' "contact": {"profile": {"telephone": "+31646280994"}},\n'
        ' "messages": [{"role": "agent", "text": "Your car is ready to be picked up!",\n'
        '   "touchpoint": "whatsapp",\n'
        f'   "meta": {{"language": "nl", "namespace": "{NS}",\n'
        '            "elementName": "your_car_is_ready"}}]}'
    )
    assert found(src, "case.json") == []


def test_spec_defaults_reported_once() -> None:
    src = (
        "kind: messages\n"
        "defaults:\n"
        "  touchpoint: whatsapp\n"
        f"  meta: {{namespace: {NS}, elementName: a, language: nl-NL}}\n"
        "messages:\n"
        "  - text: Hi\n"
        "  - text: Bye\n"
        "    meta: {title: x}\n"
    )
    assert found(src) == [(4, 85, "WA004")]


def _examples() -> list[Path]:
    folder = EXAMPLES
    return sorted(folder.glob("*.json"))


@pytest.mark.parametrize("path", _examples(), ids=lambda p: p.name)
def test_api_examples_have_no_errors(path: Path) -> None:
    diags = lint(path.read_text(encoding="utf-8"), path.name)
    assert [d.render() for d in diags if d.severity == "error"] == []
