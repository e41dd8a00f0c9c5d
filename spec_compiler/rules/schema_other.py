"""Any other schema fault.

Every fault the schema finds that no more specific code covers (for example an unknown
key in `pacing`, which is a closed object). No options.

Fails:

```yaml
kind: messages
pacing: {ms_per_chr: 40}
messages:
  - text: Hello
```

Passes:

```yaml
kind: messages
pacing: {ms_per_char: 40}
messages:
  - text: Hello
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

CODE = "SCHEMA009"
NAME = "schema-violation"
SEVERITY: Severity = "error"
OPTIONS: dict[str, Any] = {}

#: only reports schema faults: nothing to do in a valid document
NEEDS: frozenset[str] = frozenset()


def check(ctx: LintContext, options: Mapping[str, Any]) -> Iterator[Finding]:
    """Yield one finding per schema fault without a more specific code."""
    yield from schema_rule_findings(ctx, CODE)
