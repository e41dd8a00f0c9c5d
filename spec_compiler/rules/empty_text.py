"""An empty text on a message the contact receives.

The contact would get a blank bubble (or a blank SMS). Only main-stream agent chat and
card messages are checked ([DOC] roles: they are the outbound ones). [INF] No options.

Fails:

```yaml
type: chat
role: agent
text: ''
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
from spec_compiler.rules._channels import reaches_consumer
from spec_compiler.rules._msg_util import field_pointer, unique
from spec_compiler.rules.base import Finding

TYPE_CHECKING = False  # mypy takes it for True; a lint run need not import typing
if TYPE_CHECKING:
    from typing import Any

CODE = "MSG005"
NAME = "empty-text"
SEVERITY: Severity = "warning"
OPTIONS: dict[str, Any] = {}

#: finds nothing where each message's text is not blank, or the message does not reach
#: the contact (no role or not agent, backchannel, or not a chat or card) (see
#: spec_compiler.quiet)
QUIET: dict[str, Any] = {
    "message": {"anyOf": [
        {"required": ["text"], "properties": {"text": {"$ref": "#/$defs/nonBlank"}}},
        {"not": {"required": ["role"]}},
        {"properties": {"role": {"not": {"const": "agent"}}}},
        {"required": ["isBackchannel"], "properties": {"isBackchannel": {"const": True}}},
        {"required": ["type"], "properties": {"type": {"not": {"enum": ["chat", "card"]}}}},
    ]},
    "conversation": True,
    "message-list": True,
}


def check(ctx: LintContext, options: Mapping[str, Any]) -> Iterator[Finding]:
    """Yield one finding per blank text, at the text."""
    yield from unique(_findings(ctx))


def _findings(ctx: LintContext) -> Iterator[Finding]:
    for site in ctx.messages:
        text = site.message.get("text")
        if not isinstance(text, str) or text.strip() or not reaches_consumer(site.message):
            continue
        what = "text is empty" if not text else "text is only whitespace"
        yield Finding(field_pointer(ctx, site, "text"),
                      f"{what}; the contact would get a blank message")
