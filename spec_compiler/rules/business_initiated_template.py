"""New WhatsApp conversation that does not start with a template.

A business-initiated WhatsApp conversation must start with an approved template, and every
message until the contact replies must be one too ([DOC] seed, "Create a new Contact
Conversation (WhatsApp)"; facts §11). WhatsApp refuses free-form text there.

Fails:

```yaml
organization: 5bad2f12e91d2c331be33364
type: contact
contact: {profile: {name: John Johnson, telephone: "+31646280994"}}
messages:
  - role: agent
    text: Your car is ready to be picked up!
    touchpoint: whatsapp
```

Passes:

```yaml
organization: 5bad2f12e91d2c331be33364
type: contact
contact: {profile: {name: John Johnson, telephone: "+31646280994"}}
messages:
  - role: agent
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
from spec_compiler.rules._wa_util import (
    EACH_NOT_FREE_FORM,
    NO_WHATSAPP,
    NOT_WHATSAPP_TOUCHPOINT,
    free_form_whatsapp,
)
from spec_compiler.rules.base import Finding

TYPE_CHECKING = False  # mypy takes it for True; a lint run need not import typing
if TYPE_CHECKING:
    from typing import Any

CODE = "WA006"
NAME = "business-initiated-needs-template"
SEVERITY: Severity = "error"
OPTIONS: dict[str, Any] = {}

#: finds nothing in a document without these (see engine.features)
NEEDS = frozenset({"channel:whatsapp"})

#: finds nothing where no message of a new conversation could be free-form whatsapp: each
#: is not outbound, a template, or names a touchpoint of its own that is not whatsapp; or
#: no touchpoint of the conversation (its own included) is whatsapp. Messages posted to an
#: existing conversation are WA007's: nothing here (see spec_compiler.quiet)
QUIET: dict[str, Any] = {
    "message": True,
    "conversation": {"anyOf": [
        {"properties": {"messages": {"items": EACH_NOT_FREE_FORM}}},
        {"properties": {"touchpoint": NOT_WHATSAPP_TOUCHPOINT,
                        "messages": {"items": NO_WHATSAPP}}},
    ]},
    "message-list": True,
}


def check(ctx: LintContext, options: Mapping[str, Any]) -> Iterator[Finding]:
    """A finding per free-form whatsapp message of a new conversation before a reply."""
    for site, new in free_form_whatsapp(ctx):
        if new:
            yield Finding(site.pointer, "a new whatsapp conversation needs template messages "
                                        "until the contact replies; add meta 'namespace' and "
                                        "'elementName' of an approved template")
