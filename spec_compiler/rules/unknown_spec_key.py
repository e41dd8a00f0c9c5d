"""A top-level key a spec does not know.

A `kind: messages` spec has only the spec keys (`kind name description vars defaults
pacing conversation messages`): message fields belong under `defaults` or in each
message (DESIGN §3). In a `kind: conversation` spec every other key is passed to the
request body, so only near-misses of spec keys (`default`, `var`) are reported here; other
unknown body keys are MSG001's. No options.

Fails:

```yaml
kind: messages
default:
  touchpoint: sms
messages:
  - text: Hello
```

Passes:

```yaml
kind: messages
defaults:
  touchpoint: sms
messages:
  - text: Hello
```
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from spec_compiler.diagnostics import Severity
from spec_compiler.document import LintContext
from spec_compiler.pointer import join
from spec_compiler.rules._msg_util import key_sets
from spec_compiler.rules._schema_util import did_you_mean
from spec_compiler.rules._spec_util import SPEC_KEYS, near_spec_key
from spec_compiler.rules.base import Finding

TYPE_CHECKING = False  # mypy takes it for True; a lint run need not import typing
if TYPE_CHECKING:
    from typing import Any

CODE = "SPEC004"
NAME = "unknown-spec-key"
SEVERITY: Severity = "warning"
OPTIONS: dict[str, Any] = {}

#: finds nothing in a document without these (see engine.features)
NEEDS = frozenset({"spec"})


def check(ctx: LintContext, options: Mapping[str, Any]) -> Iterator[Finding]:
    """Yield one finding per unknown top-level key, at the key."""
    if ctx.spec is None:
        return
    messages_kind = ctx.spec.get("kind") == "messages"
    for key in ctx.spec:
        if not isinstance(key, str) or key in SPEC_KEYS:
            continue
        message = _messages_key(key) if messages_kind else _body_key(key)
        if message is not None:
            yield Finding(join("", key), message, at_key=True)


def _body_key(key: str) -> str | None:
    guess = near_spec_key(key, key_sets()["conversation"])
    return None if guess is None else f"unknown spec key '{key}'; did you mean '{guess}'?"


def _messages_key(key: str) -> str:
    if key in key_sets()["message"]:
        return f"'{key}' is not a spec key; put message fields under 'defaults'"
    if key in key_sets()["conversation"]:
        return f"'{key}' is not a key of a messages spec; it belongs to kind: conversation"
    guess = did_you_mean(key, SPEC_KEYS)
    if guess is not None:
        return f"unknown spec key '{key}'; did you mean '{guess}'?"
    return f"unknown spec key '{key}'; spec keys are {', '.join(SPEC_KEYS)}"
