"""SMS sender id that Twilio refuses.

An alphanumeric sender id ([DOC] seed, facts §12) has 1 to 11 characters, only ASCII
letters, digits and spaces, and not only digits; Twilio refuses others (error 21212).
The seed's own example 'Tims Truckshop' is 14 characters. Twilio's Messaging Service
also accepts '- + _ &', but the seed's rule is the portable one.

Fails:

```yaml
role: agent
text: Your car is ready
touchpoint: sms
meta:
  SenderID: Tims Truckshop
```

Passes:

```yaml
role: agent
text: Your car is ready
touchpoint: sms
meta:
  SenderID: Tims Trucks
```
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from spec_compiler.diagnostics import Severity
from spec_compiler.document import LintContext, SchemaError
from spec_compiler.rules._site_util import quote, schema_findings
from spec_compiler.rules.base import Finding

TYPE_CHECKING = False  # mypy takes it for True; a lint run need not import typing
if TYPE_CHECKING:
    from typing import Any

CODE = "SMS001"
NAME = "sender-id-format"
SEVERITY: Severity = "error"
OPTIONS: dict[str, Any] = {}

#: only reports schema faults: nothing to do in a valid document
NEEDS: frozenset[str] = frozenset()

MAX_LENGTH = 11
SERVICE_EXTRA = "-+_&"


def _allowed(char: str) -> bool:
    return char.isascii() and (char.isalnum() or char == " ")


def explain(value: str) -> str | None:
    """The precise reason a sender id is refused (None when it is fine)."""
    shown = quote(value)
    if len(value) > MAX_LENGTH:
        return f"sender id {shown} is {len(value)} characters; at most {MAX_LENGTH} are allowed"
    if not value:
        return "sender id is empty; use 1 to 11 letters, digits or spaces"
    bad = next((c for c in value if not _allowed(c)), None)
    if bad is not None:
        extra = (" (a Twilio Messaging Service also accepts '- + _ &')"
                 if bad in SERVICE_EXTRA else "")
        return f"sender id {shown}: {quote(bad)} is not allowed; use A-Z, a-z, 0-9 and space{extra}"
    if not any(c.isalpha() for c in value):
        return f"sender id {shown} is only digits; it needs at least one letter"
    return None


def _message(error: SchemaError) -> str | None:
    return explain(error.value) if isinstance(error.value, str) else None


def check(ctx: LintContext, options: Mapping[str, Any]) -> Iterator[Finding]:
    """One finding per sender id the schema refuses, with the precise reason."""
    yield from schema_findings(ctx, CODE, _message)
