"""A string that is too short or too long.

Text is limited to 4096 characters ([DOC] Sunshine Conversations text limit), carousel
item fields to 128, media URLs to 2048. No options.

Fails:

```yaml
text: Favorite food?
role: agent
type: card
items:
  - title: Tacos
    altText: >-
      A plate of three tacos al pastor with pineapple, onion and coriander,
      next to a glass of horchata and a bowl of salsa verde on a wooden table
    actions:
      - {type: link, text: Taco, uri: 'https://example.org/taco'}
```

Passes:

```yaml
text: Favorite food?
role: agent
type: card
items:
  - title: Tacos
    altText: A plate of tacos
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

CODE = "SCHEMA005"
NAME = "invalid-length"
SEVERITY: Severity = "error"
OPTIONS: dict[str, Any] = {}

#: only reports schema faults: nothing to do in a valid document
NEEDS: frozenset[str] = frozenset()


def check(ctx: LintContext, options: Mapping[str, Any]) -> Iterator[Finding]:
    """Yield one finding per length fault."""
    yield from schema_rule_findings(ctx, CODE)
