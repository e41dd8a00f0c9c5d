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
from typing import Any

from spec_compiler.diagnostics import Severity
from spec_compiler.document import LintContext, MessageSite
from spec_compiler.pointer import parent
from spec_compiler.rules._act_util import AUTH_PLACEHOLDERS, UrlValue, message_urls, placeholders
from spec_compiler.rules._site_util import unique
from spec_compiler.rules.base import Finding

CODE = "ACT005"
NAME = "auth-placeholder-pair"
SEVERITY: Severity = "warning"
OPTIONS: dict[str, Any] = {}

#: finds nothing in a document without these (see engine.features)
NEEDS = frozenset({"actions", "items"})

USER, TOKEN = AUTH_PLACEHOLDERS


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
