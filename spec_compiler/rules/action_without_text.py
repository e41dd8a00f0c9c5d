"""Button without text.

Sunshine Conversations requires a ``text`` on every action and does not recommend an
empty one ([DOC] facts §10); one SDK example builds quick replies from a payload alone
([SDK] facts §3). Where the schema already requires ``text`` it reports the omission.

Fails:

```yaml
role: agent
text: Which do you prefer?
actions:
  - {type: reply, payload: TACOS}
```

Passes:

```yaml
role: agent
text: Which do you prefer?
actions:
  - {type: reply, text: Tacos, payload: TACOS}
```
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from spec_compiler.diagnostics import Severity
from spec_compiler.document import LintContext, SchemaError
from spec_compiler.rules._site_util import actions_of, origin, unique
from spec_compiler.rules.base import Finding

TYPE_CHECKING = False  # mypy takes it for True; a lint run need not import typing
if TYPE_CHECKING:
    from typing import Any

CODE = "ACT009"
NAME = "action-without-text"
SEVERITY: Severity = "warning"
OPTIONS: dict[str, Any] = {}

#: finds nothing in a document without these (see engine.features)
NEEDS = frozenset({"actions", "items"})

ACTION_TYPES = frozenset({"link", "postback", "reply", "webview", "buy", "locationRequest"})

#: an action with a text that is not blank
_HAS_TEXT: dict[str, Any] = {"required": ["text"],
                             "properties": {"text": {"$ref": "#/$defs/nonBlank"}}}

#: finds nothing where every action (of the message and its items) has a text that is not
#: blank (see spec_compiler.quiet)
QUIET: dict[str, Any] = {
    "message": {"properties": {
        "actions": {"items": _HAS_TEXT},
        "items": {"items": {"properties": {"actions": {"items": _HAS_TEXT}}}},
    }},
    "conversation": True,
    "message-list": True,
}


def _reported(ctx: LintContext) -> frozenset[str]:
    """Actions (as written) where the schema already reports a missing ``text``."""
    def about_text(error: SchemaError) -> bool:
        return error.keyword == "required" and "'text'" in error.message
    return frozenset(e.pointer for e in ctx.schema_errors if about_text(e))


def check(ctx: LintContext, options: Mapping[str, Any]) -> Iterator[Finding]:
    """A finding per action without a text (or with an empty one)."""
    reported = _reported(ctx)
    found = []
    for site in ctx.messages:
        for path, action in actions_of(site.message):
            kind, text = action.get("type"), action.get("text")
            if not isinstance(kind, str) or kind not in ACTION_TYPES:
                continue  # a missing or unknown type is the schema's
            pointer = origin(ctx, site, *path)
            if "text" not in action and pointer not in reported:
                found.append(Finding(pointer, f"{kind} action has no 'text'; Sunshine "
                                              "Conversations requires a button text"))
            elif isinstance(text, str) and not text.strip():
                found.append(Finding(origin(ctx, site, *path, "text"),
                                     f"{kind} action has an empty 'text'; give the button a "
                                     "text"))
    yield from unique(found)
