"""SMS text forced into UCS-2 by one character.

One character outside the GSM-7 tables switches the whole SMS to UCS-2: 70 characters per
segment instead of 160 ([DOC] facts §12). Typographic quotes, dashes and ellipses pasted
from a word processor are the usual cause and have plain GSM-7 equivalents.

Fails:

```yaml
role: agent
touchpoint: sms
text: We’re ready for you
```

Passes:

```yaml
role: agent
touchpoint: sms
text: We're ready for you
```
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from spec_compiler.diagnostics import Severity
from spec_compiler.document import LintContext
from spec_compiler.rules._sms_util import GSM_TEXT, sms_text_quiet, sms_texts
from spec_compiler.rules.base import Finding
from spec_compiler.sms import GSM_SINGLE, UCS2_SINGLE, first_ucs2_char, gsm_replacement

TYPE_CHECKING = False  # mypy takes it for True; a lint run need not import typing
if TYPE_CHECKING:
    from typing import Any

CODE = "SMS006"
NAME = "sms-ucs2"
SEVERITY: Severity = "warning"
OPTIONS: dict[str, Any] = {}

#: finds nothing in a document without these (see engine.features)
NEEDS = frozenset({"SenderID", "channel:sms"})

#: finds nothing where every SMS text is GSM-7: a message is not an outbound SMS text
#: (see _sms_util.sms_text_quiet), or its text has only GSM-7 characters
QUIET: dict[str, Any] = sms_text_quiet({"type": "string", "pattern": GSM_TEXT})


def explain(text: str) -> str | None:
    """Which character forces UCS-2, where, and what to write instead."""
    first = first_ucs2_char(text)
    if first is None:
        return None
    index, char = first
    message = (f"'{char}' (U+{ord(char):04X}) at character {index + 1} forces UCS-2: "
               f"{UCS2_SINGLE} characters per segment instead of {GSM_SINGLE}")
    fix = gsm_replacement(char)
    if fix is not None:
        shown = f'"{fix}"' if "'" in fix else f"'{fix}'"
        message += f"; write {shown} instead"
    return message


def check(ctx: LintContext, options: Mapping[str, Any]) -> Iterator[Finding]:
    """A finding per SMS text that is not GSM-7."""
    for sms in sms_texts(ctx):
        message = explain(sms.text)
        if message is not None:
            yield Finding(sms.pointer, message)
