"""One fault, one error: a table of single-fault mutations of valid payloads."""

from __future__ import annotations

import copy
from typing import Any, NamedTuple

import pytest
from schema_payloads import BASES, ITEM, TEMPLATE, VALID_FIXTURES, read, schema_for

from spec_compiler import pointer
from spec_compiler.validation import get_validator

DELETE = object()


def mutate(doc: Any, changes: dict[str, Any]) -> Any:
    """A deep copy of ``doc`` with each pointer set to a value (or deleted)."""
    doc = copy.deepcopy(doc)
    for where, value in changes.items():
        *parents, last = pointer.split(where)
        target = doc
        for token in parents:
            target = target[int(token) if isinstance(target, list) else token]
        key: Any = int(last) if isinstance(target, list) else last
        if value is DELETE:
            del target[key]
        else:
            target[key] = value
    return doc


class Fault(NamedTuple):
    id: str
    base: str
    changes: dict[str, Any]
    pointer: str
    keyword: str


LINK = {"type": "link", "text": "Go", "uri": "https://example.org/"}

FAULTS = [
    # message: fields and types
    Fault("role-not-a-string", "message", {"/role": 5}, "/role", "type"),
    Fault("type-not-a-string", "message", {"/type": 5}, "/type", "type"),
    Fault("text-not-a-string", "message", {"/text": 930}, "/text", "type"),
    Fault("text-missing", "message", {"/text": DELETE}, "", "required"),
    Fault("text-too-long", "message", {"/text": "x" * 4097}, "/text", "maxLength"),
    Fault("delay-a-string", "message", {"/delay": "1000"}, "/delay", "type"),
    Fault("delay-negative", "message", {"/delay": -1}, "/delay", "minimum"),
    Fault("delay-float", "message", {"/delay": 1.5}, "/delay", "type"),
    Fault("type-unknown", "message", {"/type": "chats"}, "/type", "enum"),
    Fault("role-unknown", "message", {"/role": "agnt"}, "/role", "enum"),
    Fault("content-type-not-mime", "message", {"/contentType": "pdf"}, "/contentType", "pattern"),
    Fault("backchannel-not-bool", "message", {"/isBackchannel": "yes"}, "/isBackchannel", "type"),
    Fault("touchpoint-not-a-string", "message", {"/touchpoint": ["sms"]}, "/touchpoint", "type"),
    Fault("message-not-an-object", "message-list", {"/0": "Hello"}, "/0", "type"),
    # meta: SMS sender id and WhatsApp templates
    Fault(
        "sender-id-14-chars",
        "sms",
        {"/meta/SenderID": "Tims Truckshop"},
        "/meta/SenderID",
        "pattern",
    ),
    Fault(
        "sender-id-12-chars", "sms", {"/meta/SenderID": "Tims Trucksh"}, "/meta/SenderID", "pattern"
    ),
    Fault("sender-id-digits-only", "sms", {"/meta/SenderID": "12345"}, "/meta/SenderID", "pattern"),
    Fault(
        "sender-id-bad-char", "sms", {"/meta/SenderID": "Tims-Trucks"}, "/meta/SenderID", "pattern"
    ),
    Fault("sender-id-empty", "sms", {"/meta/SenderID": ""}, "/meta/SenderID", "pattern"),
    Fault("sender-id-number", "sms", {"/meta/SenderID": 12345}, "/meta/SenderID", "type"),
    Fault(
        "namespace-dashes",
        "template",
        {"/meta/namespace": "56cca706-4162-b9be-fc60-13623ff73b1e"},
        "/meta/namespace",
        "pattern",
    ),
    Fault(
        "element-name-uppercase",
        "template",
        {"/meta/elementName": "Your_Car"},
        "/meta/elementName",
        "pattern",
    ),
    Fault(
        "element-name-513",
        "template",
        {"/meta/elementName": "a" * 513},
        "/meta/elementName",
        "maxLength",
    ),
    Fault("language-dash", "template", {"/meta/language": "nl-NL"}, "/meta/language", "pattern"),
    Fault(
        "namespace-without-element-name",
        "template",
        {"/meta/elementName": DELETE},
        "/meta",
        "dependentRequired",
    ),
    Fault(
        "element-name-without-namespace",
        "template",
        {"/meta/namespace": DELETE},
        "/meta",
        "dependentRequired",
    ),
    Fault(
        "language-alone", "template", {"/meta": {"language": "nl"}}, "/meta", "dependentRequired"
    ),
    Fault("meta-not-an-object", "sms", {"/meta": "Tims"}, "/meta", "type"),
    Fault("form-without-form-id", "form", {"/meta/form": DELETE}, "/meta", "required"),
    Fault("form-without-meta", "form", {"/meta": DELETE}, "", "required"),
    Fault(
        "category-index-10", "form", {"/meta/categoryIndex": 10}, "/meta/categoryIndex", "maximum"
    ),
    # actions
    Fault(
        "action-type-unknown", "actions", {"/actions/0/type": "button"}, "/actions/0/type", "enum"
    ),
    Fault("action-type-missing", "actions", {"/actions/0/type": DELETE}, "/actions/0", "required"),
    Fault(
        "postback-without-payload",
        "actions",
        {"/actions/0/payload": DELETE},
        "/actions/0",
        "required",
    ),
    Fault(
        "postback-without-text", "actions", {"/actions/0/text": DELETE}, "/actions/0", "required"
    ),
    Fault(
        "reply-without-payload", "actions", {"/actions/1/payload": DELETE}, "/actions/1", "required"
    ),
    Fault(
        "webview-without-fallback",
        "actions",
        {"/actions/2/fallback": DELETE},
        "/actions/2",
        "required",
    ),
    Fault(
        "webview-size-unknown", "actions", {"/actions/2/size": "huge"}, "/actions/2/size", "enum"
    ),
    Fault("buy-amount-float", "actions", {"/actions/3/amount": 19.99}, "/actions/3/amount", "type"),
    Fault("buy-without-amount", "actions", {"/actions/3/amount": DELETE}, "/actions/3", "required"),
    Fault(
        "buy-currency-uppercase",
        "actions",
        {"/actions/3/currency": "EUR"},
        "/actions/3/currency",
        "pattern",
    ),
    Fault(
        "location-request-without-text",
        "actions",
        {"/actions/5/text": DELETE},
        "/actions/5",
        "required",
    ),
    Fault("action-not-an-object", "actions", {"/actions/4": "Go"}, "/actions/4", "type"),
    Fault("actions-not-an-array", "actions", {"/actions": {"type": "link"}}, "/actions", "type"),
    # carousel items
    Fault("items-empty", "card", {"/items": []}, "/items", "minItems"),
    Fault("items-11", "card", {"/items": [ITEM] * 11}, "/items", "maxItems"),
    Fault("item-without-title", "card", {"/items/0/title": DELETE}, "/items/0", "required"),
    Fault("item-title-129", "card", {"/items/0/title": "t" * 129}, "/items/0/title", "maxLength"),
    Fault("item-title-empty", "card", {"/items/0/title": ""}, "/items/0/title", "minLength"),
    Fault("item-without-actions", "card", {"/items/0/actions": DELETE}, "/items/0", "required"),
    Fault("item-0-actions", "card", {"/items/0/actions": []}, "/items/0/actions", "minItems"),
    Fault(
        "item-4-actions", "card", {"/items/0/actions": [LINK] * 4}, "/items/0/actions", "maxItems"
    ),
    Fault(
        "item-reply-action",
        "card",
        {"/items/1/actions/0": {"type": "reply", "text": "R", "payload": "r"}},
        "/items/1/actions/0/type",
        "not",
    ),
    Fault(
        "item-location-request",
        "card",
        {"/items/0/actions/0": {"type": "locationRequest", "text": "Where"}},
        "/items/0/actions/0/type",
        "not",
    ),
    Fault(
        "item-action-bad-type",
        "card",
        {"/items/0/actions/0/type": "lnk"},
        "/items/0/actions/0/type",
        "enum",
    ),
    Fault(
        "item-description-129",
        "card",
        {"/items/0/description": "d" * 129},
        "/items/0/description",
        "maxLength",
    ),
    Fault(
        "item-media-url-not-a-uri",
        "card",
        {"/items/0/mediaUrl": "not a url"},
        "/items/0/mediaUrl",
        "pattern",
    ),
    Fault(
        "item-media-url-2049",
        "card",
        {"/items/0/mediaUrl": "https://e.org/" + "a" * 2035},
        "/items/0/mediaUrl",
        "maxLength",
    ),
    Fault("item-size-unknown", "card", {"/items/0/size": "tall"}, "/items/0/size", "enum"),
    # conversation
    Fault("conversation-without-contact", "conversation", {"/contact": DELETE}, "", "required"),
    Fault(
        "conversation-without-profile",
        "conversation",
        {"/contact/profile": DELETE},
        "/contact",
        "required",
    ),
    Fault(
        "profile-without-identifier",
        "conversation",
        {"/contact/profile": {"name": "John"}},
        "/contact/profile",
        "required",
    ),
    Fault(
        "telephone-not-e164",
        "conversation",
        {"/contact/profile/telephone": "0646280994"},
        "/contact/profile/telephone",
        "pattern",
    ),
    Fault(
        "telephone-16-digits",
        "conversation",
        {"/contact/profile/telephone": "+3164628099412345"},
        "/contact/profile/telephone",
        "pattern",
    ),
    Fault(
        "email-without-at",
        "conversation",
        {"/contact/profile/email": "john.example.com"},
        "/contact/profile/email",
        "pattern",
    ),
    Fault(
        "conversation-messages-empty", "conversation", {"/messages": []}, "/messages", "minItems"
    ),
    Fault("conversation-messages-missing", "conversation", {"/messages": DELETE}, "", "required"),
    Fault(
        "conversation-message-without-text",
        "conversation",
        {"/messages/1/text": DELETE},
        "/messages/1",
        "required",
    ),
    Fault(
        "conversation-message-bad-sender-id",
        "conversation",
        {"/messages/0/meta/SenderID": "Tims Truckshop"},
        "/messages/0/meta/SenderID",
        "pattern",
    ),
    Fault("conversation-type-not-contact", "conversation", {"/type": "bot"}, "/type", "enum"),
    Fault("contact-not-an-object", "conversation", {"/contact": "John"}, "/contact", "type"),
    # spec
    Fault("spec-without-kind", "spec", {"/kind": DELETE}, "", "required"),
    Fault("spec-kind-unknown", "spec", {"/kind": "conversations"}, "/kind", "enum"),
    Fault("spec-pacing-unknown-string", "spec", {"/pacing": "fast"}, "/pacing", "enum"),
    Fault("spec-pacing-number", "spec", {"/pacing": 40}, "/pacing", "type"),
    Fault(
        "spec-pacing-unknown-key",
        "messages-spec",
        {"/pacing/ms_per_chr": 40},
        "/pacing/ms_per_chr",
        "additionalProperties",
    ),
    Fault(
        "spec-pacing-negative", "messages-spec", {"/pacing/min_ms": -1}, "/pacing/min_ms", "minimum"
    ),
    Fault(
        "spec-pacing-float", "messages-spec", {"/pacing/tick_ms": 0.5}, "/pacing/tick_ms", "type"
    ),
    Fault("spec-messages-empty", "spec", {"/messages": []}, "/messages", "minItems"),
    Fault("spec-messages-missing", "messages-spec", {"/messages": DELETE}, "", "required"),
    Fault("spec-message-not-an-object", "spec", {"/messages/0": "Hello"}, "/messages/0", "type"),
    Fault("spec-name-leading-dash", "spec", {"/name": "-car-ready"}, "/name", "pattern"),
    Fault("spec-name-space", "spec", {"/name": "car ready"}, "/name", "pattern"),
    Fault("spec-vars-not-an-object", "spec", {"/vars": ["name"]}, "/vars", "type"),
    Fault("spec-var-not-a-schema", "spec", {"/vars/name": "string"}, "/vars/name", "type"),
    Fault("spec-defaults-bad-role", "spec", {"/defaults/role": "agnet"}, "/defaults/role", "enum"),
    Fault(
        "spec-conversation-not-a-string",
        "messages-spec",
        {"/conversation": 5},
        "/conversation",
        "type",
    ),
    Fault("spec-contact-without-profile", "spec", {"/contact": {}}, "/contact", "required"),
    # message list
    Fault("list-empty", "message-list", {"": None}, "", "minItems"),
    Fault("list-message-without-text", "message-list", {"/1/text": DELETE}, "/1", "required"),
]


