"""A contact e-mail address that is not an address.

The contact is reached on the `email` touchpoint at `contact.profile.email`: one `@`, a
local part of at most 64 characters and a domain with a dot ([DOC] RFC 5321 limits).
When the value holds an address with something around it (`mailto:`, a display name,
spaces), the message shows the address. No options.

Fails:

```yaml
organization: 5c7574c78ae07962b12e264c
contact: {profile: {name: John Johnson, email: 'John Johnson <john.johnson@example.com>'}}
messages:
  - {text: Click the link to continue, touchpoint: email, role: agent}
```

Passes:

```yaml
organization: 5c7574c78ae07962b12e264c
contact: {profile: {name: John Johnson, email: john.johnson@example.com}}
messages:
  - {text: Click the link to continue, touchpoint: email, role: agent}
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

CODE = "CONV006"
NAME = "invalid-email"
SEVERITY: Severity = "error"
OPTIONS: dict[str, Any] = {}

#: only reports schema faults: nothing to do in a valid document
NEEDS: frozenset[str] = frozenset()

EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]+\.[^@\s]+$")
_ANGLED = re.compile(r"<([^<>]+)>")


def check(ctx: LintContext, options: Mapping[str, Any]) -> Iterator[Finding]:
    """Yield one finding per e-mail address that is not one."""
    yield from schema_rule_findings(ctx, CODE, _message)


def _message(ctx: LintContext, error: SchemaError) -> str:
    value = error.value
    fixed = suggestion(value) if isinstance(value, str) else None
    if fixed is None:
        return error.message
    return f"'{value}' is not an e-mail address: write '{fixed}'"


def suggestion(value: str) -> str | None:
    """The address inside ``value`` (``mailto:``, ``Name <addr>``, spaces), if any."""
    angled = _ANGLED.search(value)
    candidate = angled.group(1) if angled else value
    candidate = candidate.strip()
    if candidate.lower().startswith("mailto:"):
        candidate = candidate[len("mailto:"):]
    return candidate if candidate != value and EMAIL.match(candidate) else None
