"""A command whose text is neither a system nor a bot command.

System commands start with `/` ([DOC] commands: `/notify`, `/assign`) and bot commands
with `>` ([SDK] `>review`); any other text on a `type: command` message does nothing.
No options.

Fails:

```yaml
type: command
text: leave
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
from spec_compiler.rules.base import Finding

TYPE_CHECKING = False  # mypy takes it for True; a lint run need not import typing
if TYPE_CHECKING:
    from typing import Any

CODE = "CMD001"
NAME = "command-prefix"
SEVERITY: Severity = "error"
OPTIONS: dict[str, Any] = {}

#: finds nothing in a document without these (see engine.features)
NEEDS = frozenset({"command"})

#: finds nothing where each message is not a command, or its text starts with '/' or '>'
#: or is a {{ template }} (see spec_compiler.quiet)
QUIET: dict[str, Any] = {
    "message": {"anyOf": [
        {"not": {"required": ["type"]}},
        {"properties": {"type": {"not": {"const": "command"}}}},
        {"properties": {"text": {"pattern": "^[/>]|\\{\\{"}}},
    ]},
    "conversation": True,
    "message-list": True,
}


def check(ctx: LintContext, options: Mapping[str, Any]) -> Iterator[Finding]:
    """Yield one finding per command text without a ``/`` or ``>`` prefix, at the text."""
    found = (
        Finding(field_pointer(ctx, site, "text"), _message(text))
        for site in ctx.messages
        if is_command(site.message) and (text := text_of(site.message)) is not None
        and not text.startswith(("/", ">"))
    )
    yield from unique(found)


def _message(text: str) -> str:
    if not text.strip():
        return "command text is empty; write a system command like '/leave' " \
               "or a bot command like '>review'"
    stripped = text.strip()
    if stripped.split()[0].lower().lstrip("/") in SYSTEM_COMMANDS:
        fixed = "/" + stripped.lstrip("/")
        return f"command '{text}' does not start with '/' or '>'; did you mean '{fixed}'?"
    return f"command '{text}' must start with '/' (system command) or '>' (bot command)"
