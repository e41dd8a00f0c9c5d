"""WhatsApp template meta on a message that does not go out on WhatsApp.

Template meta (``namespace``, ``elementName``) only means something on WhatsApp ([DOC]
seed); on another touchpoint the text goes out as it is, which usually means the
touchpoint is wrong.

Fails:

```yaml
role: agent
text: Your car is ready to be picked up!
touchpoint: sms
meta:
  namespace: 56cca706_4162_b9be_fc60_13623ff73b1e
  elementName: your_car_is_ready
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
from typing import Any

from spec_compiler.diagnostics import Severity
from spec_compiler.document import LintContext
from spec_compiler.rules._channels import TEMPLATE_KEYS, is_command, meta
from spec_compiler.rules._site_util import channels, origin, unique
from spec_compiler.rules.base import Finding

CODE = "WA008"
NAME = "template-off-whatsapp"
SEVERITY: Severity = "warning"
OPTIONS: dict[str, Any] = {}

#: finds nothing in a document without these (see engine.features)
NEEDS = frozenset({"template"})


def check(ctx: LintContext, options: Mapping[str, Any]) -> Iterator[Finding]:
    """A finding per template meta on a message whose known channel is not whatsapp."""
    found = []
    for site, channel in channels(ctx):
        keys = [k for k in TEMPLATE_KEYS if k in meta(site.message)]
        if not keys or channel in (None, "whatsapp") or is_command(site.message):
            continue
        found.append(Finding(origin(ctx, site, "meta", keys[0]),
                             f"whatsapp template meta has no effect on touchpoint "
                             f"'{channel}'; the text goes out as it is"))
    yield from unique(found)
