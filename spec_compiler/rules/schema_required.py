"""A required field is missing.

The schemas name the fields the API requires ([DOC] `text` is required for every message
type; a carousel item needs `title` and `actions`). A `contact` without `profile` is
CONV001. No options.

Fails:

```yaml
role: agent
type: chat
```

Passes:

```yaml
role: agent
type: chat
text: Here is some information
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

CODE = "SCHEMA002"
NAME = "missing-field"
SEVERITY: Severity = "error"
OPTIONS: dict[str, Any] = {}

#: only reports schema faults: nothing to do in a valid document
NEEDS: frozenset[str] = frozenset()


def check(ctx: LintContext, options: Mapping[str, Any]) -> Iterator[Finding]:
    """Yield one finding per missing required field."""
    yield from schema_rule_findings(ctx, CODE)
