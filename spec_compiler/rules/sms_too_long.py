"""SMS text over 1600 characters.

Twilio refuses an SMS body longer than 1600 characters (error 21617, [DOC] facts §12).

Fails:

```yaml
role: agent
touchpoint: sms
text: "Lorem ipsum dolor sit amet, consectetur adipiscing elit. Lorem ipsum dolor sit amet,
  consectetur adipiscing elit. Lorem ipsum dolor sit amet, consectetur adipiscing elit.
  Lorem ipsum dolor sit amet, consectetur adipiscing elit. Lorem ipsum dolor sit amet,
  consectetur adipiscing elit. Lorem ipsum dolor sit amet, consectetur adipiscing elit.
  Lorem ipsum dolor sit amet, consectetur adipiscing elit. Lorem ipsum dolor sit amet,
  consectetur adipiscing elit. Lorem ipsum dolor sit amet, consectetur adipiscing elit.
  Lorem ipsum dolor sit amet, consectetur adipiscing elit. Lorem ipsum dolor sit amet,
  consectetur adipiscing elit. Lorem ipsum dolor sit amet, consectetur adipiscing elit.
  Lorem ipsum dolor sit amet, consectetur adipiscing elit. Lorem ipsum dolor sit amet,
  consectetur adipiscing elit. Lorem ipsum dolor sit amet, consectetur adipiscing elit.
  Lorem ipsum dolor sit amet, consectetur adipiscing elit. Lorem ipsum dolor sit amet,
  consectetur adipiscing elit. Lorem ipsum dolor sit amet, consectetur adipiscing elit.
  Lorem ipsum dolor sit amet, consectetur adipiscing elit. Lorem ipsum dolor sit amet,
  consectetur adipiscing elit. Lorem ipsum dolor sit amet, consectetur adipiscing elit.
  Lorem ipsum dolor sit amet, consectetur adipiscing elit. Lorem ipsum dolor sit amet,
  consectetur adipiscing elit. Lorem ipsum dolor sit amet, consectetur adipiscing elit.
  Lorem ipsum dolor sit amet, consectetur adipiscing elit. Lorem ipsum dolor sit amet,
  consectetur adipiscing elit. Lorem ipsum dolor sit amet, consectetur adipiscing elit.
  Lorem ipsum dolor sit amet, consectetur adipiscing elit. Lorem ipsum dolor sit amet,
  consectetur adipiscing elit. Lorem ipsum dolor sit amet, consectetur adipiscing elit."
```

Passes:

```yaml
role: agent
touchpoint: sms
text: Your car is ready. Details and the invoice are in your e-mail.
```
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from spec_compiler.diagnostics import Severity
from spec_compiler.document import LintContext
from spec_compiler.rules._site_util import faulty
from spec_compiler.rules._sms_util import sms_text_quiet, sms_texts
from spec_compiler.rules.base import Finding
from spec_compiler.sms import MAX_CHARS

TYPE_CHECKING = False  # mypy takes it for True; a lint run need not import typing
if TYPE_CHECKING:
    from typing import Any

CODE = "SMS007"
NAME = "sms-too-long"
SEVERITY: Severity = "error"
OPTIONS: dict[str, Any] = {}

#: finds nothing in a document without these (see engine.features)
NEEDS = frozenset({"SenderID", "channel:sms"})

#: finds nothing where no SMS text is over 1600 characters: a message is not an outbound
#: SMS text (see _sms_util.sms_text_quiet), or its text is at most 1600 characters
QUIET: dict[str, Any] = sms_text_quiet({"type": "string", "maxLength": MAX_CHARS})


def check(ctx: LintContext, options: Mapping[str, Any]) -> Iterator[Finding]:
    """A finding per SMS text over 1600 characters (unless the schema's limit is hit)."""
    bad = faulty(ctx)
    for sms in sms_texts(ctx):
        if len(sms.text) > MAX_CHARS and sms.pointer not in bad:
            yield Finding(sms.pointer, f"sms text is {len(sms.text)} characters; Twilio refuses "
                                       f"more than {MAX_CHARS} (error 21617)")
