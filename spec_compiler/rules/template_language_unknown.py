"""WhatsApp template language that Meta does not list.

A well-formed language code that is not in Meta's list of template languages ([DOC]
facts §11) is probably a typo or a region Meta does not offer ('nl_NL' where only 'nl'
exists). Meta may have added codes since, hence a warning.

Fails:

```yaml
role: agent
text: Your car is ready to be picked up!
touchpoint: whatsapp
meta:
  namespace: 56cca706_4162_b9be_fc60_13623ff73b1e
  elementName: your_car_is_ready
  language: nl_NL
```

Passes:

```yaml
role: agent
text: Your car is ready to be picked up!
touchpoint: whatsapp
meta:
  namespace: 56cca706_4162_b9be_fc60_13623ff73b1e
  elementName: your_car_is_ready
  language: nl
```
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from spec_compiler.diagnostics import Severity
from spec_compiler.document import LintContext
from spec_compiler.rules._channels import meta
from spec_compiler.rules._site_util import origin, unique
from spec_compiler.rules._wa_util import LANGUAGE_FORMAT, LANGUAGES, language_suggestion
from spec_compiler.rules.base import Finding

TYPE_CHECKING = False  # mypy takes it for True; a lint run need not import typing
if TYPE_CHECKING:
    from typing import Any

CODE = "WA005"
NAME = "template-language-unknown"
SEVERITY: Severity = "warning"
OPTIONS: dict[str, Any] = {}

#: finds nothing in a document without these (see engine.features)
NEEDS = frozenset({"language"})

#: finds nothing where every message's meta.language, if any, is one Meta lists
#: (see spec_compiler.quiet)
QUIET: dict[str, Any] = {
    "message": {"properties": {"meta": {"properties": {
        "language": {"enum": sorted(LANGUAGES)}}}}},
    "conversation": True,
    "message-list": True,
}


def explain(code: str) -> str | None:
    """Why a well-formed code is doubtful (None when Meta lists it or it is malformed)."""
    if code in LANGUAGES or not LANGUAGE_FORMAT.match(code):
        return None  # malformed codes are WA004's
    hint = language_suggestion(code)
    tail = f"; did you mean '{hint}'?" if hint is not None else ""
    return f"language '{code}' is not in Meta's list of template languages{tail}"


def check(ctx: LintContext, options: Mapping[str, Any]) -> Iterator[Finding]:
    """A finding per template language Meta does not list."""
    found = []
    for site in ctx.messages:
        code = meta(site.message).get("language")
        message = explain(code) if isinstance(code, str) else None
        if message is not None:
            found.append(Finding(origin(ctx, site, "meta", "language"), message))
    yield from unique(found)