def build(fault: Fault) -> tuple[str, Any]:
    schema, base = BASES[fault.base]
    if fault.id == "list-empty":
        return schema, []
    return schema, mutate(base, fault.changes)


def test_table_is_large_and_unique() -> None:
    assert len(FAULTS) >= 45
    assert len({f.id for f in FAULTS}) == len(FAULTS)


@pytest.mark.parametrize("name", sorted(BASES))
def test_base_documents_are_valid(name: str) -> None:
    schema, data = BASES[name]
    assert get_validator(schema).errors(data) == []


@pytest.mark.parametrize("fault", FAULTS, ids=lambda f: f.id)
def test_one_fault_one_error(fault: Fault) -> None:
    schema, data = build(fault)
    errors = get_validator(schema).errors(data)
    assert [(e.pointer, e.keyword) for e in errors] == [(fault.pointer, fault.keyword)]
    message = errors[0].message
    assert message and message == message.strip() and not message.endswith(".")
    assert message[0].islower() or message[0] in "'"


@pytest.mark.parametrize(
    "case",
    [
        *(build(f) for f in FAULTS),
        *((schema_for(read(p)), read(p)) for p in VALID_FIXTURES),
        *BASES.values(),
    ],
)
def test_jsonschema_rs_agrees_with_jsonschema(case: tuple[str, Any]) -> None:
    schema, data = case
    validator = get_validator(schema)
    verdict = validator.is_valid(data, engine="rs")
    assert verdict == validator.is_valid(data, engine="python")
    assert verdict == (validator.errors(data) == [])


