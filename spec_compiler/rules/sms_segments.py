"""SMS text over the segment budget.

Each SMS segment is billed: GSM-7 texts fit 160 characters in one SMS and 153 per segment
when concatenated, UCS-2 texts 70 and 67 ([DOC] facts §12); Twilio recommends at most
320 characters. Option ``max-segments`` (default 2) is the budget. Texts over 1600
characters are SMS007's.

Fails:

```yaml
role: agent
touchpoint: sms
text: >-
  Your car is ready to be picked up at our workshop on the Stationsweg. We are open
  from eight in the morning until six in the evening on weekdays, and from nine until
  five on Saturdays. Please bring your registration papers and the keys of the courtesy
  car. Our mechanic will walk you through the work we did and the invoice. See you soon!
```

Passes:

```yaml
role: agent
touchpoint: sms
text: Your car is ready to be picked up at our workshop on the Stationsweg. See you soon!
```
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from spec_compiler.diagnostics import Severity
from spec_compiler.document import LintContext
from spec_compiler.rules._sms_util import GSM_BASIC_TEXT, GSM_TEXT, sms_text_quiet, sms_texts
from spec_compiler.rules.base import Finding
from spec_compiler.sms import MAX_CHARS, SegmentInfo, first_ucs2_char, segments

TYPE_CHECKING = False  # mypy takes it for True; a lint run need not import typing
if TYPE_CHECKING:
    from typing import Any

CODE = "SMS005"
NAME = "sms-segments"
SEVERITY: Severity = "warning"
OPTIONS: dict[str, Any] = {
    "max-segments": {
        "type": "integer",
        "minimum": 1,
        "default": 2,
        "description": "Segments an SMS text may take (Twilio recommends at most 320 "
                       "characters: 2 GSM-7 segments).",
    },
}

#: finds nothing in a document without these (see engine.features)
NEEDS = frozenset({"SenderID", "channel:sms"})


#: a text that needs at most two segments: over 1600 characters (SMS007's), at most 66
#: characters (132 UTF-16 units even if all astral: two UCS-2 segments), or GSM-7 of at
#: most 304 septets (two segments of 153, an escape pair never split): basic characters
#: only and at most 304 characters, or any GSM-7 characters and at most 152
_FEW_SEGMENTS: dict[str, Any] = {"type": "string", "anyOf": [
    {"minLength": MAX_CHARS + 1},
    {"maxLength": 66},
    {"pattern": GSM_BASIC_TEXT, "maxLength": 304},
    {"pattern": GSM_TEXT, "maxLength": 152},
]}

#: finds nothing where no SMS text needs more than two segments (a message is not an
#: outbound SMS text, or its text is short or GSM-7 within 304 septets)
QUIET: dict[str, Any] = sms_text_quiet(_FEW_SEGMENTS)


def describe(text: str, info: SegmentInfo) -> str:
    """``GSM-7, 341 characters`` or ``UCS-2 because of '’', 90 characters``."""
    if info.encoding == "GSM-7":
        unit = "characters" if info.units == len(text) else "septets"
        return f"GSM-7, {info.units} {unit}"
    unit = "characters" if info.units == len(text) else "UTF-16 code units"
    first = first_ucs2_char(text)
    because = f" because of '{first[1]}'" if first is not None else ""
    return f"UCS-2{because}, {info.units} {unit}"


def check(ctx: LintContext, options: Mapping[str, Any]) -> Iterator[Finding]:
    """A finding per SMS text that needs more segments than the budget."""
    budget = options.get("max-segments", 2)
    budget = budget if isinstance(budget, int) and budget >= 1 else 2
    for sms in sms_texts(ctx):
        if len(sms.text) > MAX_CHARS:
            continue  # SMS007
        info = segments(sms.text)
        if info.segments > budget:
            yield Finding(sms.pointer, f"text needs {info.segments} SMS segments "
                                       f"({describe(sms.text, info)}); the budget is {budget}")
