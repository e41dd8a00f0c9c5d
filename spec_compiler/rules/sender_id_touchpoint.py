"""SMS sender id on a message that does not go out as SMS.

``meta.SenderID`` only has an effect on SMS ([DOC] seed: it "will send the message as a
one-way SMS"; facts §7); on another touchpoint it does nothing, which usually means the
touchpoint is wrong.

Fails:

```yaml
role: agent
text: Your car is ready
touchpoint: email
meta:
  SenderID: Tims Trucks
```

Passes:

```yaml
role: agent
text: Your car is ready
touchpoint: sms
meta:
  SenderID: Tims Trucks
```
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from spec_compiler.diagnostics import Severity
from spec_compiler.document import LintContext
from spec_compiler.rules._channels import is_command, meta
from spec_compiler.rules._site_util import channels, origin, unique
from spec_compiler.rules.base import Finding

TYPE_CHECKING = False  # mypy takes it for True; a lint run need not import typing
if TYPE_CHECKING:
    from typing import Any

CODE = "SMS003"
NAME = "sender-id-off-sms"
SEVERITY: Severity = "warning"
OPTIONS: dict[str, Any] = {}

#: finds nothing in a document without these (see engine.features)
NEEDS = frozenset({"SenderID"})

_SMS = "^[sS][mM][sS]$"
#: a message without meta.SenderID, or a command (both skipped)
_NO_SENDER_ID: dict[str, Any] = {"anyOf": [
    {"not": {"required": ["meta"], "properties": {"meta": {"required": ["SenderID"]}}}},
    {"required": ["type"], "properties": {"type": {"const": "command"}}},
]}
#: a touchpoint that selects sms (any case), or none: empty or a {{ template }}
_SMS_OR_UNKNOWN: dict[str, Any] = {"type": "string", "anyOf": [
    {"pattern": _SMS}, {"maxLength": 0}, {"pattern": "\\{\\{"}]}
#: a message sent as sms by its own touchpoint
_OWN_SMS: dict[str, Any] = {"required": ["touchpoint"],
                            "properties": {"touchpoint": {"type": "string", "pattern": _SMS}}}
#: each message has no sender id (or is a command) or selects sms itself
_EACH_SMS_OR_NO_SENDER_ID: dict[str, Any] = {"anyOf": [_NO_SENDER_ID, _OWN_SMS]}
#: every touchpoint, where written, is sms or unknown
_SMS_TOUCHPOINTS: dict[str, Any] = {"properties": {"touchpoint": _SMS_OR_UNKNOWN}}

#: finds nothing where each sender id is on a message whose touchpoint is sms or unknown:
#: the message has none of its own, or sms, or every touchpoint of the document (the
#: conversation's included) is sms or unknown (see spec_compiler.quiet)
QUIET: dict[str, Any] = {
    "message": {"anyOf": [_NO_SENDER_ID, _SMS_TOUCHPOINTS]},
    "conversation": {"anyOf": [
        {"properties": {"messages": {"items": _EACH_SMS_OR_NO_SENDER_ID}}},
        {"properties": {"touchpoint": _SMS_OR_UNKNOWN, "messages": {"items": _SMS_TOUCHPOINTS}}},
    ]},
    "message-list": {"anyOf": [
        {"items": _EACH_SMS_OR_NO_SENDER_ID},
        {"items": _SMS_TOUCHPOINTS},
    ]},
}


def check(ctx: LintContext, options: Mapping[str, Any]) -> Iterator[Finding]:
    """A finding per SenderID on a message whose known channel is not sms."""
    found = []
    for site, channel in channels(ctx):
        if "SenderID" not in meta(site.message) or is_command(site.message):
            continue
        if channel is None or channel == "sms":
            continue
        found.append(Finding(
            origin(ctx, site, "meta", "SenderID"),
            f"SenderID has no effect on touchpoint '{channel}'; "
            "it only makes an sms a one-way notification"))
    yield from unique(found)
