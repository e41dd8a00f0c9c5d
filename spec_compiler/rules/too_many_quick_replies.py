"""More quick replies than Messenger shows.

Facebook Messenger shows at most 13 quick replies per message ([DOC] facts §10).

Fails:

```yaml
role: agent
text: Pick a time
actions:
  - {type: reply, text: "08:00", payload: T08}
  - {type: reply, text: "09:00", payload: T09}
  - {type: reply, text: "10:00", payload: T10}
  - {type: reply, text: "11:00", payload: T11}
  - {type: reply, text: "12:00", payload: T12}
  - {type: reply, text: "13:00", payload: T13}
  - {type: reply, text: "14:00", payload: T14}
  - {type: reply, text: "15:00", payload: T15}
  - {type: reply, text: "16:00", payload: T16}
  - {type: reply, text: "17:00", payload: T17}
  - {type: reply, text: "18:00", payload: T18}
  - {type: reply, text: "19:00", payload: T19}
  - {type: reply, text: "20:00", payload: T20}
  - {type: reply, text: "21:00", payload: T21}
```

Passes:

```yaml
role: agent
text: Pick a part of the day
actions:
  - {type: reply, text: Morning, payload: AM}
  - {type: reply, text: Afternoon, payload: PM}
  - {type: reply, text: Evening, payload: EVE}
```
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from spec_compiler.diagnostics import Severity
from spec_compiler.document import LintContext
from spec_compiler.rules._site_util import origin, unique
from spec_compiler.rules.base import Finding

TYPE_CHECKING = False  # mypy takes it for True; a lint run need not import typing
if TYPE_CHECKING:
    from typing import Any

CODE = "ACT008"
NAME = "too-many-quick-replies"
SEVERITY: Severity = "warning"
OPTIONS: dict[str, Any] = {}

#: finds nothing in a document without these (see engine.features)
NEEDS = frozenset({"actions"})

MAX_REPLIES = 13

_REPLY: dict[str, Any] = {"required": ["type"], "properties": {"type": {"const": "reply"}}}

#: finds nothing where no message has more than 13 quick replies among its own actions
#: (see spec_compiler.quiet)
QUIET: dict[str, Any] = {
    "message": {"properties": {
        "actions": {"not": {"contains": _REPLY, "minContains": MAX_REPLIES + 1}}}},
    "conversation": True,
    "message-list": True,
}


def check(ctx: LintContext, options: Mapping[str, Any]) -> Iterator[Finding]:
    """A finding (at the first one too many) per message with over 13 quick replies."""
    found = []
    for site in ctx.messages:
        actions = site.message.get("actions")
        if not isinstance(actions, list):
            continue
        replies = [i for i, a in enumerate(actions)
                   if isinstance(a, Mapping) and a.get("type") == "reply"]
        if len(replies) > MAX_REPLIES:
            found.append(Finding(origin(ctx, site, "actions", replies[MAX_REPLIES]),
                                 f"{len(replies)} quick replies; Facebook Messenger shows "
                                 f"at most {MAX_REPLIES}"))
    yield from unique(found)
