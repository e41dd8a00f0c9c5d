"""Unknown ``{placeholder}`` in a URL.

The server fills only '{authuser}' and '{authtoken}' in link URLs ([DOC] seed, facts §7);
any other single-brace placeholder is sent as it is. Variables of a spec are written
'{{ name }}'.

Fails:

```yaml
role: agent
text: Click the link to continue
actions:
  - type: link
    text: Continue
    uri: https://example.org/widget?id={authUser}&token={authtoken}
```

Passes:

```yaml
role: agent
text: Click the link to continue
actions:
  - type: link
    text: Continue
    uri: https://example.org/widget?id={authuser}&token={authtoken}
```
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from spec_compiler.diagnostics import Severity
from spec_compiler.document import LintContext
from spec_compiler.rules._act_util import (
    ACTION_URL_FIELDS,
    AUTH_PLACEHOLDERS,
    message_urls,
    placeholders,
)
from spec_compiler.rules._site_util import unique
from spec_compiler.rules.base import Finding

TYPE_CHECKING = False  # mypy takes it for True; a lint run need not import typing
if TYPE_CHECKING:
    from typing import Any

CODE = "ACT004"
NAME = "unknown-link-placeholder"
SEVERITY: Severity = "warning"
OPTIONS: dict[str, Any] = {}

#: finds nothing in a document without these (see engine.features)
NEEDS = frozenset({"actions", "items"})

#: every field that holds a URL in some action type (a superset of each type's own)
_URL_FIELDS = sorted({name for names in ACTION_URL_FIELDS.values() for name in names})
#: a URL whose every ``{`` opens one of the server's placeholders, or a template
_KNOWN_PLACEHOLDERS: dict[str, Any] = {"anyOf": [
    {"type": "string", "pattern": "^(?:[^{]|" + "|".join(
        f"\\{{{name}\\}}" for name in AUTH_PLACEHOLDERS) + ")*$"},
    {"type": "string", "pattern": "\\{\\{"},
]}
_ACTION_URLS_OK: dict[str, Any] = {
    "properties": {name: _KNOWN_PLACEHOLDERS for name in _URL_FIELDS}}

#: finds nothing where each action URL field (of the message and its items) and each item
#: ``mediaUrl`` has no ``{`` but those of '{authuser}' and '{authtoken}', or is a template
#: (see spec_compiler.quiet)
QUIET: dict[str, Any] = {
    "message": {"properties": {
        "actions": {"items": _ACTION_URLS_OK},
        "items": {"items": {"properties": {
            "mediaUrl": _KNOWN_PLACEHOLDERS,
            "actions": {"items": _ACTION_URLS_OK},
        }}},
    }},
    "conversation": True,
    "message-list": True,
}


def explain(field: str, name: str) -> str:
    """The message for one unknown placeholder, with a did-you-mean when close."""
    import difflib  # ~1 ms to import (with heapq): only for a finding

    close = difflib.get_close_matches(name.lower(), AUTH_PLACEHOLDERS, n=1, cutoff=0.6)
    hint = (f"; did you mean '{{{close[0]}}}'?" if close
            else "; the server fills only '{authuser}' and '{authtoken}' "
                 "(spec variables are written '{{ name }}')")
    return f"unknown placeholder '{{{name}}}' in {field}{hint}"


def check(ctx: LintContext, options: Mapping[str, Any]) -> Iterator[Finding]:
    """A finding per unknown placeholder of a URL."""
    found = []
    for site in ctx.messages:
        for url in message_urls(ctx, site):
            for name in placeholders(url.value):
                if name not in AUTH_PLACEHOLDERS:
                    found.append(Finding(url.pointer, explain(url.field, name)))
    yield from unique(found)
