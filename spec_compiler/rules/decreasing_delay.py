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

from collections.abc import Callable, Iterator, Mapping

from spec_compiler.diagnostics import Severity
from spec_compiler.document import LintContext
from spec_compiler.rules._pace_util import Timed, describe, timed
from spec_compiler.rules._quiet import lazy
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


# ---------------------------------------------------------------- quiet condition
# JSON Schema cannot compare two delays, but it can say "delay <= t" of one message and
# "delay >= t" of the next: a witness t from THRESHOLDS proves the pair does not
# decrease. PACE002 uses the same witnesses.

#: messages a request may have to be judged by position (longer ones need no delays)
MAX_TIMED = 5
#: witnesses: every second up to 20 s (a pair of delays with no witness between them
#: takes the full path; paced messages are a second or more apart)
THRESHOLDS = tuple(range(0, 20_001, 1_000))


def delay_at_most(t: int) -> dict[str, Any]:
    """The message's delay is at most ``t`` (a missing delay is 0)."""
    return {"properties": {"delay": {"maximum": t}}}


def delay_at_least(t: int) -> dict[str, Any]:
    """The message's delay is at least ``t`` (a missing delay is 0)."""
    return {"required": ["delay"], "properties": {"delay": {"minimum": t}}} if t > 0 else {}


def pairs(then: Callable[[int], dict[str, Any]]) -> dict[str, Any]:
    """A message list of at most MAX_TIMED whose every message after the first holds
    ``then(t)`` for a witness ``t`` that the message before it has a delay of at most."""
    def pair(i: int) -> dict[str, Any]:
        return {"anyOf": [{"maxItems": i + 1}, *(
            {"prefixItems": [*[{}] * i, delay_at_most(t), then(t)]} for t in THRESHOLDS)]}
    return {"maxItems": MAX_TIMED, "allOf": [pair(i) for i in range(MAX_TIMED - 1)]}


#: no message has a positive delay: every delay is 0
NO_DELAYS: dict[str, Any] = {"items": delay_at_most(0)}
#: delays never decrease (for lists of at most MAX_TIMED; costly to compile, so compiled
#: when first reached), or there are none
NON_DECREASING: dict[str, Any] = {"anyOf": [NO_DELAYS, lazy(pairs(delay_at_least))]}

#: finds nothing where delays (a missing one is 0) never decrease from one message to the
#: next (see spec_compiler.quiet)
QUIET: dict[str, Any] = {
    "message": True,
    "conversation": {"properties": {"messages": NON_DECREASING}},
    "message-list": NON_DECREASING,
}


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
