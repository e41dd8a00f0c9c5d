"""Link action without a URL.

A link action opens its ``uri`` (Sunshine's field) or ``url`` (Web1on1's examples send
both); without either the button leads nowhere ([INF] facts §3).

Fails:

```yaml
role: agent
text: Click the link to continue
actions:
  - type: link
    text: Continue
```

Passes:

```yaml
role: agent
text: Click the link to continue
actions:
  - type: link
    text: Continue
    uri: https://example.org/continue
```
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from spec_compiler.diagnostics import Severity
from spec_compiler.document import LintContext
from spec_compiler.rules._act_util import looks_like_url
from spec_compiler.rules._site_util import actions_of, origin, unique
from spec_compiler.rules.base import Finding

TYPE_CHECKING = False  # mypy takes it for True; a lint run need not import typing
if TYPE_CHECKING:
    from typing import Any

CODE = "ACT001"
NAME = "link-without-target"
SEVERITY: Severity = "warning"
OPTIONS: dict[str, Any] = {}

#: finds nothing in a document without these (see engine.features)
NEEDS = frozenset({"actions", "items"})

#: a link action that names its URL in ``uri`` or ``url`` (any other action passes)
_LINK_HAS_TARGET: dict[str, Any] = {"anyOf": [
    {"properties": {"type": {"not": {"const": "link"}}}},
    {"required": ["uri"]},
    {"required": ["url"]},
]}

#: finds nothing where every link action, of the message and of its items, has a ``uri``
#: or a ``url`` (see spec_compiler.quiet)
QUIET: dict[str, Any] = {
    "message": {"properties": {
        "actions": {"items": _LINK_HAS_TARGET},
        "items": {"items": {"properties": {"actions": {"items": _LINK_HAS_TARGET}}}},
    }},
    "conversation": True,
    "message-list": True,
}


def check(ctx: LintContext, options: Mapping[str, Any]) -> Iterator[Finding]:
    """A finding per link action with neither ``uri`` nor ``url``."""
    found = []
    for site in ctx.messages:
        for path, action in actions_of(site.message):
            if action.get("type") != "link" or "uri" in action or "url" in action:
                continue
            payload = action.get("payload")
            if isinstance(payload, str) and looks_like_url(payload):
                continue  # ACT010: the URL is there, in the wrong field
            found.append(Finding(origin(ctx, site, *path),
                                 "link action has no 'uri'; add the URL it opens"))
    yield from unique(found)
