"""A system command sent as a chat message.

Without `type: command` a text like `/leave` is not run: it is a plain message (sent to
the contact as text when the role is agent) ([DOC] commands need `type: command`).
No options.

Fails:

```yaml
role: agent
text: /leave
```

Passes:

```yaml
type: command
text: /leave
```
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from spec_compiler.diagnostics import Severity
from spec_compiler.document import LintContext
from spec_compiler.rules._channels import is_command
from spec_compiler.rules._msg_util import SYSTEM_COMMANDS, field_pointer, text_of, unique
from spec_compiler.rules._quiet import NON_ASCII_NON_SPACE
from spec_compiler.rules.base import Finding

TYPE_CHECKING = False  # mypy takes it for True; a lint run need not import typing
if TYPE_CHECKING:
    from typing import Any

CODE = "CMD004"
NAME = "command-as-chat"
SEVERITY: Severity = "warning"
OPTIONS: dict[str, Any] = {}

_COMMANDS = frozenset(f"/{c}" for c in SYSTEM_COMMANDS)

#: a text that, stripped, is none of _COMMANDS: it has no '/', or it has a character that
#: no command holds and that is not whitespace (printable ASCII but '/' and the lower case
#: letters, or a non-ASCII one that is not a space), or it is a {{ template }}
_NOT_COMMAND = "^[^/]*$|[!-.0-`{-~]|\\{\\{|" + NON_ASCII_NON_SPACE
#: finds nothing where each message is a command or not a chat or card, or its text is
#: not a system command (see spec_compiler.quiet)
QUIET: dict[str, Any] = {
    "message": {"anyOf": [
        {"required": ["type"], "properties": {"type": {"not": {"enum": ["chat", "card"]}}}},
        {"properties": {"text": {"pattern": _NOT_COMMAND}}},
    ]},
    "conversation": True,
    "message-list": True,
}


def check(ctx: LintContext, options: Mapping[str, Any]) -> Iterator[Finding]:
    """Yield one finding per chat text that is exactly a system command, at the text."""
    found: list[Finding] = []
    for site in ctx.messages:
        text = text_of(site.message)
        if text is None or text.strip() not in _COMMANDS or is_command(site.message):
            continue
        kind = site.message.get("type", "chat")
        if kind not in ("chat", "card"):
            continue  # a typo'd type ('comand') is the schema's finding, not this one
        message = f"text '{text.strip()}' is a command; add type: command to run it " \
                  "(otherwise it is sent as text)"
        found.append(Finding(field_pointer(ctx, site, "text"), message))
    yield from unique(found)
