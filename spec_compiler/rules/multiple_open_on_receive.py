"""More than one webview that opens on receipt.

At most one webview action per message may set ``openOnReceive: true`` ([DOC] facts §10,
Sunshine Conversations; Web Messenger only).

Fails:

```yaml
role: agent
text: Fill in both forms
actions:
  - type: webview
    text: Form 1
    uri: https://example.org/1
    fallback: https://example.org/1
    openOnReceive: true
  - type: webview
    text: Form 2
    uri: https://example.org/2
    fallback: https://example.org/2
    openOnReceive: true
```

Passes:

```yaml
role: agent
text: Fill in both forms
actions:
  - type: webview
    text: Form 1
    uri: https://example.org/1
    fallback: https://example.org/1
    openOnReceive: true
  - type: webview
    text: Form 2
    uri: https://example.org/2
    fallback: https://example.org/2
```
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from spec_compiler.diagnostics import Severity
from spec_compiler.document import LintContext
from spec_compiler.rules._site_util import actions_of, origin, unique
from spec_compiler.rules.base import Finding

TYPE_CHECKING = False  # mypy takes it for True; a lint run need not import typing
if TYPE_CHECKING:
    from typing import Any

CODE = "ACT012"
NAME = "multiple-open-on-receive"
SEVERITY: Severity = "warning"
OPTIONS: dict[str, Any] = {}

#: finds nothing in a document without these (see engine.features)
NEEDS = frozenset({"actions", "items"})

#: a webview that opens on receipt
_OPENS: dict[str, Any] = {"required": ["type", "openOnReceive"], "properties": {
    "type": {"const": "webview"}, "openOnReceive": {"const": True}}}
_NONE_OPENS: dict[str, Any] = {"not": {"contains": _OPENS}}
_AT_MOST_ONE_OPENS: dict[str, Any] = {"not": {"contains": _OPENS, "minContains": 2}}
_ITEM_OPENS: dict[str, Any] = {"required": ["actions"], "properties": {
    "actions": {"contains": _OPENS}}}

#: finds nothing where at most one webview of a message, its items' included, opens on
#: receipt: at most one among its own actions and none in items, or none of its own and
#: at most one in at most one item (see spec_compiler.quiet)
QUIET: dict[str, Any] = {
    "message": {"anyOf": [
        {"properties": {
            "actions": _AT_MOST_ONE_OPENS,
            "items": {"items": {"properties": {"actions": _NONE_OPENS}}},
        }},
        {"properties": {
            "actions": _NONE_OPENS,
            "items": {"not": {"contains": _ITEM_OPENS, "minContains": 2},
                      "items": {"properties": {"actions": _AT_MOST_ONE_OPENS}}},
        }},
    ]},
    "conversation": True,
    "message-list": True,
}


def check(ctx: LintContext, options: Mapping[str, Any]) -> Iterator[Finding]:
    """A finding at each ``openOnReceive: true`` webview after the first of a message."""
    found = []
    for site in ctx.messages:
        opening = [path for path, action in actions_of(site.message)
                   if action.get("type") == "webview" and action.get("openOnReceive") is True]
        for path in opening[1:]:
            found.append(Finding(origin(ctx, site, *path, "openOnReceive"),
                                 "only one webview per message may open on receipt; "
                                 "remove 'openOnReceive' here"))
    yield from unique(found)
