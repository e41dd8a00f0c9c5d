"""One-way SMS (SenderID) that expects an answer.

A message with ``meta.SenderID`` goes out from an alphanumeric sender: the contact cannot
text back, only click a link ([DOC] seed, facts §7 and §12). Reply and postback buttons,
or a text that asks for a reply ("reply STOP", "text back", "antwoord met JA"), cannot
work there.

Fails:

```yaml
role: agent
text: Reply YES to confirm your appointment
touchpoint: sms
meta:
  SenderID: Tims Trucks
```

Passes:

```yaml
role: agent
text: Your appointment is confirmed. Please do not reply to this message.
touchpoint: sms
meta:
  SenderID: Tims Trucks
```
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

from spec_compiler.diagnostics import Severity
from spec_compiler.document import LintContext, MessageSite
from spec_compiler.rules._channels import is_command, meta
from spec_compiler.rules._quiet import lazy
from spec_compiler.rules._site_util import (
    actions_of,
    channels,
    origin,
    plain_text,
    quote,
    unique,
)
from spec_compiler.rules.base import Finding

TYPE_CHECKING = False  # mypy takes it for True; a lint run need not import typing
if TYPE_CHECKING:
    from typing import Any

CODE = "SMS004"
NAME = "one-way-sms-expects-reply"
SEVERITY: Severity = "warning"
OPTIONS: dict[str, Any] = {}

#: finds nothing in a document without these (see engine.features)
NEEDS = frozenset({"SenderID"})

REPLY_ACTIONS = ("reply", "postback")

#: a request to answer: the verb as an imperative (sentence start, after a comma or
#: "please"), or followed by a keyword to send ("reply STOP", "antwoord met JA")
_VERB = r"(?i:reply|respond|antwoord)"
ASKS = re.compile(
    rf"\b({_VERB}\s+(?:(?i:with|met)\s+)?[\"']?[A-Z0-9]{{2,}}[\"']?)(?!\w)"
    r"|(?:^|[.!?:;,]\s*|\n\s*|\b(?i:please|pls|kindly|just|simply|graag|even)\s+)"
    rf"({_VERB})\b"
    r"|\b((?i:text)\s+(?i:us\s+|me\s+)?(?i:back))\b"
    r"|\b((?i:stuur)\b[^.!?\n]{0,40}?\b(?i:terug))\b"
    r"|\b((?i:sms)\s+[\"']?[A-Z0-9]{2,}[\"']?\s+(?i:to|naar))\b"
    r"|\b((?i:let)\s+(?i:us|me)\s+(?i:know))\b[^.!\n]*\?"
    r"|\b((?i:laat)\s+(?:(?i:het)\s+)?(?i:ons|me|mij)\s+(?i:weten))\b",
)
#: words that turn a request into its opposite: "do not reply", "no-reply", "niet antwoorden"
NEGATIONS = frozenset({"not", "no", "never", "cannot", "niet", "geen", "dont", "noreply"})


def _word(word: str) -> str:
    """A pattern for ``word`` in any case, as ``re.IGNORECASE`` folds it (also the long s,
    the Kelvin sign and the Turkish i's)."""
    extra = {"s": "\u017f", "k": "\u212a", "i": "\u0130\u0131"}
    return "".join(f"[{c}{c.upper()}{extra.get(c, '')}]" for c in word)


def _has(*words: str) -> dict[str, Any]:
    return {"pattern": "|".join(_word(w) for w in words)}


#: texts without the words every kind of request in ASKS needs (verb; text ... back;
#: stuur ... terug; sms ... to/naar; let ... know ... ?; laat ... weten)
_NO_REQUEST: dict[str, Any] = {"not": {"anyOf": [
    _has("reply", "respond", "antwoord"),
    {"allOf": [_has("text"), _has("back")]},
    {"allOf": [_has("stuur"), _has("terug")]},
    {"allOf": [_has("sms"), _has("to", "naar")]},
    {"allOf": [_has("let"), _has("know"), {"pattern": "\\?"}]},
    {"allOf": [_has("laat"), _has("weten")]},
]}}
#: actions without a reply or postback button
_NO_REPLY_ACTIONS: dict[str, Any] = {
    "items": {"properties": {"type": {"not": {"enum": list(REPLY_ACTIONS)}}}}}

#: finds nothing where every message with meta.SenderID (not a command) has no reply or
#: postback action, in itself or its items, and a text without the words a request to
#: answer needs (see spec_compiler.quiet)
QUIET: dict[str, Any] = {
    "message": {"anyOf": [
        {"not": {"required": ["meta"], "properties": {"meta": {"required": ["SenderID"]}}}},
        {"required": ["type"], "properties": {"type": {"const": "command"}}},
        lazy({"properties": {  # costly to compile, reached only by one-way SMS
            "text": _NO_REQUEST,
            "actions": _NO_REPLY_ACTIONS,
            "items": {"items": {"properties": {"actions": _NO_REPLY_ACTIONS}}},
        }}),
    ]},
    "conversation": True,
    "message-list": True,
}


def _negated(text: str, start: int) -> bool:
    words = re.findall(r"[\w']+", text[max(0, start - 30):start].lower())[-2:]
    return any(w in NEGATIONS or w.endswith("n't") for w in words)


def asks_reply(text: str) -> str | None:
    """The phrase of ``text`` that asks the contact to answer, if any."""
    for match in ASKS.finditer(text):
        group = next(i for i, g in enumerate(match.groups(), start=1) if g is not None)
        if not _negated(text, match.start(group)):
            return match.group(group)
    return None


def _actions(ctx: LintContext, site: MessageSite) -> Iterator[Finding]:
    for path, action in actions_of(site.message):
        if action.get("type") in REPLY_ACTIONS:
            yield Finding(origin(ctx, site, *path),
                          f"{action['type']} action on a one-way sms: the contact cannot "
                          "reply to a SenderID; use a link or drop meta.SenderID")


def _text(ctx: LintContext, site: MessageSite) -> Iterator[Finding]:
    text = plain_text(site.message)
    phrase = asks_reply(text) if text is not None else None
    if phrase is not None:
        yield Finding(origin(ctx, site, "text"),
                      f"text asks for a reply ({quote(phrase)}) but a one-way sms from a "
                      "SenderID cannot be answered; drop meta.SenderID or the request")


def check(ctx: LintContext, options: Mapping[str, Any]) -> Iterator[Finding]:
    """A finding per reply/postback action, and per text asking for a reply."""
    found: list[Finding] = []
    for site, channel in channels(ctx):
        if "SenderID" not in meta(site.message) or is_command(site.message):
            continue
        if channel is not None and channel != "sms":
            continue  # SMS003: the SenderID has no effect there
        found += [*_actions(ctx, site), *_text(ctx, site)]
    yield from unique(found)
