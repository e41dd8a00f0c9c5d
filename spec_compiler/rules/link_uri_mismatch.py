"""Link action whose ``uri`` and ``url`` differ.

Web1on1's examples send a link's URL in both ``uri`` and ``url``, with the same value
([DOC] seed, facts §3); two different URLs leave it to the channel which one opens.

Fails:

```yaml
role: agent
text: Favorite food?
actions:
  - type: link
    text: Taco 1
    uri: http://example.org/taco.html
    url: http://example.org/burrito.html
```

Passes:

```yaml
role: agent
text: Favorite food?
actions:
  - type: link
    text: Taco 1
    uri: http://example.org/taco.html
    url: http://example.org/taco.html
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

CODE = "ACT002"
NAME = "link-uri-url-differ"
SEVERITY: Severity = "warning"
OPTIONS: dict[str, Any] = {}

#: finds nothing in a document without these (see engine.features)
NEEDS = frozenset({"actions", "items"})

#: a ``{{ template }}`` (is_template)
_TEMPLATE: dict[str, Any] = {"type": "string", "pattern": "\\{\\{"}
#: an action that is not a link, or a link without both ``uri`` and ``url``, or with a
#: template in either, or whose two are equal (``x-equal``, see spec_compiler.quiet)
_NOT_TWO_URLS: dict[str, Any] = {"anyOf": [
    {"properties": {"type": {"not": {"const": "link"}}}},
    {"not": {"required": ["uri", "url"]}},
    {"properties": {"uri": _TEMPLATE}},
    {"properties": {"url": _TEMPLATE}},
    {"x-equal": ["uri", "url"]},
]}

#: finds nothing where no link action, of the message or of its items, has a ``uri`` and
#: a ``url`` that differ (templates aside) (see spec_compiler.quiet)
QUIET: dict[str, Any] = {
    "message": {"properties": {
        "actions": {"items": _NOT_TWO_URLS},
        "items": {"items": {"properties": {"actions": {"items": _NOT_TWO_URLS}}}},
    }},
    "conversation": True,
    "message-list": True,
}


def check(ctx: LintContext, options: Mapping[str, Any]) -> Iterator[Finding]:
    """A finding (at ``url``) per link action whose ``uri`` and ``url`` differ."""
    found = []
    for site in ctx.messages:
        for path, action in actions_of(site.message):
            uri, url = action.get("uri"), action.get("url")
            if action.get("type") != "link" or not isinstance(uri, str):
                continue
            if not isinstance(url, str) or is_template(uri) or is_template(url) or uri == url:
                continue
            found.append(Finding(origin(ctx, site, *path, "url"),
                                 f"url {quote(url, 60)} differs from uri {quote(uri, 60)}; "
                                 "give both the same URL or keep only 'uri'"))
    yield from unique(found)
