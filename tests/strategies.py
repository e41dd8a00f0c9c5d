"""Hypothesis strategies for schema-valid Web1on1 payloads (shared by every test suite).

``messages()`` builds message dicts that pass ``message.schema.json``; ``conversations()``
builds ``POST /v2/conversations`` bodies that pass ``conversation.schema.json``. They are
schema-valid, not necessarily lint-clean (roles, touchpoints and delays vary freely).
"""

from __future__ import annotations

import string
from typing import Any

from hypothesis import strategies as st

MESSAGE_TYPES = (
    "chat", "card", "postback", "mention", "tag", "search",
    "command", "form", "field", "results", "report", "status",
)  # fmt: skip
ROLES = ("agent", "bot", "contact")
TOUCHPOINTS = ("sms", "email", "whatsapp", "web", "facebook")
ITEM_ACTION_TYPES = ("link", "postback", "webview", "buy")

_HEX = "0123456789abcdef"
_ALNUM = string.ascii_letters + string.digits


def _printable(max_size: int, min_size: int = 0) -> st.SearchStrategy[str]:
    """Text without control characters or surrogates (safe in JSON and YAML)."""
    chars = st.characters(blacklist_categories=("Cc", "Cs"))
    return st.text(chars, min_size=min_size, max_size=max_size)


def object_ids() -> st.SearchStrategy[str]:
    """24-hex-digit MongoDB ObjectIds."""
    return st.text(_HEX, min_size=24, max_size=24)


def urls() -> st.SearchStrategy[str]:
    """http(s) URLs, sometimes with the server-side {authuser}/{authtoken} placeholders."""
    host = st.text(string.ascii_lowercase, min_size=1, max_size=12)
    path = st.text(_ALNUM + "-_/", max_size=20)
    query = st.sampled_from(["", "?id={authuser}&token={authtoken}", "?ref=spec"])
    return st.builds(
        lambda scheme, h, p, q: f"{scheme}://{h}.example.org/{p}{q}",
        st.sampled_from(["http", "https"]), host, path, query,
    )  # fmt: skip


def sender_ids() -> st.SearchStrategy[str]:
    """Alphanumeric SMS sender IDs: 1 to 11 letters, digits or spaces with a letter."""
    body = st.text(_ALNUM + " ", max_size=10)
    letter = st.sampled_from(string.ascii_letters)
    return st.builds(lambda b, c, i: b[:i] + c + b[i:], body, letter, st.integers(0, 10))


def telephones() -> st.SearchStrategy[str]:
    """E.164 numbers: '+', a non-zero digit, then 7 to 14 digits."""
    return st.builds(
        lambda first, rest: f"+{first}{rest}",
        st.sampled_from("123456789"), st.text(string.digits, min_size=7, max_size=14),
    )  # fmt: skip


def emails() -> st.SearchStrategy[str]:
    """Plain e-mail addresses."""
    local = st.text(string.ascii_lowercase + string.digits + "._+", min_size=1, max_size=20)
    domain = st.text(string.ascii_lowercase, min_size=1, max_size=15)
    return st.builds(lambda u, d: f"{u}@{d}.example.com", local, domain)


def template_meta() -> st.SearchStrategy[dict[str, Any]]:
    """WhatsApp template meta: namespace + elementName (+ language)."""
    groups = [st.text(_HEX, min_size=n, max_size=n) for n in (8, 4, 4, 4, 12)]
    namespace = st.tuples(*groups).map("_".join)
    element = st.text(string.ascii_lowercase + string.digits + "_", min_size=1, max_size=40)
    language = st.sampled_from(["nl", "en", "en_US", "pt_BR", "fil", "zh_CN"])
    return st.fixed_dictionaries(
        {"namespace": namespace, "elementName": element},
        optional={"language": language},
    )


