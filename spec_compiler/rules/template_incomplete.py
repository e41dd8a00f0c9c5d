"""WhatsApp template meta with a part missing.

A template message needs both ``meta.namespace`` and ``meta.elementName``;
``meta.language`` is optional but means nothing without them ([DOC] seed, WhatsApp
Message Templates). With a part missing the message goes out as free-form text, which
WhatsApp refuses outside the 24-hour window.

Fails:

```yaml
role: agent
text: Your car is ready to be picked up!
touchpoint: whatsapp
meta:
  namespace: 56cca706_4162_b9be_fc60_13623ff73b1e
  language: nl
```

Passes:

```yaml
role: agent
text: Your car is ready to be picked up!
touchpoint: whatsapp
meta:
  namespace: 56cca706_4162_b9be_fc60_13623ff73b1e
  elementName: your_car_is_ready
  language: nl
```
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from spec_compiler.diagnostics import Severity
from spec_compiler.document import LintContext, SchemaError
from spec_compiler.rules._site_util import schema_findings
from spec_compiler.rules.base import Finding

TYPE_CHECKING = False  # mypy takes it for True; a lint run need not import typing
if TYPE_CHECKING:
    from typing import Any

CODE = "WA001"
NAME = "template-incomplete"
SEVERITY: Severity = "error"
OPTIONS: dict[str, Any] = {}

#: only reports schema faults: nothing to do in a valid document
NEEDS: frozenset[str] = frozenset()

PARTS = ("namespace", "elementName")


def explain(meta: Mapping[str, Any]) -> str | None:
    """What the template meta lacks (None when it is complete or absent)."""
    present = [k for k in PARTS if k in meta]
    missing = [k for k in PARTS if k not in meta]
    if not missing:
        return None
    if present:
        return (f"template meta has '{present[0]}' but no '{missing[0]}'; "
                "a WhatsApp template needs both")
    if "language" in meta:
        return ("'language' alone is not a template; add 'namespace' and 'elementName' "
                "or remove it")
    return None


def _message(error: SchemaError) -> str | None:
    return explain(error.value) if isinstance(error.value, Mapping) else None


def check(ctx: LintContext, options: Mapping[str, Any]) -> Iterator[Finding]:
    """One finding per incomplete template meta (the schema's dependentRequired)."""
    yield from schema_findings(ctx, CODE, _message)
