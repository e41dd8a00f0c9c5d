"""A value that is not one of the allowed values.

Message types, roles, action types and other fields take a closed set of values
([DOC] message types, action types), and some values are excluded at some places (a
`reply` action inside a carousel item, [DOC] Sunshine carousel). The message suggests
the closest allowed value. No options.

Fails:

```yaml
text: Hello
role: agent
type: crad
```

Passes:

```yaml
text: Hello
role: agent
type: card
```
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from spec_compiler.diagnostics import Severity
from spec_compiler.document import LintContext
from spec_compiler.rules._schema_util import polish_enum, schema_rule_findings
from spec_compiler.rules.base import Finding

TYPE_CHECKING = False  # mypy takes it for True; a lint run need not import typing
if TYPE_CHECKING:
    from typing import Any

CODE = "SCHEMA003"
NAME = "invalid-value"
SEVERITY: Severity = "error"
OPTIONS: dict[str, Any] = {}

#: only reports schema faults: nothing to do in a valid document
NEEDS: frozenset[str] = frozenset()


def check(ctx: LintContext, options: Mapping[str, Any]) -> Iterator[Finding]:
    """Yield one finding per value outside its enum."""
    yield from schema_rule_findings(ctx, CODE, polish_enum)
