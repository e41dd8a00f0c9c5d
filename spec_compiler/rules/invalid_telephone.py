"""A contact telephone number that is not in E.164 form.

Web1on1 stores phone numbers in E.164: a `+`, the country code and the number, digits
only, at most 15 ([DOC] Twilio E.164; WhatsApp templates page). When removing spaces,
dashes, dots and parentheses (or turning a leading `00` into `+`) gives a valid number,
the message shows it. No options.

Fails:

```yaml
organization: aaa111111111111111111222
contact: {profile: {name: John Johnson, telephone: '+31 6 4628 0994'}}
messages:
  - {text: Hey there., touchpoint: sms, role: agent}
```

Passes:

```yaml
organization: aaa111111111111111111222
contact: {profile: {name: John Johnson, telephone: '+31646280994'}}
messages:
  - {text: Hey there., touchpoint: sms, role: agent}
```
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

from spec_compiler.diagnostics import Severity
from spec_compiler.document import LintContext, SchemaError
from spec_compiler.rules._schema_util import schema_rule_findings
from spec_compiler.rules.base import Finding

TYPE_CHECKING = False  # mypy takes it for True; a lint run need not import typing
if TYPE_CHECKING:
    from typing import Any

CODE = "CONV005"
NAME = "invalid-telephone"
SEVERITY: Severity = "error"
OPTIONS: dict[str, Any] = {}

#: only reports schema faults: nothing to do in a valid document
NEEDS: frozenset[str] = frozenset()

E164 = re.compile(r"^\+[1-9][0-9]{1,14}$")
_NOISE = re.compile(r"[\s\-.()/]")


def check(ctx: LintContext, options: Mapping[str, Any]) -> Iterator[Finding]:
    """Yield one finding per telephone number that is not E.164."""
    yield from schema_rule_findings(ctx, CODE, _message)


def _message(ctx: LintContext, error: SchemaError) -> str:
    value = error.value
    if not isinstance(value, str):
        return error.message
    fixed = suggestion(value)
    if fixed is None:
        return error.message
    return f"'{value}' is not E.164: write '{fixed}'"


def suggestion(value: str) -> str | None:
    """The E.164 form of a number written with separators or ``00``, if that is all."""
    compact = _NOISE.sub("", value)
    if compact.startswith("00"):
        compact = "+" + compact[2:]
    return compact if compact != value and E164.match(compact) else None
