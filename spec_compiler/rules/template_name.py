"""WhatsApp template name (elementName) that is not a template name.

Template names hold only lowercase letters, digits and underscores, at most 512
characters ([DOC] facts §11); Meta registers 'your_car_is_ready', not 'Your car is ready'.

Fails:

```yaml
role: agent
text: Your car is ready to be picked up!
touchpoint: whatsapp
meta:
  namespace: 56cca706_4162_b9be_fc60_13623ff73b1e
  elementName: Your car is ready
```

Passes:

```yaml
role: agent
text: Your car is ready to be picked up!
touchpoint: whatsapp
meta:
  namespace: 56cca706_4162_b9be_fc60_13623ff73b1e
  elementName: your_car_is_ready
```
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from spec_compiler.diagnostics import Severity
from spec_compiler.document import LintContext, SchemaError
from spec_compiler.rules._site_util import quote, schema_findings
from spec_compiler.rules._wa_util import name_fix
from spec_compiler.rules.base import Finding

TYPE_CHECKING = False  # mypy takes it for True; a lint run need not import typing
if TYPE_CHECKING:
    from typing import Any

CODE = "WA003"
NAME = "template-name-format"
SEVERITY: Severity = "error"
OPTIONS: dict[str, Any] = {}

#: only reports schema faults: nothing to do in a valid document
NEEDS: frozenset[str] = frozenset()


def _message(error: SchemaError) -> str | None:
    if error.keyword != "pattern" or not isinstance(error.value, str):
        return None
    value = error.value
    if any(c.isupper() for c in value) and not any(c.isspace() for c in value):
        what = "has uppercase letters"
    elif any(c.isspace() for c in value):
        what = "has spaces"
    else:
        what = "may hold only lowercase letters, digits and underscores"
    fix = name_fix(value)
    hint = f"; did you mean '{fix}'?" if fix is not None else ""
    return f"elementName {quote(value, 60)} {what}{hint}"


def check(ctx: LintContext, options: Mapping[str, Any]) -> Iterator[Finding]:
    """One finding per malformed template name."""
    yield from schema_findings(ctx, CODE, _message)
