"""File message whose text is not the file's URL.

Files and images are chat or card messages with a ``contentType`` and the file's URL in
``text`` ([DOC] seed, "Sending files and images"); with any content type other than
``text/*`` the text must be an absolute http(s) URL.

Fails:

```yaml
role: agent
text: Here is the brochure
contentType: application/pdf
meta:
  title: Brochure
```

Passes:

```yaml
role: agent
text: https://example.org/brochure.pdf
contentType: application/pdf
meta:
  title: Brochure
```
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from spec_compiler.diagnostics import Severity
from spec_compiler.document import LintContext
from spec_compiler.rules._act_util import is_http_url
from spec_compiler.rules._site_util import faulty, is_file, origin, plain_text, quote, unique
from spec_compiler.rules.base import Finding

TYPE_CHECKING = False  # mypy takes it for True; a lint run need not import typing
if TYPE_CHECKING:
    from typing import Any

CODE = "FILE001"
NAME = "file-text-not-url"
SEVERITY: Severity = "error"
OPTIONS: dict[str, Any] = {}

#: finds nothing in a document without these (see engine.features)
NEEDS = frozenset({"contentType"})

#: ``is_file`` says no: no contentType, or a ``text/*`` one (the schema makes it start
#: with an ASCII letter or digit, so ``strip`` changes nothing at its start)
NOT_FILE: dict[str, Any] = {"properties": {"contentType": {"pattern": "^[tT][eE][xX][tT]/"}}}

#: finds nothing where each file message's text is a plain http(s) URL or a
#: ``{{ template }}`` (see spec_compiler.quiet)
QUIET: dict[str, Any] = {
    "message": {"anyOf": [
        NOT_FILE,
        {"properties": {"text": {"pattern": "\\{\\{"}}},
        {"properties": {"text": {"$ref": "#/$defs/httpUrl"}}},
    ]},
    "conversation": True,
    "message-list": True,
}


def check(ctx: LintContext, options: Mapping[str, Any]) -> Iterator[Finding]:
    """A finding per file message whose text is not an absolute http(s) URL."""
    bad = faulty(ctx)
    found = []
    for site in ctx.messages:
        text = plain_text(site.message)
        if not is_file(site.message) or text is None:
            continue
        if origin(ctx, site, "contentType") in bad or is_http_url(text):
            continue
        ctype = site.message["contentType"]
        found.append(Finding(origin(ctx, site, "text"),
                             f"text {quote(text)} is not a URL; with contentType "
                             f"{quote(ctype)} the text must be the file's http(s) URL"))
    yield from unique(found)
