"""A contact profile with neither an e-mail address nor a telephone number.

A business-initiated conversation creates a contact record from `contact.profile`, which
needs at least one identifier: `email` and/or `telephone` ([DOC] business-initiated
conversations). A `contact` without any `profile` is reported here too. No options.

Fails:

```yaml
organization: 5bad2f12e91d2c331be33364
contact:
  profile: {name: John Johnson}
messages:
  - {text: Hey there., touchpoint: sms, role: agent}
```

Passes:

```yaml
organization: 5bad2f12e91d2c331be33364
contact:
  profile: {name: John Johnson, telephone: '+31646280994'}
messages:
  - {text: Hey there., touchpoint: sms, role: agent}
```
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from spec_compiler.diagnostics import Severity
from spec_compiler.document import LintContext, SchemaError
from spec_compiler.rules._schema_util import is_profile_missing, schema_rule_findings
from spec_compiler.rules.base import Finding

TYPE_CHECKING = False  # mypy takes it for True; a lint run need not import typing
if TYPE_CHECKING:
    from typing import Any

CODE = "CONV001"
NAME = "contact-without-identifier"
SEVERITY: Severity = "error"
OPTIONS: dict[str, Any] = {}

#: only reports schema faults: nothing to do in a valid document
NEEDS: frozenset[str] = frozenset()

NO_PROFILE = "contact has no 'profile'; add one with an 'email' or a 'telephone'"


def check(ctx: LintContext, options: Mapping[str, Any]) -> Iterator[Finding]:
    """Yield one finding per contact that cannot be identified."""
    yield from schema_rule_findings(ctx, CODE, _message)


def _message(ctx: LintContext, error: SchemaError) -> str:
    return NO_PROFILE if is_profile_missing(error) else error.message
