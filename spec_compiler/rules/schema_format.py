"""A string that does not have the required format.

Patterns in the schemas catch values the API or the channel would refuse (a MIME
`contentType`, a lowercase ISO 4217 `currency`). Formats with a domain rule of their own
(sender ids, WhatsApp template meta, telephone, e-mail) are reported under that rule's
code. No options.

Fails:

```yaml
text: https://example.org/google.pdf
role: agent
contentType: pdf
```

Passes:

```yaml
text: https://example.org/google.pdf
role: agent
contentType: application/pdf
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

CODE = "SCHEMA004"
NAME = "invalid-format"
SEVERITY: Severity = "error"
OPTIONS: dict[str, Any] = {}

#: only reports schema faults: nothing to do in a valid document
NEEDS: frozenset[str] = frozenset()


def check(ctx: LintContext, options: Mapping[str, Any]) -> Iterator[Finding]:
    """Yield one finding per pattern or format fault."""
    yield from schema_rule_findings(ctx, CODE)
