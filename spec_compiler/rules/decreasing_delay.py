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
from typing import Any

from spec_compiler.diagnostics import Severity
from spec_compiler.document import LintContext
from spec_compiler.rules._pace_util import Timed, describe, timed
from spec_compiler.rules._site_util import unique
from spec_compiler.rules.base import Finding

CODE = "PACE001"
NAME = "decreasing-delay"
SEVERITY: Severity = "warning"
OPTIONS: dict[str, Any] = {}

#: finds nothing in a document without these (see engine.features)
NEEDS = frozenset({"delay"})


def check(ctx: LintContext, options: Mapping[str, Any]) -> Iterator[Finding]:
    """A finding per message whose delay is lower than an earlier message's."""
    latest: Timed | None = None  # the earlier message with the highest delay
    top = 0
    found = []
    for item in timed(ctx):
        if item.delay is None:
            continue
        if latest is not None and item.delay < top:
            found.append(Finding(item.pointer, (
                f"{describe(item)} is lower than the delay {top} of message "
                f"{latest.number} before it; delays count from the request, so this message "
                "arrives first")))
        elif latest is None or item.delay > top:
            latest, top = item, item.delay
    yield from unique(found)
