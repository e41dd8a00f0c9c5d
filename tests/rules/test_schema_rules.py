"""SCHEMA001-SCHEMA009: schema faults mapped to codes, one finding per fault."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from robustness import assert_robust

from spec_compiler.config import Config
from spec_compiler.document import Document, LintContext, SchemaError
from spec_compiler.engine import build_context, lint_loaded
from spec_compiler.loader import load_path, load_text
from spec_compiler.rules import load_rule

PREFIX = "SCHEMA"
CONFIG = Config(select=(PREFIX,))
EXAMPLES = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "api-examples"

Expected = list[tuple[int, int, str]]


def findings(src: str, filename: str = "case.yaml") -> Expected:
    diags = lint_loaded(load_text(src, filename), config=CONFIG)
    return sorted((d.line, d.column, d.code) for d in diags if d.code.startswith(PREFIX))


def messages(src: str, filename: str = "case.yaml") -> list[str]:
    diags = lint_loaded(load_text(src, filename), config=CONFIG)
    return [d.message for d in sorted(diags) if d.code.startswith(PREFIX)]


CASES = [
    # SCHEMA001 invalid-type
    pytest.param("text: 42\nrole: agent\n", [(1, 7, "SCHEMA001")], id="type-text-integer"),
    pytest.param("text: hi\nrole: agent\nactions:\n  - {type: postback, text: Morning, "
                 "payload: 0930}\n", [(4, 46, "SCHEMA001")], id="type-payload-0930"),
    pytest.param("text: hi\nrole: agent\nisBackchannel: 'yes'\n", [(3, 16, "SCHEMA001")],
                 id="type-backchannel-string"),
    pytest.param('{"text": "hi", "role": "agent", "delay": "1000"}', [(1, 42, "SCHEMA001")],
                 id="type-json-delay-string"),
    pytest.param("text: hi\nrole: agent\nactions: {type: link}\n", [(3, 10, "SCHEMA001")],
                 id="type-actions-object-one-finding"),
    pytest.param("text: hi\nrole: agent\nactions:\n  - {type: postback, text: Morning, "
                 "payload: '0930'}\n", [], id="type-payload-quoted"),
    pytest.param("text: '42'\nrole: agent\ndelay: 1000\n", [], id="type-all-correct"),
    # SCHEMA002 missing-field
    pytest.param("role: agent\n", [(1, 1, "SCHEMA002")], id="required-text"),
    pytest.param("text: hi\nrole: agent\nactions:\n  - {text: Red, payload: red}\n",
                 [(4, 5, "SCHEMA002")], id="required-action-type"),
    pytest.param("text: hi\nrole: agent\ntype: card\nitems:\n  - title: Tacos\n",
                 [(5, 5, "SCHEMA002")], id="required-item-actions"),
    pytest.param("type: form\ntext: +Proefrit\n", [(1, 1, "SCHEMA002")], id="required-form-meta"),
    pytest.param("text: hi\nrole: agent\n", [], id="required-present"),
    pytest.param("organization: aaa111111111111111111222\ncontact: {}\nmessages:\n"
                 "  - {text: hi, role: agent, touchpoint: sms}\n", [],
                 id="required-profile-is-conv001"),
    # SCHEMA003 invalid-value
    pytest.param("text: hi\nrole: agent\ntype: crad\n", [(3, 7, "SCHEMA003")], id="enum-type"),
    pytest.param("text: hi\nrole: agnet\n", [(2, 7, "SCHEMA003")], id="enum-role"),
    pytest.param("text: hi\nrole: agent\nactions:\n  - {type: button, text: Red, payload: red}\n",
                 [(4, 12, "SCHEMA003")], id="enum-action-type"),
    pytest.param("kind: messages\npacing: fast\nmessages:\n  - text: hi\n", [(2, 9, "SCHEMA003")],
                 id="enum-pacing"),
    pytest.param("text: hi\nrole: contact\ntype: card\n", [], id="enum-valid"),
    pytest.param("kind: messages\npacing: none\nmessages:\n  - text: hi\n", [],
                 id="enum-pacing-none"),
    pytest.param("text: hi\nrole: agent\ntype: card\nitems:\n  - title: T\n"
                 "    actions: [{type: reply, text: a, payload: b}]\n", [(6, 22, "SCHEMA003")],
                 id="enum-reply-in-item"),
    pytest.param("text: hi\nrole: agent\ntype: card\nitems:\n  - title: T\n"
                 "    actions: [{type: locationRequest, text: a}]\n", [(6, 22, "SCHEMA003")],
                 id="enum-location-in-item"),
    # SCHEMA004 invalid-format
    pytest.param("text: hi\nrole: agent\ncontentType: pdf\n", [(3, 14, "SCHEMA004")],
                 id="format-content-type"),
    pytest.param("text: hi\nrole: agent\nactions:\n  - {type: buy, text: Buy, amount: 100, "
                 "currency: EUR}\n", [(4, 51, "SCHEMA004")], id="format-currency"),
    pytest.param("kind: messages\nname: car ready\nmessages:\n  - text: hi\n",
                 [(2, 7, "SCHEMA004")],
                 id="format-spec-name"),
    pytest.param("text: hi\nrole: agent\ncontentType: application/pdf\n", [], id="format-valid"),
    pytest.param("text: hi\nrole: agent\nmeta: {SenderID: Tims Truckshop}\n", [],
                 id="format-sender-id-is-sms001"),
    # SCHEMA005 invalid-length
    pytest.param("text: " + "x" * 4097 + "\nrole: agent\n", [(1, 7, "SCHEMA005")],
                 id="length-text"),
    pytest.param("text: hi\nrole: agent\ntype: card\nitems:\n  - title: T\n"
                 "    mediaUrl: https://x.org/a.png\n    mediaType: "
                 + "y" * 129 + "\n    actions: [{type: link, text: a, uri: 'https://x.org'}]\n",
                 [(7, 16, "SCHEMA005")], id="length-media-type"),
    pytest.param("text: hi\nrole: agent\ntype: card\nitems:\n  - title: T\n"
                 "    mediaUrl: https://x.org/a.png\n    altText: "
                 + "z" * 200 + "\n    actions: [{type: link, text: a, uri: 'https://x.org'}]\n",
                 [(7, 14, "SCHEMA005")], id="length-alt-text"),
    pytest.param("text: " + "x" * 4096 + "\nrole: agent\n", [], id="length-text-at-limit"),
    pytest.param("text: hi\nrole: agent\ntype: card\nitems:\n  - title: T\n"
                 "    mediaUrl: https://x.org/a.png\n    altText: short\n"
                 "    actions: [{type: link, text: a, uri: 'https://x.org'}]\n", [],
                 id="length-alt-text-short"),
    # SCHEMA006 out-of-range
    pytest.param("text: hi\nrole: agent\ndelay: -1\n", [(3, 8, "SCHEMA006")], id="range-delay"),
    pytest.param("type: form\ntext: +Proefrit\nmeta: {form: 590c76bdde1b762f2113e81c, "
                 "categoryIndex: 10}\n", [(3, 55, "SCHEMA006")], id="range-category-index"),
    pytest.param("kind: messages\npacing: {ms_per_char: -5}\nmessages:\n  - text: hi\n",
                 [(2, 23, "SCHEMA006")], id="range-pacing"),
    pytest.param("text: hi\nrole: agent\ndelay: 0\n", [], id="range-delay-zero"),
    pytest.param("type: form\ntext: +Proefrit\nmeta: {form: 590c76bdde1b762f2113e81c, "
                 "categoryIndex: 9}\n", [], id="range-category-index-max"),
    # SCHEMA007 invalid-item-count
    pytest.param("text: hi\nrole: agent\ntype: card\nitems: []\n", [(4, 8, "SCHEMA007")],
                 id="items-empty-carousel"),
    pytest.param("text: hi\nrole: agent\ntype: card\nitems:\n  - title: T\n    actions: []\n",
                 [(6, 14, "SCHEMA007")], id="items-item-without-actions"),
    pytest.param("[]\n", [(1, 1, "SCHEMA007")], id="items-empty-message-list"),
    pytest.param("organization: aaa111111111111111111222\ncontact: {profile: {email: a@b.org}}\n"
                 "messages: []\n", [(3, 11, "SCHEMA007")], id="items-conversation-no-messages"),
    pytest.param("text: hi\nrole: agent\ntype: card\nitems:\n  - title: T\n"
                 "    actions: [{type: link, text: a, uri: 'https://x.org'}]\n", [],
                 id="items-one-item"),
    pytest.param("- {text: hi, role: agent}\n", [], id="items-message-list"),
    # SCHEMA009 schema-violation
    pytest.param("kind: messages\npacing: {ms_per_chr: 40}\nmessages:\n  - text: hi\n",
                 [(2, 10, "SCHEMA009")], id="other-pacing-key"),
    pytest.param("kind: messages\npacing: {start_ms: 0, tick: 5}\nmessages:\n  - text: hi\n",
                 [(2, 23, "SCHEMA009")], id="other-pacing-second-key"),
    pytest.param("kind: messages\npacing:\n  ms_per_char: 40\n  maxms: 9\nmessages:\n"
                 "  - text: hi\n", [(4, 3, "SCHEMA009")], id="other-pacing-block"),
    pytest.param("kind: messages\npacing: {ms_per_char: 40}\nmessages:\n  - text: hi\n", [],
                 id="other-pacing-valid"),
    pytest.param("text: hi\nrole: agent\ntype: card\nitems:\n  - title: T\n"
                 "    actions: [{type: postback, text: a, payload: b}]\n", [],
                 id="other-postback-in-item"),
]


@pytest.mark.parametrize(("src", "expected"), CASES)
def test_schema_findings(src: str, expected: Expected) -> None:
    filename = "case.json" if src.lstrip().startswith("{") else "case.yaml"
    assert findings(src, filename) == expected


@pytest.mark.parametrize(("src", "expected"), [
    pytest.param("text: hi\nrole: agent\nactions:\n  - {type: postback, text: a, payload: 0930}\n",
                 "expected a string, got the integer 930; quote it to keep the text: '0930'",
                 id="integer-leading-zero"),
    pytest.param("text: true\nrole: agent\n",
                 "expected a string, got the boolean true; quote it to keep the text: 'true'",
                 id="boolean"),
    pytest.param("text: 1.50\nrole: agent\n",
                 "expected a string, got the number 1.5; quote it to keep the text: '1.50'",
                 id="float"),
    pytest.param("text: hi\nrole: agent\ndelay: '1000'\n",
                 "expected an integer, got string '1000'", id="not-a-string-wanted"),
    pytest.param("text: hi\nrole: agnet\n", "unknown role 'agnet'; did you mean 'agent'?",
                 id="enum-did-you-mean"),
    pytest.param("text: hi\nrole: agent\ntype: kard\n",
                 "unknown message type 'kard'; did you mean 'card'?", id="enum-loose-match"),
])
def test_messages(src: str, expected: str) -> None:
    assert messages(src) == [expected]


def _context(*errors: SchemaError) -> LintContext:
    doc = load_text("text: hi\nrole: agent\n", "case.yaml").documents[0]
    ctx = build_context(Document(doc.file, 0, doc.data, doc.locator))
    return LintContext(document=ctx.document, kind=ctx.kind, data=ctx.data,
                       messages=ctx.messages, schema_errors=errors)


@pytest.mark.parametrize(("errors", "expected"), [
    pytest.param([SchemaError("/a", "dependentRequired", "'a' needs 'b'", {})], ["/a"], id="one"),
    pytest.param([SchemaError("/x", "dependencies", "'x' needs 'y'", {}),
                  SchemaError("/z/y", "dependentRequired", "'y' needs 'z'", {})], ["/x", "/z/y"],
                 id="two"),
    pytest.param([SchemaError("/items/0", "dependentRequired", "'a' needs 'b'", {})],
                 ["/items/0"], id="nested"),
    pytest.param([SchemaError("/meta", "dependentRequired", "'namespace' needs 'x'", {})], [],
                 id="template-meta-is-wa001"),
    pytest.param([SchemaError("/a", "required", "missing required field 'b'", {})], [],
                 id="required-is-schema002"),
])
def test_dependency_from_schema_errors(errors: list[SchemaError], expected: list[str]) -> None:
    """SCHEMA008: companion fields; WhatsApp meta's are WA001."""
    rule = load_rule("SCHEMA008")
    assert [f.pointer for f in rule.check(_context(*errors), {})] == expected


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.json")), ids=lambda p: p.name)
def test_api_examples_have_no_schema_fault(path: Path) -> None:
    diags = lint_loaded(load_path(path), config=CONFIG)
    assert [d.render() for d in diags if d.code.startswith(PREFIX)] == []


HOSTILE_BASES: list[Any] = [
    {"text": "hi", "role": "agent", "type": "card", "delay": 1, "items": [
        {"title": "t", "actions": [{"type": "link", "text": "a", "uri": "u"}]}]},
    {"kind": "messages", "pacing": {"ms_per_char": 1}, "messages": [{"text": "hi"}]},
]

# --- robustness: a value of any type anywhere never crashes a rule -----------------------

@pytest.mark.parametrize("base", HOSTILE_BASES, ids=lambda b: str(b)[:30])
def test_any_value_anywhere(base: Any) -> None:
    assert_robust(base, CONFIG, PREFIX)
