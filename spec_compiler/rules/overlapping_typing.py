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
from spec_compiler.pacing import (
    LONG_INDICATOR_MS,
    SHORT_INDICATOR_MS,
    indicator_ms,
    is_shown,
    text_of,
    typing_overlaps,
)
from spec_compiler.rules._pace_util import timed
from spec_compiler.rules._site_util import unique
from spec_compiler.rules.base import Finding

TYPE_CHECKING = False  # mypy takes it for True; a lint run need not import typing
if TYPE_CHECKING:
    from typing import Any

CODE = "PACE003"
NAME = "overlapping-typing"
SEVERITY: Severity = "info"
OPTIONS: dict[str, Any] = {}

#: finds nothing in a document without these (see engine.features)
NEEDS = frozenset({"delay"})

#: finds nothing where ``pacing.typing_overlaps`` finds nothing in the delays as written
#: (a missing one is 0), which is what ``check`` reports from (see spec_compiler.quiet)
QUIET: dict[str, Any] = {
    "message": True,
    "conversation": {"properties": {"messages": {"x-delays": "typing-apart"}}},
    "message-list": {"x-delays": "typing-apart"},
}


def earliest_delay(text: str, previous: int) -> int:
    """The smallest delay whose typing indicator starts once ``previous`` is shown."""
    delay = previous + SHORT_INDICATOR_MS
    if indicator_ms(text, delay) == LONG_INDICATOR_MS:
        delay = previous + LONG_INDICATOR_MS
    return delay


def check(ctx: LintContext, options: Mapping[str, Any]) -> Iterator[Finding]:
    """A finding per shown message whose typing indicator overlaps the previous one."""
    items = timed(ctx)
    texts = [text_of(item.site.message) for item in items]
    found = []
    for i, j, start, before in typing_overlaps([
            (item.delay, text, item.written, is_shown(item.site.message))
            for item, text in zip(items, texts, strict=True)]):
        found.append(Finding(items[i].pointer, (
            f"typing indicator starts at {start} ms, before message {items[j].number} "
            f"appears at {before} ms; use a delay of at least "
            f"{earliest_delay(texts[i], before)}")))
    yield from unique(found)
