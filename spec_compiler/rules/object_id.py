"""An id that does not look like a Web1on1 object id.

Every id in the API is a 24-character lowercase hexadecimal MongoDB ObjectId
(`590bd49f458b716046347f47`): `organization`, a message's `user` and `conversation`,
`meta.users`, `meta.organizations`, `meta.channels`, `meta.form`, and a spec's
`conversation` ([INF] facts §1.13: a warning, not an error). No options.

Fails:

```yaml
type: command
text: /notify
meta:
  organizations: [my-dealership]
```

Passes:

```yaml
type: command
text: /notify
meta:
  organizations: [5b979647a61b336ec33f201a]
```
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

from spec_compiler.diagnostics import Severity
from spec_compiler.document import LintContext, MessageSite, is_template
from spec_compiler.rules._channels import meta
from spec_compiler.rules._msg_util import field_pointer, unique
from spec_compiler.rules.base import Finding

TYPE_CHECKING = False  # mypy takes it for True; a lint run need not import typing
if TYPE_CHECKING:
    from typing import Any

CODE = "CONV007"
NAME = "not-an-object-id"
SEVERITY: Severity = "warning"
OPTIONS: dict[str, Any] = {}

OBJECT_ID = re.compile(r"^[0-9a-f]{24}$")
#: message fields holding one id; meta fields holding one id, or a list of ids
MESSAGE_IDS = ("user", "conversation")
META_IDS = ("form",)
META_ID_LISTS = ("users", "organizations", "channels")

#: a value ``_reported`` says no to: an object id, a ``{{ template }}`` or not a string
ID: dict[str, Any] = {"anyOf": [{"pattern": "^[0-9a-f]{24}$"}, {"pattern": "\\{\\{"}]}

#: finds nothing where every id field holds an object id (see spec_compiler.quiet)
QUIET: dict[str, Any] = {
    "message": {"properties": {
        **{key: ID for key in MESSAGE_IDS},
        "meta": {"properties": {**{key: ID for key in META_IDS},
                                **{key: {"items": ID} for key in META_ID_LISTS}}},
    }},
    "conversation": {"properties": {"organization": ID}},
    "message-list": True,
}


def check(ctx: LintContext, options: Mapping[str, Any]) -> Iterator[Finding]:
    """Yield one finding per value that is not an object id."""
    found: list[Finding] = []
    top = ctx.data if isinstance(ctx.data, Mapping) and ctx.kind in ("spec", "conversation") else {}
    for key in ("organization", "conversation"):
        if key == "organization" or ctx.is_spec:
            found += _ids(f"/{key}", top.get(key))
    for site in ctx.messages:
        found += _site(ctx, site)
    yield from unique(found)


def _site(ctx: LintContext, site: MessageSite) -> Iterator[Finding]:
    # a pointer is worked out only for a value that is reported
    for key in MESSAGE_IDS:
        value = site.message.get(key)
        if _reported(value):
            yield from _ids(field_pointer(ctx, site, key), value)
    m = meta(site.message)
    if not m:
        return
    for key in META_IDS:
        value = m.get(key)
        if _reported(value):
            yield from _ids(field_pointer(ctx, site, "meta", key), value)
    for key in META_ID_LISTS:
        values = m.get(key)
        if isinstance(values, list):
            for i, value in enumerate(values):
                if _reported(value):
                    yield from _ids(f"{field_pointer(ctx, site, 'meta', key)}/{i}", value)


def _reported(value: Any) -> bool:
    """True for a value ``_ids`` reports."""
    return isinstance(value, str) and not is_template(value) and not OBJECT_ID.match(value)


def _ids(ptr: str, value: Any) -> Iterator[Finding]:
    if isinstance(value, str) and not is_template(value) and not OBJECT_ID.match(value):
        hint = "; write it in lowercase" if OBJECT_ID.match(value.lower()) else ""
        yield Finding(ptr, f"'{value}' is not an object id (24 hexadecimal characters){hint}")
