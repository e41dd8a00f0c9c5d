"""A raw payload message without `role`.

The API defaults `role` to `bot`, and bot messages never reach the consumer ([DOC] "the
message needs to have "agent" as the role value to reach the consumer"). Specs imply
`role: agent`, so only raw payloads are checked; commands and automation types (form,
field, report, tag, search, mention) need no role, and a text that is exactly a system
command (`/leave`) is CMD004's (it lacks `type: command`, not a role). No options.

Fails:

```yaml
type: chat
text: Here is some information
```

Passes:

```yaml
type: chat
role: agent
text: Here is some information
```
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from spec_compiler.diagnostics import Severity
from spec_compiler.document import LintContext
from spec_compiler.rules._channels import message_type
from spec_compiler.rules._msg_util import AUTOMATION_TYPES, SYSTEM_COMMANDS, text_of
from spec_compiler.rules.base import Finding

TYPE_CHECKING = False  # mypy takes it for True; a lint run need not import typing
if TYPE_CHECKING:
    from typing import Any

CODE = "MSG002"
NAME = "missing-role"
SEVERITY: Severity = "warning"
OPTIONS: dict[str, Any] = {}

#: finds nothing where every message has a role or is a command or an automation type
#: (see spec_compiler.quiet)
QUIET: dict[str, Any] = {
    "message": {"anyOf": [
        {"required": ["role"]},
        {"required": ["type"],
         "properties": {"type": {"enum": ["command", *AUTOMATION_TYPES]}}},
    ]},
    "conversation": True,
    "message-list": True,
}

MESSAGE = "no 'role': the API defaults to 'bot', which never reaches the contact; " \
          "add role: agent to send it"


def check(ctx: LintContext, options: Mapping[str, Any]) -> Iterator[Finding]:
    """Yield one finding per raw message without a role, at the message."""
    if ctx.is_spec or ctx.flags.get("rendered"):
        return
    for site in ctx.messages:
        kind = message_type(site.written)
        if "role" not in site.written and kind != "command" and kind not in AUTOMATION_TYPES \
                and not _is_command_text(site.written):
            yield Finding(site.pointer, MESSAGE)


def _is_command_text(message: Mapping[str, Any]) -> bool:
    text = text_of(message)
    return text is not None and text.strip().lstrip("/") in SYSTEM_COMMANDS \
        and text.strip().startswith("/")
