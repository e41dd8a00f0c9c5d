"""A field that needs a companion field which is missing.

Some fields only make sense together (`dependentRequired` in the schemas): a carousel
item's `mediaType` and `altText` describe its `mediaUrl` [DOC Sunshine carousel items],
so they need it. WhatsApp template meta has its own code (WA001). No options.

Fails:

```yaml
type: card
role: agent
text: Pick your taco
items:
  - title: Taco
    mediaType: image/png
    actions:
      - {type: postback, text: Taco, payload: TACO}
```

Passes:

```yaml
type: card
role: agent
text: Pick your taco
items:
  - title: Taco
    mediaUrl: https://example.org/taco.png
    mediaType: image/png
    actions:
      - {type: postback, text: Taco, payload: TACO}
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

CODE = "SCHEMA008"
NAME = "missing-companion-field"
SEVERITY: Severity = "error"
OPTIONS: dict[str, Any] = {}

#: only reports schema faults: nothing to do in a valid document
NEEDS: frozenset[str] = frozenset()


def check(ctx: LintContext, options: Mapping[str, Any]) -> Iterator[Finding]:
    """Yield one finding per missing companion field."""
    yield from schema_rule_findings(ctx, CODE)
