"""A spec `kind` that is not `conversation` or `messages`.

The `kind` says what a spec compiles to: `conversation` (POST /v2/conversations) or
`messages` (POST /v2/conversations/{id}/messages) (DESIGN §3). The message suggests the
closest kind. No options.

Fails:

```yaml
kind: conversations
organization: 5bad2f12e91d2c331be33364
contact: {profile: {telephone: '+31646280994'}}
messages:
  - {text: Hey there., touchpoint: sms}
```

Passes:

```yaml
kind: conversation
organization: 5bad2f12e91d2c331be33364
contact: {profile: {telephone: '+31646280994'}}
messages:
  - {text: Hey there., touchpoint: sms}
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

CODE = "SPEC003"
NAME = "unknown-kind"
SEVERITY: Severity = "error"
OPTIONS: dict[str, Any] = {}

#: only reports schema faults: nothing to do in a valid document
NEEDS: frozenset[str] = frozenset()


def check(ctx: LintContext, options: Mapping[str, Any]) -> Iterator[Finding]:
    """Yield a finding at ``kind`` when it is not a known kind."""
    yield from schema_rule_findings(ctx, CODE, polish_enum)
