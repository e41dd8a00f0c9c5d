"""Carousel or postback buttons on a channel that shows raw text.

Carousels are fully rendered only on Messenger-like channels; elsewhere they degrade to
raw text without images or postback actions ([DOC] facts §10, Sunshine Conversations).
SMS, e-mail and WhatsApp contacts get the text and lose the buttons' meaning; use link
actions or separate messages there.

Fails:

```yaml
role: agent
text: Favorite color?
touchpoint: sms
actions:
  - {type: postback, text: Red, payload: red}
  - {type: postback, text: Blue, payload: blue}
```

Passes:

```yaml
role: agent
text: Favorite color? See https://example.org/colors
touchpoint: sms
```
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from spec_compiler.diagnostics import Severity
from spec_compiler.document import LintContext, MessageSite
from spec_compiler.rules._channels import is_command
from spec_compiler.rules._site_util import actions_of, channels, origin, unique
from spec_compiler.rules.base import Finding

TYPE_CHECKING = False  # mypy takes it for True; a lint run need not import typing
if TYPE_CHECKING:
    from typing import Any

CODE = "ACT011"
NAME = "carousel-degrades"
SEVERITY: Severity = "warning"
OPTIONS: dict[str, Any] = {}

#: finds nothing in a document without these (see engine.features)
NEEDS = frozenset({"actions", "items"})

RAW_TEXT_CHANNELS = ("sms", "email", "whatsapp")

#: a raw-text channel in any case (``channels`` lowers the touchpoint)
_RAW_CHANNEL = "^(?:" + "|".join(
    "".join(f"[{c.lower()}{c.upper()}]" for c in name) for name in RAW_TEXT_CHANNELS) + ")$"
#: a touchpoint that selects no raw-text channel: empty (ignored), a template (unknown) or
#: printable ASCII that is none of them in any case
_SAFE_TOUCHPOINT: dict[str, Any] = {"anyOf": [
    {"const": ""},
    {"type": "string", "pattern": "\\{\\{"},
    {"type": "string", "pattern": "^[!-~]+$", "not": {"pattern": _RAW_CHANNEL}},
]}
_POSTBACK: dict[str, Any] = {"required": ["type"], "properties": {"type": {"const": "postback"}}}
#: a message that degrades on a raw-text channel: a carousel, or postback buttons
_DEGRADES: dict[str, Any] = {"anyOf": [
    {"required": ["items"]},
    {"required": ["actions"], "properties": {"actions": {"contains": _POSTBACK}}},
]}
_COMMAND: dict[str, Any] = {"required": ["type"], "properties": {"type": {"const": "command"}}}
#: a message that nothing degrades in, or one with a touchpoint of its own (not empty)
_OWN_CHANNEL: dict[str, Any] = {"anyOf": [
    {"not": _DEGRADES},
    _COMMAND,
    {"required": ["touchpoint"], "properties": {"touchpoint": {"minLength": 1}}},
]}
#: messages whose own touchpoints, if any, are safe
_SAFE_MESSAGES: dict[str, Any] = {"items": {"properties": {"touchpoint": _SAFE_TOUCHPOINT}}}

#: finds nothing where each message with items or postbacks (not a command) either names a
#: safe touchpoint itself or, having none, can only inherit safe ones: there are no others
#: in the document (see spec_compiler.quiet)
QUIET: dict[str, Any] = {
    # its own touchpoint, when it has one, is not a raw-text channel
    "message": {"anyOf": [
        {"not": _DEGRADES},
        _COMMAND,
        {"properties": {"touchpoint": _SAFE_TOUCHPOINT}},
    ]},
    "conversation": {"anyOf": [
        {"properties": {"messages": {"items": _OWN_CHANNEL}}},
        {"properties": {"touchpoint": _SAFE_TOUCHPOINT, "messages": _SAFE_MESSAGES}},
    ]},
    "message-list": {"anyOf": [{"items": _OWN_CHANNEL}, _SAFE_MESSAGES]},
}


def _finding(ctx: LintContext, site: MessageSite, channel: str) -> Finding | None:
    items = site.message.get("items")
    if isinstance(items, list) and items:
        return Finding(origin(ctx, site, "items"),
                       f"carousel degrades to raw text on {channel}: no images or postback "
                       "buttons; send links or separate messages instead")
    for path, action in actions_of(site.message):
        if action.get("type") == "postback":
            return Finding(origin(ctx, site, *path),
                           f"postback buttons degrade to raw text on {channel}; "
                           "use link actions or ask for a typed answer")
    return None


def check(ctx: LintContext, options: Mapping[str, Any]) -> Iterator[Finding]:
    """A finding per message with items or postbacks on sms, email or whatsapp."""
    found = []
    for site, channel in channels(ctx):
        if channel in RAW_TEXT_CHANNELS and not is_command(site.message):
            finding = _finding(ctx, site, channel)
            if finding is not None:
                found.append(finding)
    yield from unique(found)