MESSAGES = [
    ("message", {"text": 930}, "expected a string, got integer 930"),
    ("message", {}, "missing required field 'text'"),
    (
        "message",
        {"text": "x", "type": "chats"},
        "unknown message type 'chats'; did you mean 'chat'?",
    ),
    ("message", {"text": "x", "role": "robot"}, "unknown role 'robot'; did you mean 'bot'?"),
    (
        "message",
        {"text": "x", "role": "owner"},
        "unknown role 'owner'; expected one of agent, bot, contact",
    ),
    ("message", {"text": "x", "delay": -5}, "delay -5 is below the minimum of 0"),
    ("message", {"text": "x", "delay": 1.5}, "expected an integer, got number 1.5"),
    (
        "message",
        {"text": "x", "meta": {"SenderID": "12345"}},
        "sender id '12345' has no letters; it may not be only digits",
    ),
    (
        "message",
        {"text": "x", "meta": {"SenderID": "Tims-Trucks"}},
        "sender id 'Tims-Trucks' has '-'; only ASCII letters, digits and spaces are allowed",
    ),
    (
        "message",
        {"text": "x", "meta": {"language": "nl"}},
        "'language' needs 'namespace' and 'elementName'",
    ),
    (
        "message",
        {"text": "x", "meta": {**TEMPLATE["meta"], "language": "nl-NL"}},
        "language 'nl-NL' is not a WhatsApp language code like 'nl' or 'nl_NL'",
    ),
    ("message", {"text": "x", "items": []}, "items has no entries; at least 1 is required"),
    (
        "message",
        {"text": "x", "items": [{"title": "t" * 129, "actions": [{"type": "link", "text": "a"}]}]},
        "title is 129 characters; at most 128 are allowed",
    ),
    (
        "message",
        {"text": "x", "items": [{"title": "t", "actions": [{"type": "reply", "payload": "a"}]}]},
        "a 'reply' action is not allowed inside an item; use buy, link, postback or webview",
    ),
    (
        "conversation",
        {"contact": {"profile": {}}, "messages": [{"text": "x"}]},
        "profile needs an 'email' or a 'telephone' to identify the contact",
    ),
    (
        "conversation",
        {"contact": {"profile": {"telephone": "0612"}}, "messages": [{"text": "x"}]},
        "telephone '0612' is not an E.164 number like '+31646280994'",
    ),
    (
        "spec",
        {"kind": "messages", "messages": [{}], "pacing": {"ms_per_chr": 1}},
        "unknown field 'ms_per_chr'; did you mean 'ms_per_char'?",
    ),
    (
        "spec",
        {"kind": "messages", "messages": [{}], "pacing": "fast"},
        "unknown pacing 'fast'; expected one of natural, none",
    ),
]


