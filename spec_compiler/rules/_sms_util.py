"""What the SMS rules share: which messages are SMS texts, and how long they are."""

from __future__ import annotations

from collections import namedtuple
from collections.abc import Iterable, Iterator

from spec_compiler.document import LintContext, MessageSite
from spec_compiler.rules._quiet import lazy
from spec_compiler.rules._site_util import channels, is_file, is_sms, origin, outbound, plain_text
from spec_compiler.sms import GSM_BASIC, GSM_EXTENSION

TYPE_CHECKING = False  # mypy takes it for True
if TYPE_CHECKING:
    from typing import Any, NamedTuple

    class SmsText(NamedTuple):
        """One SMS text to judge: where it was written and what it says."""

        site: MessageSite
        pointer: str
        text: str
else:
    SmsText = namedtuple("SmsText", "site pointer text")


def sms_texts(ctx: LintContext) -> Iterator[SmsText]:
    """Texts of outbound messages that go out as SMS (files and templates skipped)."""
    seen: set[str] = set()
    for site, channel in channels(ctx):
        message = site.message
        if not is_sms(message, channel) or not outbound(message) or is_file(message):
            continue
        text = plain_text(message)
        pointer = origin(ctx, site, "text")
        if text is None or pointer in seen:
            continue
        seen.add(pointer)
        yield SmsText(site, pointer, text)


# ---------------------------------------------------------------- quiet conditions
# SMS005, SMS006 and SMS007: which messages sms_texts() may judge, as JSON Schema


def char_class(chars: Iterable[str]) -> str:
    """A regex character class of ``chars``, every one written as a ``\\uXXXX`` escape."""
    points = sorted({ord(c) for c in chars})
    ranges: list[list[int]] = []
    for point in points:
        if ranges and point == ranges[-1][1] + 1:
            ranges[-1][1] = point
        else:
            ranges.append([point, point])
    return "[" + "".join(f"\\u{a:04x}" if a == b else f"\\u{a:04x}-\\u{b:04x}"
                         for a, b in ranges) + "]"


#: a text of GSM-7 basic characters only (one septet each)
GSM_BASIC_TEXT = f"^{char_class(GSM_BASIC)}*$"
#: a text of GSM-7 characters only (basic: one septet; extension: two)
GSM_TEXT = f"^{char_class(GSM_BASIC | GSM_EXTENSION)}*$"
_SMS = "^[sS][mM][sS]$"
#: a touchpoint that is printable ASCII (so lower() is the ASCII one) or a {{ template }},
#: and not sms in any case
NOT_SMS_TOUCHPOINT: dict[str, Any] = {
    "type": "string", "anyOf": [{"pattern": "^[ -z|~]*$"}, {"pattern": "\\{\\{"}],
    "not": {"pattern": _SMS}}
#: a message that names a known touchpoint of its own that is not sms
OWN_NOT_SMS: dict[str, Any] = {"required": ["touchpoint"], "properties": {"touchpoint": {
    "type": "string", "pattern": "^[ -z|~]+$", "not": {"pattern": _SMS}}}}
NO_SENDER_ID: dict[str, Any] = {
    "not": {"required": ["meta"], "properties": {"meta": {"required": ["SenderID"]}}}}
#: messages sms_texts() skips whatever the channel: not outbound (a role other than
#: agent, backchannel, neither chat nor card), a file, or a {{ template }} text
NOT_JUDGED: list[dict[str, Any]] = [
    {"required": ["role"], "properties": {"role": {"not": {"const": "agent"}}}},
    {"required": ["isBackchannel"], "properties": {"isBackchannel": {"const": True}}},
    {"required": ["type"],
     "properties": {"type": {"type": "string", "not": {"enum": ["chat", "card"]}}}},
    {"required": ["contentType"], "properties": {"contentType": {
        "type": "string", "pattern": "^[A-Za-z0-9]", "not": {"pattern": "^[tT][eE][xX][tT]/"}}}},
    {"required": ["text"], "properties": {"text": {"type": "string", "pattern": "\\{\\{"}}},
]


def sms_text_quiet(text_ok: dict[str, Any]) -> dict[str, Any]:
    """A ``QUIET`` for a rule that judges only sms_texts(), and those not when their text
    satisfies ``text_ok``: each message is skipped, or has such a text, or names a
    touchpoint of its own that is not sms; or (no sender id anywhere) no touchpoint of the
    document is sms, so that no message goes out as SMS."""
    # the text check is the costly one to compile: compiled on first use (x-lazy), and
    # tried last, so that messages that are not SMS never reach it
    safe = {"required": ["text"], "properties": {"text": lazy(text_ok)}}
    own = {"anyOf": [*NOT_JUDGED, OWN_NOT_SMS, safe]}
    no_sms = {"allOf": [NO_SENDER_ID, {"properties": {"touchpoint": NOT_SMS_TOUCHPOINT}}]}
    return {
        "message": {"anyOf": [*NOT_JUDGED, OWN_NOT_SMS, no_sms, safe]},
        "conversation": {"anyOf": [
            {"properties": {"touchpoint": NOT_SMS_TOUCHPOINT, "messages": {"items": no_sms}}},
            {"properties": {"messages": {"items": own}}},
        ]},
        "message-list": {"anyOf": [{"items": no_sms}, {"items": own}]},
    }
