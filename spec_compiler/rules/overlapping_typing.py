"""Typing indicator that starts before the previous message is shown.

A delayed message shows a typing indicator for 2 s before it appears when its text is
over 40 characters and its delay over 2 s, else for 1 s ([DOC] seed, typing indicators).
When that starts before the previous message has appeared, the contact sees typing for a
message that is not the next one (DESIGN §3 pacing invariant). In specs, delays computed
by pacing never overlap; written ones are checked.

Fails:

```yaml
- role: agent
  text: Hello
  delay: 1000
- role: agent
  text: Your car is ready
  delay: 1500
```

Passes:

```yaml
- role: agent
  text: Hello
  delay: 1000
- role: agent
  text: Your car is ready
  delay: 2000
```
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from spec_compiler.diagnostics import Severity
from spec_compiler.document import LintContext
from spec_compiler.pacing import LONG_INDICATOR_MS, SHORT_INDICATOR_MS, indicator_ms, text_of
from spec_compiler.rules._channels import is_command
from spec_compiler.rules._pace_util import Timed, timed
from spec_compiler.rules._quiet import lazy
from spec_compiler.rules._site_util import unique
from spec_compiler.rules.base import Finding
from spec_compiler.rules.decreasing_delay import delay_at_most

TYPE_CHECKING = False  # mypy takes it for True; a lint run need not import typing
if TYPE_CHECKING:
    from typing import Any

CODE = "PACE003"
NAME = "overlapping-typing"
SEVERITY: Severity = "info"
OPTIONS: dict[str, Any] = {}

#: finds nothing in a document without these (see engine.features)
NEEDS = frozenset({"delay"})

#: a message ``shown`` says no to: a command or a backchannel message
NOT_SHOWN: dict[str, Any] = {"anyOf": [
    {"required": ["type"], "properties": {"type": {"const": "command"}}},
    {"required": ["isBackchannel"], "properties": {"isBackchannel": {"const": True}}},
]}
#: the highest delay of a shown message judged here (higher ones take the full path)
MAX_SHOWN_DELAY = 30_000
#: the spacing of the windows: a window starts every WINDOW_MS and spans WINDOW_MS plus
#: LONG_INDICATOR_MS, so two delays less than LONG_INDICATOR_MS apart share one (the
#: one the lower delay falls into the first WINDOW_MS of)
WINDOW_MS = 1_000


def _at_most_one_in(low: int) -> dict[str, Any]:
    """At most one shown message has a positive delay in the window from ``low``."""
    delay = {"exclusiveMaximum": low + WINDOW_MS + LONG_INDICATOR_MS,
             **({"minimum": low} if low > 0 else {"exclusiveMinimum": 0})}
    return {"contains": {"required": ["delay"], "properties": {"delay": delay},
                         "not": NOT_SHOWN},
            "minContains": 0, "maxContains": 1}


#: the positive delays of shown messages are at least LONG_INDICATOR_MS apart: whichever
#: of two comes later, its typing indicator starts once the other appears
TYPING_APART: dict[str, Any] = {"anyOf": [
    # no shown message has a positive delay: no two can overlap
    {"items": {"anyOf": [NOT_SHOWN, delay_at_most(0)]}},
    # costly to compile: compiled when first reached
    lazy({"allOf": [
        {"items": {"anyOf": [NOT_SHOWN, delay_at_most(MAX_SHOWN_DELAY)]}},
        *(_at_most_one_in(low) for low in range(0, MAX_SHOWN_DELAY + 1, WINDOW_MS)),
    ]}),
]}

#: finds nothing where the delays of shown messages (not commands, not backchannel) that
#: have one are at least LONG_INDICATOR_MS apart (see spec_compiler.quiet)
QUIET: dict[str, Any] = {
    "message": True,
    "conversation": {"properties": {"messages": TYPING_APART}},
    "message-list": TYPING_APART,
}


def shown(item: Timed) -> bool:
    """True for messages the contact sees appear (not commands, not backchannel)."""
    message = item.site.message
    return not is_command(message) and message.get("isBackchannel") is not True


def earliest_delay(text: str, previous: int) -> int:
    """The smallest delay whose typing indicator starts once ``previous`` is shown."""
    delay = previous + SHORT_INDICATOR_MS
    if indicator_ms(text, delay) == LONG_INDICATOR_MS:
        delay = previous + LONG_INDICATOR_MS
    return delay


def _overlap(item: Timed, previous: Timed) -> Finding | None:
    if item.delay is None or previous.delay is None or not item.written:
        return None
    if item.delay <= 0 or item.delay < previous.delay:  # no indicator, or PACE001's
        return None
    text = text_of(item.site.message)
    start = max(0, item.delay - indicator_ms(text, item.delay))
    if start >= previous.delay:
        return None
    return Finding(item.pointer, (
        f"typing indicator starts at {start} ms, before message {previous.number} appears at "
        f"{previous.delay} ms; use a delay of at least {earliest_delay(text, previous.delay)}"))


def check(ctx: LintContext, options: Mapping[str, Any]) -> Iterator[Finding]:
    """A finding per shown message whose typing indicator overlaps the previous one."""
    previous: Timed | None = None
    found = []
    for item in timed(ctx):
        if not shown(item):
            continue
        finding = _overlap(item, previous) if previous is not None else None
        if finding is not None:
            found.append(finding)
        previous = item
    yield from unique(found)
