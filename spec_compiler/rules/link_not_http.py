"""URL of a button or image that is not an absolute http(s) URL.

Link and webview URLs, quick-reply icons and carousel images must be absolute http or
https URLs ([DOC] facts §10: Zendesk's carousel guidance, Sunshine's URI fields); a
relative path or a bare domain does not open. The server placeholders '{authuser}' and
'{authtoken}' are fine inside.

Fails:

```yaml
role: agent
text: Click the link to continue
actions:
  - type: link
    text: Continue
    uri: www.example.org/widget?id={authuser}&token={authtoken}
```

Passes:

```yaml
role: agent
text: Click the link to continue
actions:
  - type: link
    text: Continue
    uri: https://www.example.org/widget?id={authuser}&token={authtoken}
```
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from spec_compiler.diagnostics import Severity
from spec_compiler.document import LintContext
from spec_compiler.rules._act_util import ACTION_URL_FIELDS, is_http_url, message_urls
from spec_compiler.rules._site_util import faulty, quote, unique
from spec_compiler.rules.base import Finding

TYPE_CHECKING = False  # mypy takes it for True; a lint run need not import typing
if TYPE_CHECKING:
    from typing import Any

CODE = "ACT003"
NAME = "link-not-http"
SEVERITY: Severity = "error"
OPTIONS: dict[str, Any] = {}

#: finds nothing in a document without these (see engine.features)
NEEDS = frozenset({"actions", "items"})

#: every field that holds a URL in some action type (a superset of each type's own)
_URL_FIELDS = sorted({name for names in ACTION_URL_FIELDS.values() for name in names})
#: an absolute http(s) URL with a plain host, or a ``{{ template }}`` (not judged)
_URL_OK: dict[str, Any] = {"anyOf": [
    {"$ref": "#/$defs/httpUrl"},
    {"type": "string", "pattern": "\\{\\{"},
]}
_ACTION_URLS_OK: dict[str, Any] = {"properties": {name: _URL_OK for name in _URL_FIELDS}}

#: finds nothing where every action URL field (of the message and its items) and every
#: item ``mediaUrl`` is a plain absolute http(s) URL or a template (see spec_compiler.quiet)
QUIET: dict[str, Any] = {
    "message": {"properties": {
        "actions": {"items": _ACTION_URLS_OK},
        "items": {"items": {"properties": {
            "mediaUrl": _URL_OK,
            "actions": {"items": _ACTION_URLS_OK},
        }}},
    }},
    "conversation": True,
    "message-list": True,
}


def explain(field: str, value: str) -> str | None:
    """Why a URL does not open (None when it is an absolute http(s) URL)."""
    if is_http_url(value):
        return None
    message = f"{field} {quote(value, 60)} is not an absolute http(s) URL"
    bare = value.strip()
    if bare.lower().startswith("www.") and is_http_url("https://" + bare):
        message += "; add 'https://' in front"
    return message


def check(ctx: LintContext, options: Mapping[str, Any]) -> Iterator[Finding]:
    """A finding per URL that is not an absolute http(s) URL."""
    bad = faulty(ctx)
    found = []
    for site in ctx.messages:
        for url in message_urls(ctx, site):
            message = explain(url.field, url.value)
            if message is not None and url.pointer not in bad:
                found.append(Finding(url.pointer, message))
    yield from unique(found)
