"""Command processed in the same tick as the messages before it.

A command such as '/leave' that has no larger delay than the messages before it can be
processed before they are sent; the seed gives '/leave' a short delay "to make sure the
messages are processed in a next processing iteration/tick, after the previous messages"
([DOC] seed, business-initiated conversations). In specs, pacing gives commands without
a delay one tick after the previous message.

Fails:

```yaml
- role: agent
  text: Your car is ready
  touchpoint: sms
- type: command
  text: /leave
```

Passes:

```yaml
- role: agent
  text: Your car is ready
  touchpoint: sms
- type: command
  text: /leave
  delay: 3000
```
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from spec_compiler.diagnostics import Severity
from spec_compiler.document import LintContext
from spec_compiler.pacing import early_commands
from spec_compiler.rules._channels import is_command
from spec_compiler.rules._pace_util import describe, timed
from spec_compiler.rules._site_util import quote, unique
from spec_compiler.rules.base import Finding

TYPE_CHECKING = False  # mypy takes it for True; a lint run need not import typing
if TYPE_CHECKING:
    from typing import Any

CODE = "PACE002"
NAME = "command-without-delay"
SEVERITY: Severity = "warning"
OPTIONS: dict[str, Any] = {}

#: finds nothing in a document without these (see engine.features)
NEEDS = frozenset({"command"})

#: finds nothing where ``pacing.early_commands`` finds nothing in the delays as written
#: (a missing one is 0), which is what ``check`` reports from (see spec_compiler.quiet)
QUIET: dict[str, Any] = {
    "message": True,
    "conversation": {"properties": {"messages": {"x-delays": "commands-later"}}},
    "message-list": {"x-delays": "commands-later"},
}


def check(ctx: LintContext, options: Mapping[str, Any]) -> Iterator[Finding]:
    """A finding per command whose delay equals the latest delay of the messages before."""
    items = timed(ctx)
    found = []
    for i in early_commands([(item.delay, is_command(item.site.message)) for item in items]):
        item = items[i]
        text = item.site.message.get("text")
        name = f"command {quote(text)}" if isinstance(text, str) else "command"
        found.append(Finding(item.pointer, (
            f"{name} has {describe(item)}, like the messages before it; give it a larger "
            "delay (the seed uses 3000) so it is processed after them")))
    yield from unique(found)
