"""An `/assign` command without users to assign.

`/assign` makes the users in `meta.users` participants with the inbox flag ([DOC]
commands); without a non-empty `meta.users` list there is nobody to assign. No options.

Fails:

```yaml
type: command
text: /assign
```

Passes:

```yaml
type: command
text: /assign
meta:
  users: [5adfe407f276f66f4288f171]
```
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from spec_compiler.diagnostics import Severity
from spec_compiler.document import LintContext, MessageSite
from spec_compiler.rules._channels import is_command
from spec_compiler.rules._msg_util import (
    SYSTEM_COMMANDS,
    command_word,
    field_pointer,
    text_of,
    unique,
)
from spec_compiler.rules.base import Finding

TYPE_CHECKING = False  # mypy takes it for True; a lint run need not import typing
if TYPE_CHECKING:
    from typing import Any

CODE = "CMD003"
NAME = "assign-without-users"
SEVERITY: Severity = "error"
OPTIONS: dict[str, Any] = {}

#: finds nothing in a document without these (see engine.features)
NEEDS = frozenset({"command"})

#: a text whose command word is certainly not 'assign': no '/' command (empty, not
#: starting with '/'), another system command ending at ASCII whitespace or the end, or a
#: {{ template }}
_NOT_ASSIGN = "^(?:$|[^/]|/(?:" + "|".join(c for c in SYSTEM_COMMANDS if c != "assign") \
    + ")(?:[\\t-\\r ]|$))|\\{\\{"
#: finds nothing where each message is not a command, or its text is not '/assign', or it
#: has a non-empty meta.users list (see spec_compiler.quiet)
QUIET: dict[str, Any] = {
    "message": {"anyOf": [
        {"not": {"required": ["type"]}},
        {"properties": {"type": {"not": {"const": "command"}}}},
        {"properties": {"text": {"pattern": _NOT_ASSIGN}}},
        {"required": ["meta"], "properties": {"meta": {
            "required": ["users"], "properties": {"users": {"type": "array", "minItems": 1}}}}},
    ]},
    "conversation": True,
    "message-list": True,
}

MESSAGE = "'/assign' needs the user ids to assign in a non-empty meta.users list"


def check(ctx: LintContext, options: Mapping[str, Any]) -> Iterator[Finding]:
    """Yield one finding per ``/assign`` without users, where ``meta.users`` belongs."""
    found = (_finding(ctx, site) for site in ctx.messages if _is_assign(site.message))
    yield from unique(f for f in found if f is not None)


def _is_assign(message: Mapping[str, Any]) -> bool:
    text = text_of(message)
    return is_command(message) and text is not None and command_word(text) == "assign"


def _finding(ctx: LintContext, site: MessageSite) -> Finding | None:
    meta = site.message.get("meta")
    if meta is None:
        return Finding(site.pointer, MESSAGE)
    if not isinstance(meta, Mapping):
        return None  # a schema fault already
    users = meta.get("users")
    if users is None:
        return Finding(field_pointer(ctx, site, "meta"), MESSAGE)
    if isinstance(users, list) and not users:
        return Finding(field_pointer(ctx, site, "meta", "users"), MESSAGE)
    return None  # a list of users, a template, or a schema fault
