"""Channel-transfer link with only one of '{authuser}' and '{authtoken}'.

A channel-transfer link signs the contact in on the web widget with both the ``id`` and
the ``token`` the server fills from '{authuser}' and '{authtoken}' ([DOC] seed, facts §7,
§14.12); one without the other cannot sign anyone in.

Fails:

```yaml
role: agent
text: Click the link to continue
touchpoint: sms
actions:
  - type: link
    text: Continue
    uri: https://example.org/widget?id={authuser}
```

Passes:

```yaml
role: agent
text: Click the link to continue
touchpoint: sms
actions:
  - type: link
    text: Continue
    uri: https://example.org/widget?id={authuser}&token={authtoken}
```
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from spec_compiler.diagnostics import Severity
from spec_compiler.document import LintContext, MessageSite
from spec_compiler.pointer import parent
from spec_compiler.rules._act_util import (
    ACTION_URL_FIELDS,
    AUTH_PLACEHOLDERS,
    UrlValue,
    message_urls,
    placeholders,
)
from spec_compiler.rules._site_util import unique
from spec_compiler.rules.base import Finding

TYPE_CHECKING = False  # mypy takes it for True; a lint run need not import typing
if TYPE_CHECKING:
    from typing import Any

CODE = "ACT005"
NAME = "auth-placeholder-pair"
SEVERITY: Severity = "warning"
OPTIONS: dict[str, Any] = {}

#: finds nothing in a document without these (see engine.features)
NEEDS = frozenset({"actions", "items"})

USER, TOKEN = AUTH_PLACEHOLDERS

#: every field that holds a URL in some action type (a superset of each type's own)
_URL_FIELDS = sorted({name for names in ACTION_URL_FIELDS.values() for name in names})
#: a URL in which neither '{authuser}' nor '{authtoken}' is written
_NO_AUTH: dict[str, Any] = {"not": {"pattern": rf"\{{(?:{USER}|{TOKEN})\}}"}}
#: a URL (not a template) with both placeholders, neither one inside ``{{ }}``
_PAIRED: dict[str, Any] = {"type": "string", "not": {"pattern": r"\{\{"}, "allOf": [
    {"pattern": rf"(?:^|[^{{])\{{{name}\}}(?:[^}}]|$)"} for name in (USER, TOKEN)]}
#: an action whose URLs have no auth placeholder, or one of whose URL fields has both
_ACTION_OK: dict[str, Any] = {"anyOf": [
    {"properties": {name: _NO_AUTH for name in _URL_FIELDS}},
    *({"required": ["type", name], "properties": {"type": {"const": kind}, name: _PAIRED}}
      for kind, names in ACTION_URL_FIELDS.items() for name in names),
]}

#: finds nothing where each action (of the message and its items) and each item image has
#: no '{authuser}' or '{authtoken}' written in its URLs, or has both in one URL the action
#: type opens (see spec_compiler.quiet)
QUIET: dict[str, Any] = {
    "message": {"properties": {
        "actions": {"items": _ACTION_OK},
        "items": {"items": {"properties": {
            "mediaUrl": {"anyOf": [_NO_AUTH, _PAIRED]},
            "actions": {"items": _ACTION_OK},
        }}},
    }},
    "conversation": True,
    "message-list": True,
}


def _by_holder(ctx: LintContext, site: MessageSite) -> dict[str, list[UrlValue]]:
    holders: dict[str, list[UrlValue]] = {}
    for url in message_urls(ctx, site):
        holders.setdefault(parent(url.pointer), []).append(url)
    return holders


def _lonely(urls: list[UrlValue]) -> Finding | None:
    names = [n for url in urls for n in placeholders(url.value)]
    if any(n not in AUTH_PLACEHOLDERS for n in names):
        return None  # ACT004 reports the typo
    has_user, has_token = USER in names, TOKEN in names
    if has_user == has_token:
        return None
    here, other = (USER, TOKEN) if has_user else (TOKEN, USER)
    url = next(u for u in urls if here in placeholders(u.value))
    return Finding(url.pointer, f"'{{{here}}}' without '{{{other}}}' in {url.field}; "
                                "the web widget needs both to sign the contact in")


def check(ctx: LintContext, options: Mapping[str, Any]) -> Iterator[Finding]:
    """A finding per action whose URLs hold one auth placeholder without the other."""
    found = []
    for site in ctx.messages:
        for urls in _by_holder(ctx, site).values():
            finding = _lonely(urls)
            if finding is not None:
                found.append(finding)
    yield from unique(found)
