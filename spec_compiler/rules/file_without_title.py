"""File message without a title.

The seed's file example names the file in ``meta.title`` ([DOC] seed, "Sending files and
images"); without it the contact sees a bare link or file name.

Fails:

```yaml
role: agent
text: http://infolab.stanford.edu/pub/papers/google.pdf
contentType: application/pdf
```

Passes:

```yaml
role: agent
text: http://infolab.stanford.edu/pub/papers/google.pdf
contentType: application/pdf
meta:
  title: Google
```
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from spec_compiler.diagnostics import Severity
from spec_compiler.document import LintContext
from spec_compiler.pointer import join
from spec_compiler.rules._channels import meta
from spec_compiler.rules._site_util import faulty, is_file, origin, outbound, unique
from spec_compiler.rules.base import Finding

TYPE_CHECKING = False  # mypy takes it for True; a lint run need not import typing
if TYPE_CHECKING:
    from typing import Any

CODE = "FILE003"
NAME = "file-without-title"
SEVERITY: Severity = "info"
OPTIONS: dict[str, Any] = {}

#: finds nothing in a document without these (see engine.features)
NEEDS = frozenset({"contentType"})

#: ``is_file`` says no: no contentType, or a ``text/*`` one (the schema makes it start
#: with an ASCII letter or digit, so ``strip`` changes nothing at its start)
NOT_FILE: dict[str, Any] = {"properties": {"contentType": {"pattern": "^[tT][eE][xX][tT]/"}}}
#: ``outbound`` says no: a role other than agent, backchannel, or a type other than
#: chat and card (an absent role or type counts as agent and chat)
NOT_OUTBOUND: dict[str, Any] = {"anyOf": [
    {"required": ["role"], "properties": {"role": {"not": {"const": "agent"}}}},
    {"required": ["isBackchannel"], "properties": {"isBackchannel": {"const": True}}},
    {"required": ["type"], "properties": {"type": {"not": {"enum": ["chat", "card"]}}}},
]}
HAS_TITLE: dict[str, Any] = {"required": ["meta"], "properties": {"meta": {"required": ["title"]}}}

#: finds nothing where each outbound file message has a meta.title (see spec_compiler.quiet)
QUIET: dict[str, Any] = {
    "message": {"anyOf": [NOT_FILE, NOT_OUTBOUND, HAS_TITLE]},
    "conversation": True,
    "message-list": True,
}


def check(ctx: LintContext, options: Mapping[str, Any]) -> Iterator[Finding]:
    """A finding per outbound file message without ``meta.title``."""
    bad = faulty(ctx)
    found = []
    for site in ctx.messages:
        message = site.message
        if not is_file(message) or not outbound(message) or "title" in meta(message):
            continue
        if origin(ctx, site, "contentType") in bad:
            continue  # not a file after all: the schema reports the content type
        written = isinstance(site.written.get("meta"), Mapping)
        where = join(site.pointer, "meta") if written else site.pointer
        found.append(Finding(where, "file message has no 'meta.title'; name the file "
                                    "for the contact"))
    yield from unique(found)
