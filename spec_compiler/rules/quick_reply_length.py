"""Quick-reply text that channels cut off.

Facebook Messenger truncates quick-reply text beyond 20 characters, Web Messenger, iOS
and Android beyond 40 ([DOC] facts §10). Option ``max-length`` (default 20); set it to 40
when no contact uses Messenger.

Fails:

```yaml
role: agent
text: When shall we call you?
actions:
  - {type: reply, text: Tomorrow in the afternoon, payload: TOMORROW_PM}
```

Passes:

```yaml
role: agent
text: When shall we call you?
actions:
  - {type: reply, text: Tomorrow afternoon, payload: TOMORROW_PM}
```
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from spec_compiler.diagnostics import Severity
from spec_compiler.document import LintContext, is_template
from spec_compiler.rules._site_util import actions_of, origin, quote, unique
from spec_compiler.rules.base import Finding

TYPE_CHECKING = False  # mypy takes it for True; a lint run need not import typing
if TYPE_CHECKING:
    from typing import Any

CODE = "ACT007"
NAME = "quick-reply-too-long"
SEVERITY: Severity = "warning"
OPTIONS: dict[str, Any] = {
    "max-length": {
        "type": "integer",
        "minimum": 1,
        "default": 20,
        "description": "Longest quick-reply text: 20 (Facebook Messenger truncates beyond "
                       "it) or 40 (Web Messenger, iOS and Android).",
    },
}

#: finds nothing in a document without these (see engine.features)
NEEDS = frozenset({"actions", "items"})

#: the default ``max-length``
_LIMIT: int = OPTIONS["max-length"]["default"]
#: an action that is not a quick reply, or one whose text is short enough or a template
_REPLY_FITS: dict[str, Any] = {"anyOf": [
    {"properties": {"type": {"not": {"const": "reply"}}}},
    {"properties": {"text": {"anyOf": [{"maxLength": _LIMIT}, {"pattern": "\\{\\{"}]}}},
]}

#: finds nothing where every quick-reply text (of the message and its items) has at most
#: 20 characters (the default max-length) or is a template (see spec_compiler.quiet)
QUIET: dict[str, Any] = {
    "message": {"properties": {
        "actions": {"items": _REPLY_FITS},
        "items": {"items": {"properties": {"actions": {"items": _REPLY_FITS}}}},
    }},
    "conversation": True,
    "message-list": True,
}


def check(ctx: LintContext, options: Mapping[str, Any]) -> Iterator[Finding]:
    """A finding per quick-reply text over ``max-length`` characters."""
    limit = options.get("max-length", 20)
    limit = limit if isinstance(limit, int) and limit >= 1 else 20
    found = []
    for site in ctx.messages:
        for path, action in actions_of(site.message):
            text = action.get("text")
            if action.get("type") != "reply" or not isinstance(text, str) or is_template(text):
                continue
            if len(text) > limit:
                found.append(Finding(
                    origin(ctx, site, *path, "text"),
                    f"quick-reply text {quote(text)} is {len(text)} characters; channels cut "
                    f"it beyond {limit} (Facebook Messenger 20, web, iOS and Android 40)"))
    yield from unique(found)
