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
from typing import Any

from spec_compiler.diagnostics import Severity
from spec_compiler.document import LintContext
from spec_compiler.rules._channels import is_command
from spec_compiler.rules._pace_util import describe, timed
from spec_compiler.rules._site_util import quote, unique
from spec_compiler.rules.base import Finding

CODE = "PACE002"
NAME = "command-without-delay"
SEVERITY: Severity = "warning"
OPTIONS: dict[str, Any] = {}

#: finds nothing in a document without these (see engine.features)
NEEDS = frozenset({"command"})


def check(ctx: LintContext, options: Mapping[str, Any]) -> Iterator[Finding]:
    """A finding per command whose delay equals the latest delay of the messages before."""
    latest_any: int | None = None
    latest_message: int | None = None
    found = []
    for item in timed(ctx):
        delay = item.delay
        if delay is None:
            continue
        command = is_command(item.site.message)
        lower = latest_any is not None and delay < latest_any  # PACE001's
        if command and not lower and latest_message is not None and delay <= latest_message:
            text = item.site.message.get("text")
            name = f"command {quote(text)}" if isinstance(text, str) else "command"
            found.append(Finding(item.pointer, (
                f"{name} has {describe(item)}, like the messages before it; give it a larger "
                "delay (the seed uses 3000) so it is processed after them")))
        latest_any = delay if latest_any is None else max(latest_any, delay)
        if not command:
            latest_message = delay if latest_message is None else max(latest_message, delay)
    yield from unique(found)
