"""Consumer-facing content on a message that never reaches the consumer.

A `role: bot` message and an `isBackchannel: true` message stay inside the team ([DOC]
roles; backchannel is shown only in the agent UI), so buttons (`actions`), a carousel
(`items`), an SMS `meta.SenderID` or WhatsApp template meta on them are never seen by the
contact ([INF] facts §2.4). No options.

Fails:

```yaml
text: Favorite color?
role: bot
actions:
  - {type: postback, text: Red, payload: red}
```

Passes:

```yaml
text: Favorite color?
role: agent
actions:
  - {type: postback, text: Red, payload: red}
```
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from spec_compiler.diagnostics import Severity
from spec_compiler.document import LintContext, MessageSite
from spec_compiler.rules._channels import TEMPLATE_KEYS, message_type, meta
from spec_compiler.rules._msg_util import field_pointer, unique
from spec_compiler.rules.base import Finding

TYPE_CHECKING = False  # mypy takes it for True; a lint run need not import typing
if TYPE_CHECKING:
    from typing import Any

CODE = "MSG003"
NAME = "internal-message-with-consumer-content"
SEVERITY: Severity = "warning"
OPTIONS: dict[str, Any] = {}

#: finds nothing in a document without these (see engine.features)
NEEDS = frozenset({"actions", "items", "SenderID", "template"})

_CONSUMER_META = ("SenderID", *TEMPLATE_KEYS)
#: finds nothing where a message is not a chat or card, or is neither backchannel nor
#: role bot, or has no actions, items, meta.SenderID or template meta (see spec_compiler.quiet)
QUIET: dict[str, Any] = {
    "message": {"anyOf": [
        {"required": ["type"], "properties": {"type": {"not": {"enum": ["chat", "card"]}}}},
        {"properties": {"isBackchannel": {"not": {"const": True}},
                        "role": {"not": {"const": "bot"}}}},
        {"not": {"anyOf": [{"required": ["actions"]}, {"required": ["items"]}]},
         "properties": {"meta": {"not": {"anyOf": [{"required": [k]} for k in _CONSUMER_META]}}}},
    ]},
    "conversation": True,
    "message-list": True,
}


def check(ctx: LintContext, options: Mapping[str, Any]) -> Iterator[Finding]:
    """Yield one finding per consumer-facing field of an internal message."""
    yield from unique(f for site in ctx.messages for f in _site(ctx, site))


def _site(ctx: LintContext, site: MessageSite) -> Iterator[Finding]:
    message = site.message
    if message_type(message) not in ("chat", "card"):
        return
    if message.get("isBackchannel") is True:
        where, fix = "a backchannel message", "drop isBackchannel to send it"
    elif message.get("role") == "bot":
        where, fix = "a role 'bot' message", "use role: agent to send it"
    else:
        return
    for path, what in _content(message):
        text = f"{what} on {where} never reaches the contact; {fix}"
        yield Finding(field_pointer(ctx, site, *path), text)


def _content(message: Mapping[str, Any]) -> Iterator[tuple[tuple[str, ...], str]]:
    for key in ("actions", "items"):
        if key in message:
            yield (key,), f"'{key}'"
    m = meta(message)
    if "SenderID" in m:
        yield ("meta", "SenderID"), "meta.SenderID"
    template = [k for k in m if k in TEMPLATE_KEYS]
    if template:
        yield ("meta", template[0]), "a WhatsApp template"
