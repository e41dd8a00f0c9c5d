"""SPEC001-SPEC006: variables, kinds, spec keys, template syntax and variable schemas."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from robustness import assert_robust

from spec_compiler.config import Config
from spec_compiler.engine import lint_loaded
from spec_compiler.loader import load_path, load_text

PREFIX = "SPEC"
CONFIG = Config(select=(PREFIX, "MSG001"))
EXAMPLES = Path(__file__).resolve().parents[1] / "fixtures" / "api-examples"

Expected = list[tuple[int, int, str]]


def findings(src: str, filename: str = "case.yaml",
             prefix: str | tuple[str, ...] = PREFIX) -> Expected:
    diags = lint_loaded(load_text(src, filename), config=CONFIG)
    return sorted((d.line, d.column, d.code) for d in diags if d.code.startswith(prefix))


def messages(src: str) -> list[str]:
    diags = lint_loaded(load_text(src, "case.yaml"), config=CONFIG)
    return [d.message for d in sorted(diags) if d.code.startswith(PREFIX)]


MS = "kind: messages\n"
NAME = "vars:\n  name: {type: string}\n"
CONV = ("kind: conversation\norganization: aaa111111111111111111222\n"
        "contact: {profile: {telephone: '+31646280994'}}\n")

UNDECLARED = [
    pytest.param(MS + NAME + "messages:\n  - text: 'Hi {{ nmae }}'\n", [(5, 11, "SPEC001")],
                 id="typo"),
    pytest.param(MS + "messages:\n  - text: Hi {{ name }}\n", [(3, 11, "SPEC001")], id="no-vars"),
    pytest.param("kind: conversation\ncontact: {profile: {telephone: '{{ phone }}'}}\n"
                 "messages:\n  - {text: hi, touchpoint: sms}\n", [(2, 32, "SPEC001")],
                 id="conversation-body"),
    pytest.param(MS + NAME + "defaults: {meta: {SenderID: '{{ sender }}'}}\nmessages:\n"
                 "  - text: '{{ name }}'\n", [(4, 29, "SPEC001")], id="defaults"),
    pytest.param(MS + "messages:\n  - text: '{{ a }} and {{ b }}'\n",
                 [(3, 11, "SPEC001"), (3, 11, "SPEC001")], id="two-names-one-string"),
    pytest.param(MS + NAME + "messages:\n  - text: 'Hi {{ name | upper }}'\n", [], id="declared"),
    pytest.param(MS + "description: 'Says {{ hello }}'\nmessages:\n  - actions: [{type: link, "
                 "text: go, uri: 'https://x.org/?id={authuser}&token={authtoken}'}]\n"
                 "    text: hi\n", [], id="single-braces-and-description"),
    pytest.param(MS + "vars: [name]\nmessages:\n  - text: Hi {{ name }}\n", [],
                 id="vars-not-a-mapping"),
    pytest.param("text: 'Hi {{ name }}'\nrole: agent\n", [], id="raw-payload"),
]

UNUSED = [
    pytest.param(MS + "vars:\n  name: {type: string}\n  phone: {type: string}\nmessages:\n"
                 "  - text: '{{ name }}'\n", [(4, 3, "SPEC002")], id="one"),
    pytest.param(MS + NAME + "messages:\n  - text: hi\n", [(3, 3, "SPEC002")], id="none-used"),
    pytest.param(MS + "description: 'For {{ name }}'\n" + NAME + "messages:\n  - text: hi\n",
                 [(4, 3, "SPEC002")], id="description-does-not-count"),
    pytest.param(MS + "vars: {a: {}, b: {}}\nmessages:\n  - text: hi\n",
                 [(2, 8, "SPEC002"), (2, 15, "SPEC002")], id="flow"),
    pytest.param(MS + NAME + "messages:\n  - text: hi\n    actions: [{type: link, text: go, "
                 "uri: 'https://x.org/{{ name }}'}]\n", [], id="nested"),
    pytest.param(CONV + NAME + "messages:\n  - {text: hi, touchpoint: sms}\n"
                 "meta: {n: '{{ name }}'}\n",
                 [], id="conversation-body"),
    pytest.param(MS + NAME + "messages:\n  - text: 'Hi {{ name }'\n", [(5, 11, "SPEC005")],
                 id="unparsable-counts-as-used"),
]

KIND = [
    pytest.param("kind: conversations\nmessages:\n  - text: hi\n", [(1, 7, "SPEC003")],
                 id="plural"),
    pytest.param("kind: message\nmessages:\n  - text: hi\n", [(1, 7, "SPEC003")], id="singular"),
    pytest.param("kind: Messages\nmessages:\n  - text: hi\n", [(1, 7, "SPEC003")], id="case"),
    pytest.param("kind: campaign\nmessages:\n  - text: hi\n", [(1, 7, "SPEC003")], id="other"),
    pytest.param(MS + "messages:\n  - text: hi\n", [], id="messages"),
    pytest.param(CONV + "messages:\n  - {text: hi, touchpoint: sms}\n", [], id="conversation"),
]

SPEC_KEY = [
    pytest.param(MS + "default: {role: agent}\nmessages:\n  - text: hi\n", [(2, 1, "SPEC004")],
                 id="messages-near-miss"),
    pytest.param(MS + "touchpoint: sms\nmessages:\n  - text: hi\n", [(2, 1, "SPEC004")],
                 id="messages-message-field"),
    pytest.param(MS + "contact: {profile: {email: a@b.org}}\nmessages:\n  - text: hi\n",
                 [(2, 1, "SPEC004")], id="messages-conversation-field"),
    pytest.param(MS + "foo: 1\nmessages:\n  - text: hi\n", [(2, 1, "SPEC004")],
                 id="messages-other"),
    pytest.param(CONV + "default: {}\nvar: {}\nvarz: {}\nmessages:\n"
                 "  - {text: hi, touchpoint: sms}\n",
                 [(4, 1, "SPEC004"), (5, 1, "SPEC004"), (6, 1, "SPEC004")],
                 id="conversation-near-misses"),
    pytest.param(CONV + "organisation: x\nmessages:\n  - {text: hi, touchpoint: sms}\n",
                 [(4, 1, "MSG001")], id="conversation-body-key-is-msg001"),
    pytest.param(CONV + "touchpoint: sms\ntags: [a]\nmeta: {a: 1}\nmessages:\n  - text: hi\n", [],
                 id="conversation-body-keys"),
    pytest.param(MS + "name: car-ready\ndescription: d\npacing: none\nconversation: "
                 "590bd49f458b716046347f47\ndefaults: {}\nmessages:\n  - text: hi\n", [],
                 id="messages-all-spec-keys"),
]

SYNTAX = [
    pytest.param(MS + NAME + "messages:\n  - text: 'Hi {{ name }'\n", [(5, 11, "SPEC005")],
                 id="unclosed"),
    pytest.param(MS + "messages:\n  - text: 'Hi {{ }}'\n", [(3, 11, "SPEC005")], id="empty"),
    pytest.param(MS + NAME + "messages:\n  - text: '{% if name %}{{ name }}'\n",
                 [(5, 11, "SPEC005")],
                 id="unclosed-block"),
    pytest.param(CONV + "meta: {a: '{{ 1 + }}'}\nmessages:\n  - {text: hi, touchpoint: sms}\n",
                 [(4, 11, "SPEC005")], id="conversation-body"),
    pytest.param(MS + NAME + "messages:\n  - text: '{% if name %}Hi {{ name }}{% endif %}'\n", [],
                 id="valid-block"),
    pytest.param(MS + "description: 'Says {{ hello'\nmessages:\n  - text: '{authuser}'\n", [],
                 id="description-and-single-braces"),
    pytest.param(MS + "messages:\n  - text: '{% if x %}no print, no template'\n", [],
                 id="block-without-print-is-text"),
]

VAR_SCHEMA = [
    pytest.param(MS + "vars:\n  name: {type: text}\nmessages:\n  - text: '{{ name }}'\n",
                 [(3, 16, "SPEC006")], id="bad-type"),
    pytest.param(MS + "vars:\n  name: {type: string, minLength: -1}\nmessages:\n"
                 "  - text: '{{ name }}'\n", [(3, 35, "SPEC006")], id="negative-min-length"),
    pytest.param(MS + "vars:\n  name: {$ref: 'https://example.org/name.json'}\nmessages:\n"
                 "  - text: '{{ name }}'\n", [(3, 16, "SPEC006")], id="remote-ref"),
    pytest.param(MS + "vars:\n  name:\n    type: strin\n    items: {$ref: other.json}\nmessages:\n"
                 "  - text: '{{ name }}'\n", [(4, 11, "SPEC006"), (5, 19, "SPEC006")],
                 id="invalid-and-relative-ref"),
    pytest.param(MS + "vars:\n  name: {type: string, format: phone}\nmessages:\n"
                 "  - text: '{{ name }}'\n", [], id="valid"),
    pytest.param(MS + "vars:\n  name:\n    $defs: {n: {type: string}}\n    $ref: '#/$defs/n'\n"
                 "messages:\n  - text: '{{ name }}'\n", [], id="local-ref"),
    pytest.param(MS + "vars:\n  name: {const: {$ref: 'https://x.org'}}\nmessages:\n"
                 "  - text: '{{ name }}'\n", [], id="ref-inside-const-is-data"),
    pytest.param(MS + "vars:\n  name: text\nmessages:\n  - text: '{{ name }}'\n", [],
                 id="not-an-object-is-schema001"),
]


@pytest.mark.parametrize(("src", "expected"), UNDECLARED + UNUSED + KIND + SPEC_KEY + SYNTAX
                         + VAR_SCHEMA)
def test_findings(src: str, expected: Expected) -> None:
    assert findings(src, prefix=("SPEC", "MSG001")) == expected


@pytest.mark.parametrize(("src", "expected"), [
    pytest.param(MS + NAME + "messages:\n  - text: 'Hi {{ nmae }}'\n",
                 ["undeclared variable 'nmae'; did you mean 'name'?"], id="undeclared-typo"),
    pytest.param(MS + "messages:\n  - text: 'Hi {{ who }}'\n",
                 ["undeclared variable 'who'; declare it under 'vars'"], id="undeclared"),
    pytest.param(MS + NAME + "messages:\n  - text: hi\n",
                 ["variable 'name' is declared but never used"], id="unused"),
    pytest.param("kind: conversations\nmessages:\n  - text: hi\n",
                 ["unknown spec kind 'conversations'; did you mean 'conversation'?"], id="kind"),
    pytest.param(MS + "default: {}\nmessages:\n  - text: hi\n",
                 ["unknown spec key 'default'; did you mean 'defaults'?"], id="spec-key"),
    pytest.param(MS + "touchpoint: sms\nmessages:\n  - text: hi\n",
                 ["'touchpoint' is not a spec key; put message fields under 'defaults'"],
                 id="spec-key-message-field"),
    pytest.param(MS + "messages:\n  - text: 'Hi {{ }}'\n",
                 ["template does not parse: Expected an expression, got 'end of print statement'"],
                 id="syntax"),
    pytest.param(MS + "vars:\n  n: {$ref: 'https://example.org/n.json'}\nmessages:\n"
                 "  - text: '{{ n }}'\n",
                 ["remote $ref 'https://example.org/n.json' is not allowed; "
                  "schemas are never downloaded"], id="remote-ref"),
    pytest.param(MS + "vars:\n  n: {type: strin}\nmessages:\n  - text: '{{ n }}'\n",
                 ["variable 'n' has an invalid schema: 'strin' is not a JSON type; "
                  "did you mean 'string'?"], id="bad-type"),
])
def test_messages(src: str, expected: list[str]) -> None:
    assert messages(src) == expected


@pytest.mark.parametrize("key", ["default", "var", "varz", "organisation", "touchPoint",
                                 "kinds", "message", "pacng"])
def test_one_finding_per_top_level_key_of_a_conversation_spec(key: str) -> None:
    src = CONV + f"{key}: {{}}\nmessages:\n  - {{text: hi, touchpoint: sms}}\n"
    codes = [c for line, _, c in findings(src, prefix=("SPEC", "MSG")) if line == 4]
    assert len(codes) == 1, codes


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.json")), ids=lambda p: p.name)
def test_api_examples(path: Path) -> None:
    diags = lint_loaded(load_path(path), config=CONFIG)
    assert [d.render() for d in diags if d.code.startswith(PREFIX)] == []


HOSTILE_BASES: list[Any] = [
    {"kind": "messages", "default": 1, "vars": {"v": {"type": "strin", "$ref": "x.json"},
     "w": {}}, "messages": [{"text": "{{ v }} {{ x }}"}, {"text": "{{ v }"}]},
    {"kind": "conversation", "var": {}, "contact": {"profile": {"telephone": "{{ p }}"}},
     "messages": [{"text": "hi {{ p }}", "touchpoint": "sms"}]},
]

# --- robustness: a value of any type anywhere never crashes a rule -----------------------

@pytest.mark.parametrize("base", HOSTILE_BASES, ids=lambda b: str(b)[:30])
def test_any_value_anywhere(base: Any) -> None:
    assert_robust(base, CONFIG, PREFIX)