@pytest.mark.parametrize(("schema", "data", "message"), MESSAGES, ids=[m[2][:40] for m in MESSAGES])
def test_messages_read_like_the_style_guide(schema: str, data: Any, message: str) -> None:
    assert [e.message for e in get_validator(schema).errors(data)] == [message]


def test_unknown_pacing_key_is_reported_at_the_key() -> None:
    errors = get_validator("spec").errors(
        {"kind": "messages", "messages": [{}], "pacing": {"x": 1}}
    )
    assert errors[0].at_key and errors[0].pointer == "/pacing/x"


def test_errors_are_sorted_by_pointer() -> None:
    data = [{"text": 1}] * 12
    pointers = [e.pointer for e in get_validator("message-list").errors(data)]
    assert pointers == [f"/{i}/text" for i in range(12)]


def test_non_json_values_fall_back_to_jsonschema() -> None:
    import datetime

    data = {"text": "x", "meta": {"when": datetime.date(2024, 1, 1)}}
    assert get_validator("message").is_valid(data)
    assert not get_validator("message").is_valid({"text": datetime.date(2024, 1, 1)})


NEWLINE_CASES = [
    ("message", {"text": "x", "meta": {"SenderID": "Tims\n"}}, "/meta/SenderID"),
    ("message", {"text": "x", "meta": {**TEMPLATE["meta"], "language": "nl\n"}}, "/meta/language"),
    ("message", {"text": "x", "contentType": "text/plain\n"}, "/contentType"),
    ("conversation", {"contact": {"profile": {"telephone": "+31646280994\n"}},
                      "messages": [{"text": "x"}]}, "/contact/profile/telephone"),
]  # fmt: skip


