"""WhatsApp template language that is not a language code.

Template languages are Meta's codes: a lowercase language, optionally an underscore and
an uppercase region ('nl', 'nl_NL'; [DOC] seed, facts §11); 'nl-NL' and 'NL' are not.

Fails:

```yaml
role: agent
text: Your car is ready to be picked up!
touchpoint: whatsapp
meta:
  namespace: 56cca706_4162_b9be_fc60_13623ff73b1e
  elementName: your_car_is_ready
  language: nl-NL
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
from spec_compiler.rules._site_util import quote, schema_findings
from spec_compiler.rules._wa_util import language_fix
from spec_compiler.rules.base import Finding

TYPE_CHECKING = False  # mypy takes it for True; a lint run need not import typing
if TYPE_CHECKING:
    from typing import Any

CODE = "WA004"
NAME = "template-language-format"
SEVERITY: Severity = "error"
OPTIONS: dict[str, Any] = {}

#: only reports schema faults: nothing to do in a valid document
NEEDS: frozenset[str] = frozenset()


def _message(error: SchemaError) -> str | None:
    if error.keyword != "pattern" or not isinstance(error.value, str):
        return None
    fix = language_fix(error.value)
    hint = f"did you mean '{fix}'?" if fix is not None else "use a code like 'nl' or 'nl_NL'"
    return f"language {quote(error.value)} is not a WhatsApp language code; {hint}"


def check(ctx: LintContext, options: Mapping[str, Any]) -> Iterator[Finding]:
    """One finding per malformed template language."""
    yield from schema_findings(ctx, CODE, _message)
