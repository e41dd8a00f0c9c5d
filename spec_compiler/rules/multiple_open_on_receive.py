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
from typing import Any

from spec_compiler.diagnostics import Severity
from spec_compiler.document import LintContext
from spec_compiler.rules._site_util import actions_of, origin, unique
from spec_compiler.rules.base import Finding

CODE = "ACT012"
NAME = "multiple-open-on-receive"
SEVERITY: Severity = "warning"
OPTIONS: dict[str, Any] = {}

#: finds nothing in a document without these (see engine.features)
NEEDS = frozenset({"actions", "items"})


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
