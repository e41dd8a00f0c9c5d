"""SMS sender id with leading, trailing or double spaces.

Spaces are allowed in an alphanumeric sender id ([DOC] facts §12) but stray ones are
shown to the contact as they are and waste the 11 characters; [INF] facts §12 advises
a warning.

Fails:

```yaml
role: agent
text: Your car is ready
touchpoint: sms
meta:
  SenderID: "Tims  Cars "
```

Passes:

```yaml
role: agent
text: Your car is ready
touchpoint: sms
meta:
  SenderID: Tims Cars
```
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from spec_compiler.diagnostics import Severity
from spec_compiler.document import LintContext, is_template
from spec_compiler.rules._site_util import faulty, origin, quote, sender_id, unique
from spec_compiler.rules.base import Finding

TYPE_CHECKING = False  # mypy takes it for True; a lint run need not import typing
if TYPE_CHECKING:
    from typing import Any

CODE = "SMS002"
NAME = "sender-id-whitespace"
SEVERITY: Severity = "warning"
OPTIONS: dict[str, Any] = {}

#: finds nothing in a document without these (see engine.features)
NEEDS = frozenset({"SenderID"})

#: a sender id of words (ASCII letters and digits) joined by single spaces
_TIDY_SENDER_ID = "^[A-Za-z0-9]+( [A-Za-z0-9]+)*$"

#: finds nothing where every message's meta.SenderID, if any, is words joined by single
#: spaces: no leading, trailing or double space (see spec_compiler.quiet)
QUIET: dict[str, Any] = {
    "message": {"properties": {"meta": {"properties": {
        "SenderID": {"type": "string", "pattern": _TIDY_SENDER_ID}}}}},
    "conversation": True,
    "message-list": True,
}


def problem(value: str) -> str | None:
    """What is wrong with the spaces of a sender id (None when nothing)."""
    if value != value.strip():
        where = "leading" if value[:1].isspace() else "trailing"
        if value[:1].isspace() and value[-1:].isspace():
            where = "leading and trailing"
        return f"{where} space"
    if "  " in value:
        return "double space"
    return None


def check(ctx: LintContext, options: Mapping[str, Any]) -> Iterator[Finding]:
    """One finding per sender id with stray spaces (unless SMS001 already refuses it)."""
    bad = faulty(ctx)
    found = []
    for site in ctx.messages:
        value = sender_id(site.message)
        if not isinstance(value, str) or is_template(value):
            continue
        pointer = origin(ctx, site, "meta", "SenderID")
        what = problem(value)
        if what is None or pointer in bad:
            continue
        fixed = " ".join(value.split())
        found.append(Finding(pointer, f"sender id {quote(value)} has a {what}; "
                                      f"use {quote(fixed)}"))
    yield from unique(found)