def actions(*, in_item: bool = False) -> st.SearchStrategy[dict[str, Any]]:
    """One valid action; inside an item only buy, link, postback and webview."""
    text = _printable(40, min_size=1)
    payload = _printable(30, min_size=1)
    variants: list[st.SearchStrategy[dict[str, Any]]] = [
        st.fixed_dictionaries(
            {"type": st.just("link"), "text": text},
            optional={"uri": urls(), "url": urls()},
        ),
        st.fixed_dictionaries({"type": st.just("postback"), "text": text, "payload": payload}),
        st.fixed_dictionaries(
            {"type": st.just("webview"), "text": text, "uri": urls(), "fallback": urls()},
            optional={"size": st.sampled_from(["compact", "tall", "full"])},
        ),
        st.fixed_dictionaries(
            {"type": st.just("buy"), "text": text, "amount": st.integers(0, 10**6)},
            optional={"currency": st.sampled_from(["eur", "usd", "gbp"])},
        ),
    ]
    if not in_item:
        variants += [
            st.fixed_dictionaries(
                {"type": st.just("reply"), "payload": payload},
                optional={"text": text, "iconUrl": urls()},
            ),
            st.fixed_dictionaries({"type": st.just("locationRequest"), "text": text}),
        ]
    return st.one_of(variants)


def items() -> st.SearchStrategy[dict[str, Any]]:
    """One valid carousel item (``mediaType`` and ``altText`` only with a ``mediaUrl``)."""
    base = st.fixed_dictionaries(
        {
            "title": _printable(128, min_size=1),
            "actions": st.lists(actions(in_item=True), min_size=1, max_size=3),
        },
        optional={
            "description": _printable(128),
            "size": st.sampled_from(["compact", "large"]),
        },
    )
    media = st.none() | st.fixed_dictionaries(
        {"mediaUrl": urls()},
        optional={
            "mediaType": st.sampled_from(["image/png", "image/jpeg"]),
            "altText": _printable(128),
        },
    )
    return st.tuples(base, media).map(lambda pair: {**pair[0], **(pair[1] or {})})


def _meta(message_type: str) -> st.SearchStrategy[dict[str, Any]]:
    if message_type == "form":
        return st.fixed_dictionaries(
            {"form": object_ids()}, optional={"categoryIndex": st.integers(0, 9)}
        )
    simple = st.fixed_dictionaries(
        {},
        optional={
            "SenderID": sender_ids(),
            "quotedMessage": _printable(60),
            "title": _printable(40),
            "hidden": st.booleans(),
        },
    )
    return st.one_of(simple, template_meta())


@st.composite
def messages(draw: st.DrawFn, *, types: tuple[str, ...] = MESSAGE_TYPES) -> dict[str, Any]:
    """A schema-valid message of one of ``types``."""
    message_type = draw(st.sampled_from(types))
    message: dict[str, Any] = {"text": draw(_printable(300))}
    if message_type != "chat" or draw(st.booleans()):
        message["type"] = message_type
    optional: dict[str, st.SearchStrategy[Any]] = {
        "role": st.sampled_from(ROLES),
        "touchpoint": st.sampled_from(TOUCHPOINTS),
        "delay": st.integers(0, 60_000),
        "contentType": st.sampled_from(["text/plain", "image/png", "application/pdf"]),
        "isBackchannel": st.booleans(),
        "user": object_ids(),
        "actions": st.lists(actions(), max_size=4),
    }
    for key, strategy in optional.items():
        if draw(st.booleans()):
            message[key] = draw(strategy)
    if message_type == "form" or draw(st.booleans()):
        message["meta"] = draw(_meta(message_type))
    if message_type == "card" and draw(st.booleans()):
        message["items"] = draw(st.lists(items(), min_size=1, max_size=10))
    return message


@st.composite
def profiles(draw: st.DrawFn) -> dict[str, Any]:
    """A contact profile with an email, a telephone or both."""
    which = draw(st.sampled_from(["email", "telephone", "both"]))
    profile: dict[str, Any] = {}
    if draw(st.booleans()):
        profile["name"] = draw(_printable(40, min_size=1))
    if which in ("email", "both"):
        profile["email"] = draw(emails())
    if which in ("telephone", "both"):
        profile["telephone"] = draw(telephones())
    return profile


@st.composite
def conversations(draw: st.DrawFn) -> dict[str, Any]:
    """A schema-valid POST /v2/conversations body."""
    body: dict[str, Any] = {}
    if draw(st.booleans()):
        body["organization"] = draw(object_ids())
    if draw(st.booleans()):
        body["type"] = "contact"
    body["contact"] = {"profile": draw(profiles())}
    body["messages"] = draw(st.lists(messages(), min_size=1, max_size=5))
    return body
