"""Action and item rules: links, placeholders, payloads, quick replies (ACT001-ACT012)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest

from spec_compiler.config import Config
from spec_compiler.engine import lint_loaded
from spec_compiler.loader import load_text

PREFIXES = ("ACT",)
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


def actions(*lines: str, head: str = "") -> str:
    """A message whose actions are ``lines`` (flow mappings, the first on line 4)."""
    body = "".join(f"  - {line}\n" for line in lines)
    return f"role: agent\ntext: Choose\n{head}actions:\n{body}"


def card(*items: str) -> str:
    """A card whose items are ``items`` (block mappings written by the caller, from line 4)."""
    return "type: card\nrole: agent\ntext: Pick\nitems:\n" + "".join(items)


ITEM = "  - title: Taco\n    mediaUrl: {media}\n    actions:\n{actions}"


def item(*acts: str, media: str = "https://example.org/taco.png") -> str:
    """One item (4 lines + one per action)."""
    return ITEM.format(media=media, actions="".join(f"      - {a}\n" for a in acts))


AUTH = "https://example.org/w?id={authuser}&token={authtoken}"
REPLIES = [f"{{type: reply, text: T{i}, payload: P{i}}}" for i in range(14)]


CASES = [
    # --- ACT001 link without target
    pytest.param(actions("{type: link, text: Go}"), [(4, 5, "ACT001")], id="ACT001-no-uri"),
    pytest.param(actions("{type: link, text: Go, payload: GO}"), [(4, 5, "ACT001")],
                 id="ACT001-payload-not-url"),
    pytest.param(card(item("{type: link, text: Go}")), [(8, 9, "ACT001")], id="ACT001-item"),
    pytest.param(actions("{type: link, text: Go, url: 'https://example.org'}"), [],
                 id="ACT001-ok-url"),
    pytest.param(actions("{type: link, text: Go, uri: 'https://example.org'}"), [],
                 id="ACT001-ok-uri"),
    pytest.param(actions("{type: link, text: Go, payload: 'https://example.org'}"),
                 [(4, 37, "ACT010")], id="ACT001-quiet-url-in-payload"),
    # --- ACT002 uri and url differ
    pytest.param(actions("{type: link, text: Go, uri: 'https://a.org', url: 'https://b.org'}"),
                 [(4, 55, "ACT002")], id="ACT002-differ"),
    pytest.param(actions("{type: link, text: Go, uri: 'http://a.org', url: 'https://a.org'}"),
                 [(4, 54, "ACT002")], id="ACT002-scheme-differs"),
    pytest.param(card(item("{type: link, text: Go, uri: 'https://a.org/1', "
                           "url: 'https://a.org/2'}")),
                 [(8, 61, "ACT002")], id="ACT002-item"),
    pytest.param(actions("{type: link, text: Go, uri: 'https://a.org', url: 'https://a.org'}"),
                 [], id="ACT002-ok-same"),
    pytest.param(
        "kind: messages\nvars: {u: {type: string}}\nmessages:\n  - text: Go\n    actions:\n"
        "      - {type: link, text: Go, uri: 'https://a.org', url: '{{ u }}'}\n",
        [], id="ACT002-ok-template"),
    # --- ACT003 not http(s)
    pytest.param(actions("{type: link, text: Go, uri: www.example.org}"),
                 [(4, 33, "ACT003")], id="ACT003-no-scheme"),
    pytest.param(actions("{type: link, text: Go, uri: /widget?id=1}"),
                 [(4, 33, "ACT003")], id="ACT003-relative"),
    pytest.param(actions("{type: link, text: Go, uri: 'ftp://example.org/x', "
                         "url: 'ftp://example.org/x'}"),
                 [(4, 33, "ACT003"), (4, 61, "ACT003")], id="ACT003-ftp-both-fields"),
    pytest.param(actions("{type: webview, text: Go, uri: 'javascript:alert(1)', "
                         "fallback: 'https://a.org'}"),
                 [(4, 36, "ACT003")], id="ACT003-webview"),
    pytest.param(actions("{type: reply, text: Go, payload: GO, iconUrl: 'ftp://a.org/i.png'}"),
                 [(4, 51, "ACT003")], id="ACT003-icon"),
    pytest.param(card(item("{type: postback, text: Go, payload: GO}",
                           media="'ftp://a.org/t.png'")),
                 [(6, 15, "ACT003")], id="ACT003-media"),
    pytest.param(card(item("{type: postback, text: Go, payload: GO}", media="taco.png")),
                 [], id="ACT003-quiet-schema-pattern"),
    pytest.param(actions("{type: link, text: Go, uri: '" + AUTH + "'}"), [],
                 id="ACT003-ok-placeholders"),
    pytest.param(actions("{type: link, text: Go, uri: 'HTTPS://Example.org:8443/a#b'}"), [],
                 id="ACT003-ok-upper-scheme-port"),
    pytest.param(
        "kind: messages\nvars: {u: {type: string}}\nmessages:\n  - text: Go\n    actions:\n"
        "      - {type: link, text: Go, uri: '{{ u }}'}\n",
        [], id="ACT003-ok-template"),
    # --- ACT004 unknown placeholder
    pytest.param(actions("{type: link, text: Go, uri: 'https://a.org/?id={authUser}"
                         "&t={authtoken}'}"),
                 [(4, 33, "ACT004")], id="ACT004-case-typo"),
    pytest.param(actions("{type: link, text: Go, uri: 'https://a.org/?id={user}'}"),
                 [(4, 33, "ACT004")], id="ACT004-unknown"),
    pytest.param(actions("{type: link, text: Go, uri: 'https://a.org/{a}/{b}'}"),
                 [(4, 33, "ACT004"), (4, 33, "ACT004")], id="ACT004-two"),
    pytest.param(actions("{type: link, text: Go, uri: '" + AUTH + "'}"), [], id="ACT004-ok"),
    pytest.param(
        "kind: messages\nvars: {u: {type: string}}\nmessages:\n  - text: Go\n    actions:\n"
        "      - {type: link, text: Go, uri: 'https://a.org/{{ u }}'}\n",
        [], id="ACT004-ok-double-braces"),
    # --- ACT005 auth placeholder pair
    pytest.param(actions("{type: link, text: Go, uri: 'https://a.org/?id={authuser}'}"),
                 [(4, 33, "ACT005")], id="ACT005-user-only"),
    pytest.param(actions("{type: link, text: Go, uri: 'https://a.org/?t={authtoken}'}"),
                 [(4, 33, "ACT005")], id="ACT005-token-only"),
    pytest.param(actions("{type: link, text: Go, uri: 'https://a.org/?id={authuser}', "
                         "url: 'https://a.org/?id={authuser}'}"),
                 [(4, 33, "ACT005")], id="ACT005-once-per-action"),
    pytest.param(actions("{type: link, text: Go, uri: '" + AUTH + "'}"), [], id="ACT005-ok"),
    pytest.param(actions("{type: link, text: Go, uri: 'https://a.org/?id={authuser}"
                         "&t={auth_token}'}"),
                 [(4, 33, "ACT004")], id="ACT005-quiet-on-typo"),
    # --- ACT006 duplicate payload
    pytest.param(actions("{type: postback, text: A, payload: X}",
                         "{type: postback, text: B, payload: X}"),
                 [(5, 40, "ACT006")], id="ACT006-postbacks"),
    pytest.param(actions("{type: reply, text: A, payload: X}", "{type: reply, text: B, payload: Y}",
                         "{type: reply, text: C, payload: X}"),
                 [(6, 37, "ACT006")], id="ACT006-replies"),
    pytest.param(card(item("{type: postback, text: A, payload: X}",
                           "{type: postback, text: B, payload: X}")),
                 [(9, 44, "ACT006")], id="ACT006-item"),
    pytest.param(card(item("{type: postback, text: A, payload: X}"),
                      item("{type: postback, text: B, payload: X}")), [],
                 id="ACT006-ok-different-items"),
    pytest.param(actions("{type: postback, text: A, payload: X}",
                         "{type: postback, text: B, payload: Y}"), [], id="ACT006-ok"),
    # --- ACT007 quick reply too long
    pytest.param(actions("{type: reply, text: Tomorrow in the afternoon, payload: P}"),
                 [(4, 25, "ACT007")], id="ACT007-25"),
    pytest.param(actions("{type: reply, text: '123456789012345678901', payload: P}"),
                 [(4, 25, "ACT007")], id="ACT007-21"),
    pytest.param(actions("{type: reply, text: 'a', payload: P}",
                         "{type: reply, text: 'abcdefghijklmnopqrstuvwxyz', payload: Q}"),
                 [(5, 25, "ACT007")], id="ACT007-second"),
    pytest.param(actions("{type: reply, text: '12345678901234567890', payload: P}"), [],
                 id="ACT007-ok-20"),
    pytest.param(actions("{type: postback, text: Tomorrow in the afternoon, payload: P}"), [],
                 id="ACT007-ok-postback"),
    # --- ACT008 too many quick replies
    pytest.param(actions(*REPLIES), [(17, 5, "ACT008")], id="ACT008-14"),
    pytest.param(actions(*REPLIES, "{type: reply, text: X, payload: X}"), [(17, 5, "ACT008")],
                 id="ACT008-15-once"),
    pytest.param(actions("{type: link, text: L, uri: 'https://a.org'}", *REPLIES),
                 [(18, 5, "ACT008")], id="ACT008-after-link"),
    pytest.param(actions(*REPLIES[:13]), [], id="ACT008-ok-13"),
    pytest.param(actions(*REPLIES[:13], "{type: link, text: L, uri: 'https://a.org'}"), [],
                 id="ACT008-ok-13-and-a-link"),
    # --- ACT009 action without text
    pytest.param(actions("{type: reply, payload: TACOS}"), [(4, 5, "ACT009")],
                 id="ACT009-reply"),
    pytest.param(actions("{type: reply, text: '', payload: TACOS}"), [(4, 25, "ACT009")],
                 id="ACT009-empty-reply"),
    pytest.param(actions("{type: postback, text: '  ', payload: X}"), [(4, 28, "ACT009")],
                 id="ACT009-blank-postback"),
    pytest.param(actions("{type: postback, payload: X}"), [], id="ACT009-quiet-schema-requires"),
    pytest.param(actions("{type: bogus, payload: X}"), [], id="ACT009-quiet-unknown-type"),
    pytest.param(actions("{type: reply, text: Tacos, payload: TACOS}"), [], id="ACT009-ok"),
    # --- ACT010 URL in payload
    pytest.param(actions("{type: link, text: Art, payload: 'http://example.org/'}"),
                 [(4, 38, "ACT010")], id="ACT010-http"),
    pytest.param(actions("{type: link, text: Art, payload: www.example.org}"),
                 [(4, 38, "ACT010")], id="ACT010-www"),
    pytest.param(card(item("{type: link, text: Art, payload: 'https://a.org'}")),
                 [(8, 42, "ACT010")], id="ACT010-item"),
    pytest.param(actions("{type: link, text: Art, uri: 'http://example.org/'}"), [],
                 id="ACT010-ok-uri"),
    pytest.param(actions("{type: postback, text: Art, payload: 'http://example.org/'}"), [],
                 id="ACT010-ok-postback"),
    # --- ACT011 carousel degrades
    pytest.param(card(item("{type: postback, text: A, payload: A}")).replace(
        "text: Pick\n", "text: Pick\ntouchpoint: sms\n"),
        [(5, 1, "ACT011")], id="ACT011-carousel-sms"),
    pytest.param(actions("{type: postback, text: A, payload: A}",
                         "{type: postback, text: B, payload: B}", head="touchpoint: email\n"),
                 [(5, 5, "ACT011")], id="ACT011-postbacks-email-once"),
    pytest.param(actions("{type: postback, text: A, payload: A}", head="touchpoint: whatsapp\n"),
                 [(5, 5, "ACT011")], id="ACT011-whatsapp"),
    pytest.param(actions("{type: link, text: A, uri: 'https://a.org'}", head="touchpoint: sms\n"),
                 [], id="ACT011-ok-link-on-sms"),
    pytest.param(card(item("{type: postback, text: A, payload: A}")).replace(
        "text: Pick\n", "text: Pick\ntouchpoint: web\n"), [], id="ACT011-ok-web"),
    pytest.param(actions("{type: postback, text: A, payload: A}"), [], id="ACT011-ok-unknown"),
    # --- ACT012 several webviews open on receive
    pytest.param(actions("{type: webview, text: A, uri: 'https://a.org', fallback: "
                         "'https://a.org', openOnReceive: true}",
                         "{type: webview, text: B, uri: 'https://b.org', fallback: "
                         "'https://b.org', openOnReceive: true}"),
                 [(5, 94, "ACT012")], id="ACT012-two"),
    pytest.param(actions(*["{type: webview, text: A, uri: 'https://a.org', fallback: "
                           "'https://a.org', openOnReceive: true}"] * 3),
                 [(5, 94, "ACT012"), (6, 94, "ACT012")], id="ACT012-three"),
    pytest.param(card(item("{type: webview, text: A, uri: 'https://a.org', fallback: "
                           "'https://a.org', openOnReceive: true}"),
                      item("{type: webview, text: A, uri: 'https://a.org', fallback: "
                           "'https://a.org', openOnReceive: true}")),
                 [(12, 98, "ACT012")], id="ACT012-items"),
    pytest.param(actions("{type: webview, text: A, uri: 'https://a.org', fallback: "
                         "'https://a.org', openOnReceive: true}",
                         "{type: webview, text: B, uri: 'https://b.org', fallback: "
                         "'https://b.org', openOnReceive: false}"), [], id="ACT012-ok-one"),
    pytest.param(actions("{type: webview, text: A, uri: 'https://a.org', fallback: "
                         "'https://a.org'}"), [], id="ACT012-ok-none"),
]


@pytest.mark.parametrize(("src", "expected"), CASES)
def test_findings(src: str, expected: Found) -> None:
    assert sorted(found(src)) == sorted(expected)


@pytest.mark.parametrize(
    ("src", "message"),
    [
        (actions("{type: link, text: Go}"), "link action has no 'uri'; add the URL it opens"),
        (actions("{type: link, text: Go, uri: www.a.org}"),
         "uri 'www.a.org' is not an absolute http(s) URL; add 'https://' in front"),
        (actions("{type: link, text: Go, uri: 'https://a.org/?id={authUser}&t={authtoken}'}"),
         "unknown placeholder '{authUser}' in uri; did you mean '{authuser}'?"),
        (actions("{type: link, text: Go, uri: 'https://a.org/{page}'}"),
         "unknown placeholder '{page}' in uri; the server fills only '{authuser}' and "
         "'{authtoken}' (spec variables are written '{{ name }}')"),
        (actions("{type: link, text: Go, uri: 'https://a.org/?id={authuser}'}"),
         "'{authuser}' without '{authtoken}' in uri; the web widget needs both to sign the "
         "contact in"),
        (actions("{type: reply, text: Tomorrow in the afternoon, payload: P}"),
         "quick-reply text 'Tomorrow in the afternoon' is 25 characters; channels cut it beyond "
         "20 (Facebook Messenger 20, web, iOS and Android 40)"),
        (actions("{type: reply, payload: P}"),
         "reply action has no 'text'; Sunshine Conversations requires a button text"),
    ],
)
def test_messages(src: str, message: str) -> None:
    assert [d.message for d in lint(src)] == [message]


def test_quick_reply_length_option() -> None:
    src = actions("{type: reply, text: Tomorrow in the afternoon, payload: P}")
    assert found(src, options={"quick-reply-too-long": {"max-length": 40}}) == []
    assert found(src, options={"ACT007": {"max-length": 10}}) == [(4, 25, "ACT007")]


def test_seed_sms_invite_link_is_clean() -> None:
    src = (
        '{"role": "agent", "text": "Click the link to continue:", "touchpoint": "sms",\n'
        ' "actions": [{"text": "[continue conversation]", "type": "link",\n'
        '   "uri": "http://yoursite.com/widget?id={authuser}&token={authtoken}"}]}'
    )
    assert found(src, "case.json") == []


def test_spec_actions_from_defaults_reported_once() -> None:
    src = (
        "kind: messages\n"
        "defaults:\n"
        "  actions: [{type: link, text: Go}]\n"
        "messages:\n"
        "  - text: One\n"
        "  - text: Two\n"
    )
    assert found(src) == [(3, 13, "ACT001")]


def _examples() -> list[Path]:
    folder = EXAMPLES
    return sorted(folder.glob("*.json"))


@pytest.mark.parametrize("path", _examples(), ids=lambda p: p.name)
def test_api_examples_have_no_errors(path: Path) -> None:
    diags = lint(path.read_text(encoding="utf-8"), path.name)
    assert [d.render() for d in diags if d.severity == "error"] == []
