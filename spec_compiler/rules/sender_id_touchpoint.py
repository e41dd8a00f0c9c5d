"""SMS sender id on a message that does not go out as SMS.

``meta.SenderID`` only has an effect on SMS ([DOC] seed: it "will send the message as a
one-way SMS"; facts §7); on another touchpoint it does nothing, which usually means the
touchpoint is wrong.

Fails:

```yaml
role: agent
text: Your car is ready
touchpoint: email
meta:
  SenderID: Tims Trucks
```

Passes:

```yaml
role: agent
text: Your car is ready
touchpoint: sms
meta:
  SenderID: Tims Trucks
```
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from spec_compiler.diagnostics import Severity
from spec_compiler.document import LintContext
from spec_compiler.rules._channels import is_command, meta
from spec_compiler.rules._site_util import channels, origin, unique
from spec_compiler.rules.base import Finding

CODE = "SMS003"
NAME = "sender-id-off-sms"
SEVERITY: Severity = "warning"
OPTIONS: dict[str, Any] = {}

#: finds nothing in a document without these (see engine.features)
NEEDS = frozenset({"SenderID"})


def check(ctx: LintContext, options: Mapping[str, Any]) -> Iterator[Finding]:
    """A finding per SenderID on a message whose known channel is not sms."""
    found = []
    for site, channel in channels(ctx):
        if "SenderID" not in meta(site.message) or is_command(site.message):
            continue
        if channel is None or channel == "sms":
            continue
        found.append(Finding(
            origin(ctx, site, "meta", "SenderID"),
            f"SenderID has no effect on touchpoint '{channel}'; "
            "it only makes an sms a one-way notification"))
    yield from unique(found)
