"""A list with too few or too many entries.

A carousel holds 1-10 items and an item 1-3 actions ([DOC] Sunshine Conversations
carousel); a conversation needs at least one message. No options.

Fails:

```yaml
text: Favorite food?
role: agent
type: card
items: []
```

Passes:

```yaml
text: Favorite food?
role: agent
type: card
items:
  - title: Tacos
    actions:
      - {type: link, text: Taco, uri: 'https://example.org/taco'}
```
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from spec_compiler.diagnostics import Severity
from spec_compiler.document import LintContext
from spec_compiler.rules._schema_util import schema_rule_findings
from spec_compiler.rules.base import Finding

TYPE_CHECKING = False  # mypy takes it for True; a lint run need not import typing
if TYPE_CHECKING:
    from typing import Any

CODE = "SCHEMA007"
NAME = "invalid-item-count"
SEVERITY: Severity = "error"
OPTIONS: dict[str, Any] = {}

#: only reports schema faults: nothing to do in a valid document
NEEDS: frozenset[str] = frozenset()


def check(ctx: LintContext, options: Mapping[str, Any]) -> Iterator[Finding]:
    """Yield one finding per list of the wrong size."""
    yield from schema_rule_findings(ctx, CODE)
