"""A number outside its allowed range.

A `delay` cannot be negative, `meta.categoryIndex` is 0-9 ([DOC] forms). No options.

Fails:

```yaml
text: I was typing before you saw this.
role: agent
delay: -1000
```

Passes:

```yaml
text: I was typing before you saw this.
role: agent
delay: 1000
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

CODE = "SCHEMA006"
NAME = "out-of-range"
SEVERITY: Severity = "error"
OPTIONS: dict[str, Any] = {}

#: only reports schema faults: nothing to do in a valid document
NEEDS: frozenset[str] = frozenset()


def check(ctx: LintContext, options: Mapping[str, Any]) -> Iterator[Finding]:
    """Yield one finding per number out of range."""
    yield from schema_rule_findings(ctx, CODE)
