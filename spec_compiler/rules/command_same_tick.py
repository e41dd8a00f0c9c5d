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
from spec_compiler.rules._channels import is_command
from spec_compiler.rules._pace_util import describe, timed
from spec_compiler.rules._quiet import lazy
from spec_compiler.rules._site_util import quote, unique
from spec_compiler.rules.base import Finding
from spec_compiler.rules.decreasing_delay import THRESHOLDS, delay_at_most

TYPE_CHECKING = False  # mypy takes it for True; a lint run need not import typing
if TYPE_CHECKING:
    from typing import Any

CODE = "PACE002"
NAME = "command-without-delay"
SEVERITY: Severity = "warning"
OPTIONS: dict[str, Any] = {}

#: finds nothing in a document without these (see engine.features)
NEEDS = frozenset({"command"})

#: a message ``is_command`` says yes to
IS_COMMAND: dict[str, Any] = {"required": ["type"], "properties": {"type": {"const": "command"}}}


def _commands_after(t: int) -> dict[str, Any]:
    """Every command but a first message has a delay above ``t``, every other message
    a delay of at most ``t`` (a missing delay is 0)."""
    return {
        "prefixItems": [{"anyOf": [IS_COMMAND, delay_at_most(t)]}],
        "items": {"if": IS_COMMAND, "then": {"required": ["delay"], "properties": {
            "delay": {"exclusiveMinimum": t}}}, "else": delay_at_most(t)},
    }


#: no command after the first message, or a witness ``t``: each command after the first
#: message has a delay above it, every other message a delay of at most it
COMMANDS_LATER: dict[str, Any] = {"anyOf": [
    {"prefixItems": [{}], "items": {"not": IS_COMMAND}},
    # costly to compile: compiled when first reached
    lazy({"anyOf": [_commands_after(t) for t in THRESHOLDS]}),
]}

#: finds nothing where each command after the first message has a delay above that of
#: every other message (see spec_compiler.quiet)
QUIET: dict[str, Any] = {
    "message": True,
    "conversation": {"properties": {"messages": COMMANDS_LATER}},
    "message-list": COMMANDS_LATER,
}


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
