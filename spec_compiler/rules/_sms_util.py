"""What the SMS rules share: which messages are SMS texts, and how long they are."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spec_compiler.document import LintContext, MessageSite
from spec_compiler.rules._site_util import channels, is_file, is_sms, origin, outbound, plain_text


@dataclass(frozen=True)
class SmsText:
    """One SMS text to judge: where it was written and what it says."""

    site: MessageSite
    pointer: str
    text: str


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
