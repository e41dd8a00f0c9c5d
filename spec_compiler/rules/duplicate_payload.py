"""Two buttons of one message with the same payload.

A postback or quick reply sends its ``payload`` back ([DOC] seed); two buttons of one
message (or one carousel item) with the same payload cannot be told apart by the bot
that receives the click ([INF]).

Fails:

```yaml
role: agent
text: Favorite color?
actions:
  - {type: postback, text: Red, payload: red}
  - {type: postback, text: Blue, payload: red}
```

Passes:

```yaml
role: agent
text: Favorite color?
actions:
  - {type: postback, text: Red, payload: red}
  - {type: postback, text: Blue, payload: blue}
```
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from spec_compiler.diagnostics import Severity
from spec_compiler.document import LintContext, is_template
from spec_compiler.rules._site_util import action_groups, origin, quote, unique
from spec_compiler.rules.base import Finding

TYPE_CHECKING = False  # mypy takes it for True; a lint run need not import typing
if TYPE_CHECKING:
    from typing import Any

CODE = "ACT006"
NAME = "duplicate-payload"
SEVERITY: Severity = "warning"
OPTIONS: dict[str, Any] = {}

#: finds nothing in a document without these (see engine.features)
NEEDS = frozenset({"actions", "items"})

PAYLOAD_ACTIONS = ("postback", "reply")

#: no two buttons of a list hold the same payload (whatever their type, templates too:
#: stricter than the rule; ``x-distinct``, see spec_compiler.quiet)
_DISTINCT_PAYLOADS: dict[str, Any] = {"x-distinct": "payload"}

#: finds nothing where the buttons of the message, and those of each item, have distinct
#: payloads (see spec_compiler.quiet)
QUIET: dict[str, Any] = {
    "message": {"properties": {
        "actions": _DISTINCT_PAYLOADS,
        "items": {"items": {"properties": {"actions": _DISTINCT_PAYLOADS}}},
    }},
    "conversation": True,
    "message-list": True,
}


def check(ctx: LintContext, options: Mapping[str, Any]) -> Iterator[Finding]:
    """A finding at each repeated payload of one message's (or item's) buttons."""
    found = []
    for site in ctx.messages:
        for group in action_groups(site.message):
            first: dict[str, int] = {}
            for n, (path, action) in enumerate(group, start=1):
                payload = action.get("payload")
                if action.get("type") not in PAYLOAD_ACTIONS or not isinstance(payload, str):
                    continue
                if is_template(payload):
                    continue
                if payload in first:
                    found.append(Finding(
                        origin(ctx, site, *path, "payload"),
                        f"payload {quote(payload)} is also the payload of button "
                        f"{first[payload]}; give each button its own payload"))
                else:
                    first[payload] = n
    yield from unique(found)