@pytest.mark.parametrize(("schema", "data", "where"), NEWLINE_CASES, ids=lambda c: repr(c)[:30])
def test_dollar_is_the_end_of_input_as_in_ecma_262(schema: str, data: Any, where: str) -> None:
    """Python's ``$`` also matches before a final newline; ECMA-262 and jsonschema_rs don't."""
    validator = get_validator(schema)
    assert not validator.is_valid(data, engine="rs")
    assert not validator.is_valid(data, engine="python")
    assert [e.pointer for e in validator.errors(data)] == [where]


def test_ecma_regex_keeps_dollars_in_classes_and_escapes() -> None:
    from spec_compiler.validation import ecma_regex

    assert ecma_regex("^a[$]\\$$").search("a$$")
    assert not ecma_regex("^a$").search("a\n")


EDGE_VALUES = [
    {"text": "x", "delay": 1000.0},
    {"text": "x", "delay": 2**70},
    {"text": "x", "delay": -(2**70)},
    {"text": "x", "delay": True},
    {"text": "😀" * 4096},
    {"text": "😀" * 4097},
    {"text": "x", "meta": {"SenderID": "Tïms"}},
    {"text": "x", "meta": {"categoryIndex": 9.0}},
    {"text": "x", "meta": {"categoryIndex": "Sales"}},
]


@pytest.mark.parametrize("data", EDGE_VALUES, ids=lambda d: repr(d)[:40])
def test_engines_agree_on_edge_values(data: Any) -> None:
    validator = get_validator("message")
    verdict = validator.is_valid(data, engine="rs")
    assert verdict == validator.is_valid(data, engine="python")
    assert verdict == (validator.errors(data) == [])
