"""A new conversation whose first outbound message has no touchpoint.

A conversation created through the API has no selected touchpoint yet, so the first
message must name one (`sms`, `email`, `whatsapp`) unless the body sets `touchpoint`
([LEGACY] outbound messaging: "The first message needs to provide a touchpoint").
Commands and internal messages before it (an `/accept`, [SDK]) do not count. No options.

Fails:

```yaml
organization: aaa111111111111111111222
contact: {profile: {name: John Johnson, telephone: '+31646280994'}}
messages:
  - {text: Hey there., role: agent}
```

Passes:

```yaml
organization: aaa111111111111111111222
contact: {profile: {name: John Johnson, telephone: '+31646280994'}}
messages:
  - {text: Hey there., touchpoint: sms, role: agent}
```
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from spec_compiler.diagnostics import Severity
from spec_compiler.document import LintContext
from spec_compiler.rules._channels import reaches_consumer
from spec_compiler.rules.base import Finding

TYPE_CHECKING = False  # mypy takes it for True; a lint run need not import typing
if TYPE_CHECKING:
    from typing import Any

CODE = "CONV003"
NAME = "first-message-without-touchpoint"
SEVERITY: Severity = "error"
OPTIONS: dict[str, Any] = {}

#: finds nothing in a document without these (see engine.features)
NEEDS = frozenset({"conversation"})

#: a message ``reaches_consumer`` says yes to: role agent, not backchannel, chat or card
REACHES: dict[str, Any] = {
    "required": ["role"],
    "properties": {"role": {"const": "agent"}, "isBackchannel": {"not": {"const": True}},
                   "type": {"enum": ["chat", "card"]}},
}
#: how many messages may come before the first that reaches the contact
BEFORE_FIRST = 4

#: finds nothing where the body sets a touchpoint, or the first message that reaches the
#: contact (after at most BEFORE_FIRST others) names one, or none reaches the contact
#: (see spec_compiler.quiet)
QUIET: dict[str, Any] = {
    "message": True,
    "conversation": {"anyOf": [
        {"required": ["touchpoint"]},
        {"properties": {"messages": {"items": {"not": REACHES}}}},
        *({"properties": {"messages": {"prefixItems": [
            *[{"not": REACHES}] * before,
            {"allOf": [REACHES, {"required": ["touchpoint"]}]},
        ]}}} for before in range(BEFORE_FIRST + 1)),
    ]},
    "message-list": True,
}

MESSAGE = ("the first message of a new conversation has no 'touchpoint'; add touchpoint: "
           "sms, email or whatsapp (or set it on the conversation)")


def check(ctx: LintContext, options: Mapping[str, Any]) -> Iterator[Finding]:
    """Yield a finding at the first outbound message when nothing selects a touchpoint."""
    body = ctx.conversation
    if ctx.request != "conversation" or body is None or "touchpoint" in body:
        return
    first = next((s for s in ctx.messages if reaches_consumer(s.message)), None)
    if first is not None and "touchpoint" not in first.message:
        yield Finding(first.pointer, MESSAGE)
