"""Free-form WhatsApp message that the 24-hour window may refuse.

WhatsApp accepts free-form (non-template) messages only within 24 hours of the contact's
last message ([DOC] seed, facts §8 and §11); the linter cannot know the window ([INF]).
Option ``window``: ``unknown`` (default) warns, ``open`` is silent (the caller knows the
contact wrote recently), ``closed`` says the message will be refused.

Fails:

```yaml
role: agent
text: Your car is ready to be picked up!
touchpoint: whatsapp
```

Passes:

```yaml
role: agent
text: Your car is ready to be picked up!
touchpoint: whatsapp
meta:
  namespace: 56cca706_4162_b9be_fc60_13623ff73b1e
  elementName: your_car_is_ready
```
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from spec_compiler.diagnostics import Severity
from spec_compiler.document import LintContext
from spec_compiler.rules._wa_util import (
    EACH_NOT_FREE_FORM,
    NO_WHATSAPP,
    NOT_FREE_FORM,
    free_form_whatsapp,
)
from spec_compiler.rules.base import Finding

TYPE_CHECKING = False  # mypy takes it for True; a lint run need not import typing
if TYPE_CHECKING:
    from typing import Any

CODE = "WA007"
NAME = "free-form-whatsapp"
SEVERITY: Severity = "warning"
OPTIONS: dict[str, Any] = {
    "window": {
        "type": "string",
        "enum": ["unknown", "open", "closed"],
        "default": "unknown",
        "description": "What is known of the 24-hour customer-service window when the "
                       "messages are sent: 'open' silences the rule, 'closed' says the "
                       "message will be refused.",
    },
}

#: finds nothing in a document without these (see engine.features)
NEEDS = frozenset({"channel:whatsapp"})


#: finds nothing where no message could be free-form whatsapp: each is not outbound, a
#: template, or names a touchpoint of its own that is not whatsapp; or no touchpoint of the
#: document is whatsapp (a new conversation is WA006's: nothing here)
QUIET: dict[str, Any] = {
    "message": {"anyOf": [*NOT_FREE_FORM, NO_WHATSAPP]},
    "conversation": True,
    "message-list": {"anyOf": [{"items": EACH_NOT_FREE_FORM}, {"items": NO_WHATSAPP}]},
}

UNKNOWN = ("free-form whatsapp message is refused outside the 24-hour window; use a "
           "template unless the contact wrote in the last 24 hours")
CLOSED = "free-form whatsapp message will be refused: the window is closed; use a template"


def check(ctx: LintContext, options: Mapping[str, Any]) -> Iterator[Finding]:
    """A finding per free-form whatsapp message, unless the window is open."""
    window = options.get("window", "unknown")
    if window == "open":
        return
    for site, new in free_form_whatsapp(ctx):
        if not new:  # a new conversation is WA006's
            yield Finding(site.pointer, CLOSED if window == "closed" else UNKNOWN)
