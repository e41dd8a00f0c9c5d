"""A system command the API does not know.

The system commands are `/notify`, `/assign` ([DOC] commands) and `/accept`, `/join`,
`/leave` ([SDK] chipchat); any other `/` command is most likely a typo, or a bot command
that should start with `>`. [INF] No options.

Fails:

```yaml
type: command
text: /leav
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
from spec_compiler.rules._msg_util import (
    SYSTEM_COMMANDS,
    command_word,
    field_pointer,
    text_of,
    unique,
)
from spec_compiler.rules._schema_util import did_you_mean
from spec_compiler.rules.base import Finding

TYPE_CHECKING = False  # mypy takes it for True; a lint run need not import typing
if TYPE_CHECKING:
    from typing import Any

CODE = "CMD002"
NAME = "unknown-command"
SEVERITY: Severity = "warning"
OPTIONS: dict[str, Any] = {}

#: finds nothing in a document without these (see engine.features)
NEEDS = frozenset({"command"})

#: a text whose command word is a system command, or that is no '/' command at all (empty,
#: not starting with '/'), or a {{ template }}; the word ends at ASCII whitespace or the end
_KNOWN_WORD = "^(?:$|[^/]|/(?:" + "|".join(SYSTEM_COMMANDS) + ")(?:[\\t-\\r ]|$))|\\{\\{"
#: finds nothing where each message is not a command, or its text is not a '/' command or
#: one of a system command (see spec_compiler.quiet)
QUIET: dict[str, Any] = {
    "message": {"anyOf": [
        {"not": {"required": ["type"]}},
        {"properties": {"type": {"not": {"const": "command"}}}},
        {"properties": {"text": {"pattern": _KNOWN_WORD}}},
    ]},
    "conversation": True,
    "message-list": True,
}


def check(ctx: LintContext, options: Mapping[str, Any]) -> Iterator[Finding]:
    """Yield one finding per unknown system command, at the text."""
    found: list[Finding] = []
    for site in ctx.messages:
        text = text_of(site.message) if is_command(site.message) else None
        word = command_word(text) if text is not None else None
        if word is not None and word not in SYSTEM_COMMANDS:
            found.append(Finding(field_pointer(ctx, site, "text"), _message(word)))
    yield from unique(found)


def _message(word: str) -> str:
    if not word:
        return "command '/' has no name; use one of " + ", ".join(f"/{c}" for c in SYSTEM_COMMANDS)
    guess = did_you_mean(word, SYSTEM_COMMANDS)
    if guess is not None:
        return f"unknown command '/{word}'; did you mean '/{guess}'?"
    known = ", ".join(f"/{c}" for c in SYSTEM_COMMANDS)
    return f"unknown command '/{word}'; system commands are {known} (bot commands start with '>')"
