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

from spec_compiler.diagnostics import Severity
from spec_compiler.document import LintContext
from spec_compiler.rules._channels import TEMPLATE_KEYS, is_command, meta
from spec_compiler.rules._site_util import channels, origin, unique
from spec_compiler.rules.base import Finding

TYPE_CHECKING = False  # mypy takes it for True; a lint run need not import typing
if TYPE_CHECKING:
    from typing import Any

CODE = "WA008"
NAME = "template-off-whatsapp"
SEVERITY: Severity = "warning"
OPTIONS: dict[str, Any] = {}

#: finds nothing in a document without these (see engine.features)
NEEDS = frozenset({"template"})

_WHATSAPP = "^[wW][hH][aA][tT][sS][aA][pP][pP]$"
#: a message without template meta (namespace, elementName), or a command (both skipped)
_NO_TEMPLATE: dict[str, Any] = {"anyOf": [
    {"not": {"required": ["meta"], "properties": {"meta": {
        "anyOf": [{"required": ["namespace"]}, {"required": ["elementName"]}]}}}},
    {"required": ["type"], "properties": {"type": {"const": "command"}}},
]}
#: a touchpoint that selects whatsapp (any case), or none: empty or a {{ template }}
_WHATSAPP_OR_UNKNOWN: dict[str, Any] = {"type": "string", "anyOf": [
    {"pattern": _WHATSAPP}, {"maxLength": 0}, {"pattern": "\\{\\{"}]}
#: a message sent on whatsapp by its own touchpoint
_OWN_WHATSAPP: dict[str, Any] = {"required": ["touchpoint"], "properties": {
    "touchpoint": {"type": "string", "pattern": _WHATSAPP}}}
#: each message has no template meta (or is a command) or selects whatsapp itself
_EACH_WHATSAPP_OR_NO_TEMPLATE: dict[str, Any] = {"anyOf": [_NO_TEMPLATE, _OWN_WHATSAPP]}
#: every touchpoint, where written, is whatsapp or unknown
_WHATSAPP_TOUCHPOINTS: dict[str, Any] = {"properties": {"touchpoint": _WHATSAPP_OR_UNKNOWN}}

#: finds nothing where each template meta is on a message whose touchpoint is whatsapp or
#: unknown: the message has none of its own, or whatsapp, or every touchpoint of the
#: document (the conversation's included) is whatsapp or unknown (see spec_compiler.quiet)
QUIET: dict[str, Any] = {
    "message": {"anyOf": [_NO_TEMPLATE, _WHATSAPP_TOUCHPOINTS]},
    "conversation": {"anyOf": [
        {"properties": {"messages": {"items": _EACH_WHATSAPP_OR_NO_TEMPLATE}}},
        {"properties": {"touchpoint": _WHATSAPP_OR_UNKNOWN,
                        "messages": {"items": _WHATSAPP_TOUCHPOINTS}}},
    ]},
    "message-list": {"anyOf": [
        {"items": _EACH_WHATSAPP_OR_NO_TEMPLATE},
        {"items": _WHATSAPP_TOUCHPOINTS},
    ]},
}


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
