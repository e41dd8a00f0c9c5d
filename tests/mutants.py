"""Mutations of real payloads for hypothesis: one to three edits (set a value, add a
key, drop one, duplicate a list item) with values chosen to sit on the edges the rules
and the certificates draw (lengths, cases, touchpoints, URLs, commands, delays)."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any

from hypothesis import strategies as st

TRICKY: list[Any] = [
    "", " ", "\t", "\u00a0", "\u2003", "x", "Hi", "hello world", "ümlaut ✓", "😀", "€ 5",
    "a" * 161, "b" * 700, "c" * 1700,
    "www.example.org", "example.org/x", "http://", "https://", "https://a", "https://a.b/c",
    "HTTPS://EXAMPLE.ORG", "https://ex ample.org", "https://example.org/x y",
    "https://example.org/w?id={authuser}", "https://e.org/?t={authtoken}",
    "https://e.org/?u={authuser}&t={authtoken}", "https://e.org/{other}",
    "https://e.org/a.pdf", "https://e.org/a.png", "https://e.org/a.jpg", "ftp://e.org/a",
    "javascript:alert(1)", "mailto:a@b.org", "tel:+31646280994", "{{ name }}",
    "/leave", "/assign", "/close", "/ leave", "leave", "/unknowncommand", "/handover",
    "+31646280994", "0646280994", "a@b.org", "not-an-email",
    "sms", "SMS", "whatsapp", "WhatsApp", "web", "email", "facebook",
    "agent", "bot", "contact", "system", "chat", "command", "file", "image", "card",
    "link", "reply", "postback", "webview", "buy", "locationRequest", "form", "carousel",
    "Acme", "Acme Corp", "AcmeCorpLtd", " Acme", "Acme ", "12345",
    "nl_NL", "nl-NL", "en", "xx_XX", "whatsapp:hsm:acme", "acme_ns", "order_update",
    "TACOS", "PAYLOAD", "https://e.org/pay", "image/png", "application/pdf", "text/plain",
    "5c7574c78ae07962b12e264c", "not-an-object-id",
    "/assign x", " /leave ", "/leave\u00a0", "/ assign", "/\u00a0assign", "/assign\x1cx",
    "/LEAVE", ">review", "/leave\n", "\u3000", "\x1c",
    "ſms", "Sms ", "Reply YES", "text us back", "re\u017fpond", "€" * 153, "a" * 306,
    "a" * 307, "x" * 67 + "😀", "{{ tp }}", "whatsapp ", "https://e.org/{authuser}}",
    "https://e.org/{{authuser}}&{authtoken}", "{authuser}{authtoken}", "sms ", "ＳＭＳ",
    "a" * 20, "a" * 21, "😀" * 21, "A\n", "A", "https://example.org/", "https://example.org",
    "x" * 41, "https://e.org/a.PDF", "https://e.org/a.png?x=.pdf", "https://e.org/a.pdf#.png",
    "https://e.org/a.png/", "https://e.org/x/.png", "https://e.org/a%2Epng",
    "https://e.org/a.png;.pdf", "https://e.org/dl/123", "application/octet-stream",
    "image/jpeg; charset=x", "IMAGE/PNG", "audio/mp4", "video/mp4", "application/x-pdf",
    "5C7574C78AE07962B12E264C", "5c7574c78ae07962b12e264c\n", "{{ id }}", "Email",
    0, 1, 500, 1000, 2000, 2001, 2999, 3000, 10_000, 20_000, 20_001, 30_000, 30_001, -1,
    1.5, True, False, None, [], {},
]
KEYS = sorted({
    "role", "text", "type", "touchpoint", "delay", "contentType", "meta", "actions", "items",
    "SenderID", "namespace", "elementName", "language", "uri", "url", "payload", "fallback",
    "iconUrl", "title", "description", "mediaUrl", "mediaType", "altText", "amount",
    "currency", "isBackchannel", "users", "organizations", "channels", "quotedMessage",
    "form", "openOnReceive", "size", "default", "contact", "profile", "telephone", "email",
    "organization", "messages", "user", "conversation", "results", "name", "metadata",
    "senderId", "form1", "note1", "contenttype", "foo",
})


def paths(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield path
    if isinstance(value, dict):
        for k, v in value.items():
            yield from paths(v, (*path, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from paths(v, (*path, i))


def get_at(value: Any, path: tuple[Any, ...]) -> Any:
    for token in path:
        value = value[token]
    return value


@st.composite
def mutant(draw: st.DrawFn, seeds: list[tuple[Any, str]]) -> tuple[Any, str]:
    data, kind = draw(st.sampled_from(seeds))
    data = copy.deepcopy(data)
    for _ in range(draw(st.integers(1, 3))):
        places = list(paths(data))
        path = draw(st.sampled_from(places))
        target = get_at(data, path)
        op = draw(st.sampled_from(["set", "set", "add", "drop", "dup"]))
        value = draw(st.sampled_from(TRICKY))
        if op == "add" and isinstance(target, dict):
            target[draw(st.sampled_from(KEYS))] = copy.deepcopy(value)
        elif op == "dup" and isinstance(target, list) and target:
            target.append(copy.deepcopy(draw(st.sampled_from(target))))
        elif path and op == "drop":
            parent = get_at(data, path[:-1])
            del parent[path[-1]]
        elif path:
            parent = get_at(data, path[:-1])
            parent[path[-1]] = copy.deepcopy(value)
    return data, kind
