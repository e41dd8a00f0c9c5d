"""A new conversation without a message for the contact.

Creating a conversation requires "at least one outbound message", sent to the contact
immediately ([DOC] business-initiated conversations): a main-stream `role: agent`
message that is not a command. An empty `messages` list is a schema fault
(SCHEMA007). No options.

Fails:

```yaml
organization: aaa111111111111111111222
contact: {profile: {name: John Johnson, telephone: '+31646280994'}}
messages:
  - {text: /leave, type: command}
```

Passes:

```yaml
organization: aaa111111111111111111222
contact: {profile: {name: John Johnson, telephone: '+31646280994'}}
messages:
  - {text: Hey there., touchpoint: sms, role: agent}
  - {text: /leave, type: command}
```
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from spec_compiler.diagnostics import Severity
from spec_compiler.document import LintContext, is_template
from spec_compiler.rules._channels import is_command
from spec_compiler.rules.base import Finding

TYPE_CHECKING = False  # mypy takes it for True; a lint run need not import typing
if TYPE_CHECKING:
    from typing import Any

CODE = "CONV004"
NAME = "no-outbound-message"
SEVERITY: Severity = "error"
OPTIONS: dict[str, Any] = {}

#: finds nothing in a document without these (see engine.features)
NEEDS = frozenset({"conversation"})

#: a message ``_outbound`` says yes to (the schema leaves no template in role, type or
#: isBackchannel): role agent, not backchannel, not a command
OUTBOUND: dict[str, Any] = {
    "required": ["role"],
    "properties": {"role": {"const": "agent"}, "isBackchannel": {"not": {"const": True}},
                   "type": {"not": {"const": "command"}}},
}

#: finds nothing where a conversation has a message for the contact (see spec_compiler.quiet)
QUIET: dict[str, Any] = {
    "message": True,
    "conversation": {"properties": {"messages": {"contains": OUTBOUND}}},
    "message-list": True,
}

MESSAGE = ("no outbound message: a new conversation needs at least one message with "
           "role: agent outside the backchannel")


def check(ctx: LintContext, options: Mapping[str, Any]) -> Iterator[Finding]:
    """Yield a finding at ``messages`` when none of them goes to the contact."""
    if ctx.request != "conversation" or not ctx.messages:
        return
    if not any(_outbound(site.message) for site in ctx.messages):
        yield Finding(ctx.messages_pointer, MESSAGE)


def _outbound(message: Mapping[str, Any]) -> bool:
    role, backchannel = message.get("role"), message.get("isBackchannel")
    if is_template(role) or is_template(backchannel) or is_template(message.get("type")):
        return True  # decided after rendering
    return role == "agent" and backchannel is not True and not is_command(message)
