"""Message delay lower than an earlier message's.

Delays of the messages of one request count from the moment the request is sent, not
from the previous message ([INF] facts §2.3: the SDK's examples use increasing values);
a message with a lower delay than an earlier one arrives before it. A missing delay is 0.
In specs, messages without a delay get one from pacing at compile time and are checked
then.

Fails:

```yaml
- role: agent
  text: First
  delay: 3000
- role: agent
  text: Second
  delay: 1000
```

Passes:

```yaml
- role: agent
  text: First
  delay: 1000
- role: agent
  text: Second
  delay: 3000
```
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from spec_compiler.diagnostics import Severity
from spec_compiler.document import LintContext
from spec_compiler.pacing import lower_delays
from spec_compiler.rules._pace_util import describe, timed
from spec_compiler.rules._site_util import unique
from spec_compiler.rules.base import Finding

TYPE_CHECKING = False  # mypy takes it for True; a lint run need not import typing
if TYPE_CHECKING:
    from typing import Any

CODE = "PACE001"
NAME = "decreasing-delay"
SEVERITY: Severity = "warning"
OPTIONS: dict[str, Any] = {}

#: finds nothing in a document without these (see engine.features)
NEEDS = frozenset({"delay"})

#: finds nothing where ``pacing.lower_delays`` finds nothing in the delays as written (a
#: missing one is 0), which is what ``check`` reports from (see spec_compiler.quiet)
QUIET: dict[str, Any] = {
    "message": True,
    "conversation": {"properties": {"messages": {"x-delays": "never-decrease"}}},
    "message-list": {"x-delays": "never-decrease"},
}


def check(ctx: LintContext, options: Mapping[str, Any]) -> Iterator[Finding]:
    """A finding per message whose delay is lower than an earlier message's."""
    items = timed(ctx)
    found = []
    for i, j in lower_delays([item.delay for item in items]):
        item, latest = items[i], items[j]
        found.append(Finding(item.pointer, (
            f"{describe(item)} is lower than the delay {latest.delay} of message "
            f"{latest.number} before it; delays count from the request, so this message "
            "arrives first")))
    yield from unique(found)
