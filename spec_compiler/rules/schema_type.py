"""A value of the wrong JSON type.

Every field has one type in the schemas (DESIGN §6). YAML 1.2 reads an unquoted `0930`
as the integer 930 and `true` as a boolean; where a string is expected the message says
what the text was and to quote it. No options.

Fails:

```yaml
text: Favorite color?
role: agent
actions:
  - type: postback
    text: Morning
    payload: 0930
```

Passes:

```yaml
text: Favorite color?
role: agent
actions:
  - type: postback
    text: Morning
    payload: '0930'
```
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from spec_compiler.diagnostics import Severity
from spec_compiler.document import LintContext
from spec_compiler.rules._schema_util import polish_type, schema_rule_findings
from spec_compiler.rules.base import Finding

TYPE_CHECKING = False  # mypy takes it for True; a lint run need not import typing
if TYPE_CHECKING:
    from typing import Any

CODE = "SCHEMA001"
NAME = "invalid-type"
SEVERITY: Severity = "error"
OPTIONS: dict[str, Any] = {}

#: only reports schema faults: nothing to do in a valid document
NEEDS: frozenset[str] = frozenset()


def check(ctx: LintContext, options: Mapping[str, Any]) -> Iterator[Finding]:
    """Yield one finding per type fault the schema found."""
    yield from schema_rule_findings(ctx, CODE, polish_type)
