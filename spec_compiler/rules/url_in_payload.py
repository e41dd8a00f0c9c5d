"""Link action with its URL in ``payload``.

The Node SDK's documentation shows a link action with the URL in ``payload`` ([SDK]
facts §3); the API opens ``uri`` ([DOC] seed), so such a button leads nowhere.

Fails:

```yaml
role: agent
text: More art
actions:
  - {type: link, text: Art 1, payload: "http://example.org/"}
```

Passes:

```yaml
role: agent
text: More art
actions:
  - {type: link, text: Art 1, uri: "http://example.org/"}
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

CODE = "ACT010"
NAME = "url-in-payload"
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
#: or a ``url`` (the payload is not looked at then; see spec_compiler.quiet)
QUIET: dict[str, Any] = {
    "message": {"properties": {
        "actions": {"items": _LINK_HAS_TARGET},
        "items": {"items": {"properties": {"actions": {"items": _LINK_HAS_TARGET}}}},
    }},
    "conversation": True,
    "message-list": True,
}


def check(ctx: LintContext, options: Mapping[str, Any]) -> Iterator[Finding]:
    """A finding per link action whose URL is in ``payload`` rather than ``uri``."""
    found = []
    for site in ctx.messages:
        for path, action in actions_of(site.message):
            payload = action.get("payload")
            if action.get("type") != "link" or "uri" in action or "url" in action:
                continue
            if isinstance(payload, str) and looks_like_url(payload):
                found.append(Finding(origin(ctx, site, *path, "payload"),
                                     "link URL is in 'payload'; the button opens 'uri': "
                                     "move the URL there"))
    yield from unique(found)
