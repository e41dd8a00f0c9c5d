"""A touchpoint the contact profile gives no address for.

A new contact is reached on `sms` and `whatsapp` through `contact.profile.telephone`, and
on `email` through `contact.profile.email` ([DOC] business-initiated conversations,
WhatsApp templates: the phone number must be known). A profile with no identifier at all
is CONV001's. No options.

Fails:

```yaml
organization: 5c7574c78ae07962b12e264c
contact:
  profile: {name: John Johnson, email: john.johnson@example.com}
messages:
  - {text: Hey there., touchpoint: sms, role: agent}
```

Passes:

```yaml
organization: 5c7574c78ae07962b12e264c
contact:
  profile: {name: John Johnson, email: john.johnson@example.com}
messages:
  - {text: Hey there., touchpoint: email, role: agent}
```
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from spec_compiler.diagnostics import Severity
from spec_compiler.document import LintContext
from spec_compiler.rules._msg_util import field_pointer, unique
from spec_compiler.rules.base import Finding

TYPE_CHECKING = False  # mypy takes it for True; a lint run need not import typing
if TYPE_CHECKING:
    from typing import Any

CODE = "CONV002"
NAME = "touchpoint-needs-identifier"
SEVERITY: Severity = "error"
OPTIONS: dict[str, Any] = {}

#: finds nothing in a document without these (see engine.features)
NEEDS = frozenset({"conversation"})

#: the profile field each touchpoint reaches the contact through
IDENTIFIER_OF = {"sms": "telephone", "whatsapp": "telephone", "email": "email"}


def _reachable(need: str) -> dict[str, Any]:
    """The profile has ``need``, or no touchpoint (the body's or a message's) needs it."""
    names = sorted(tp for tp, field in IDENTIFIER_OF.items() if field == need)
    other = {"not": {"enum": names}}
    return {"anyOf": [
        {"properties": {"contact": {"properties": {"profile": {"required": [need]}}}}},
        {"properties": {"touchpoint": other,
                        "messages": {"items": {"properties": {"touchpoint": other}}}}},
    ]}


#: finds nothing where each touchpoint named (on the body or a message) has its identifier
#: in the contact profile (see spec_compiler.quiet)
QUIET: dict[str, Any] = {
    "message": True,
    "conversation": {"allOf": [_reachable(need)
                               for need in sorted(set(IDENTIFIER_OF.values()))]},
    "message-list": True,
}


def check(ctx: LintContext, options: Mapping[str, Any]) -> Iterator[Finding]:
    """Yield one finding per touchpoint whose identifier the profile lacks."""
    profile = _profile(ctx.conversation)
    if profile is None or not ({"email", "telephone"} & set(profile)):
        return  # no body, a templated profile, or no identifier at all (CONV001)
    found: list[tuple[str, Any]] = [("/touchpoint", _get(ctx.conversation, "touchpoint"))]
    found += [(field_pointer(ctx, s, "touchpoint"), s.message.get("touchpoint"))
              for s in ctx.messages]
    faults = (_fault(ptr, tp, profile) for ptr, tp in found)
    yield from unique(f for f in faults if f is not None)


def _fault(ptr: str, touchpoint: Any, profile: Mapping[str, Any]) -> Finding | None:
    need = IDENTIFIER_OF.get(touchpoint) if isinstance(touchpoint, str) else None
    if need is None or need in profile:
        return None
    return Finding(ptr, f"touchpoint '{touchpoint}' needs the contact's {need}; "
                        f"add contact.profile.{need}")


def _get(data: Mapping[str, Any] | None, key: str) -> Any:
    return data.get(key) if data is not None else None


def _profile(body: Mapping[str, Any] | None) -> Mapping[str, Any] | None:
    contact = _get(body, "contact")
    profile = contact.get("profile") if isinstance(contact, Mapping) else None
    return profile if isinstance(profile, Mapping) else None
