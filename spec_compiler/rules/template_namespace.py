"""WhatsApp template namespace that is not a namespace.

A template namespace is a UUID written with underscores, in lower case
('56cca706_4162_b9be_fc60_13623ff73b1e'; [DOC] seed, facts §11).

Fails:

```yaml
role: agent
text: Your car is ready to be picked up!
touchpoint: whatsapp
meta:
  namespace: 56cca706-4162-b9be-fc60-13623ff73b1e
  elementName: your_car_is_ready
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
from spec_compiler.rules._wa_util import namespace_fix
from spec_compiler.rules.base import Finding

TYPE_CHECKING = False  # mypy takes it for True; a lint run need not import typing
if TYPE_CHECKING:
    from typing import Any

CODE = "WA002"
NAME = "template-namespace-format"
SEVERITY: Severity = "error"
OPTIONS: dict[str, Any] = {}

#: only reports schema faults: nothing to do in a valid document
NEEDS: frozenset[str] = frozenset()


def _message(error: SchemaError) -> str | None:
    if error.keyword != "pattern" or not isinstance(error.value, str):
        return None
    fix = namespace_fix(error.value)
    hint = (f"; did you mean '{fix}'?" if fix is not None
            else " like '56cca706_4162_b9be_fc60_13623ff73b1e'")
    return (f"namespace {quote(error.value, 60)} is not a WhatsApp template namespace "
            f"(8_4_4_4_12 lowercase hex digits){hint}")


def check(ctx: LintContext, options: Mapping[str, Any]) -> Iterator[Finding]:
    """One finding per malformed namespace."""
    yield from schema_findings(ctx, CODE, _message)
