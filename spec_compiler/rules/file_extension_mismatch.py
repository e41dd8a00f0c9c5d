"""File URL whose extension contradicts the content type.

A file message's ``contentType`` tells the channel how to show the file at the URL in
``text`` ([DOC] seed); a '.pdf' sent as 'image/png' shows as a broken image ([INF]).
URLs without an extension, or of scripts ('.php'), are not judged.

Fails:

```yaml
role: agent
text: http://infolab.stanford.edu/pub/papers/google.pdf
contentType: image/png
meta:
  title: Google
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
from typing import Any

from spec_compiler.diagnostics import Severity
from spec_compiler.document import LintContext
from spec_compiler.rules._act_util import is_http_url
from spec_compiler.rules._file_util import compatible, content_type, extension, type_of_extension
from spec_compiler.rules._site_util import faulty, is_file, origin, plain_text, unique
from spec_compiler.rules.base import Finding

CODE = "FILE002"
NAME = "file-extension-mismatch"
SEVERITY: Severity = "warning"
OPTIONS: dict[str, Any] = {}

#: finds nothing in a document without these (see engine.features)
NEEDS = frozenset({"contentType"})


def explain(url: str, declared: str) -> str | None:
    """Why the URL's extension contradicts ``declared`` (None when it does not)."""
    ext = extension(url)
    guessed = type_of_extension(ext) if ext is not None else None
    if ext is None or guessed is None or compatible(declared, guessed):
        return None
    return (f"contentType '{declared}' does not fit the '{ext}' URL in text "
            f"('{guessed}'); use '{guessed}' or check the URL")


def check(ctx: LintContext, options: Mapping[str, Any]) -> Iterator[Finding]:
    """A finding (at ``contentType``) per file whose URL extension contradicts it."""
    bad = faulty(ctx)
    found = []
    for site in ctx.messages:
        text, declared = plain_text(site.message), content_type(site.message)
        if not is_file(site.message) or text is None or declared is None:
            continue
        pointer = origin(ctx, site, "contentType")
        message = explain(text, declared) if is_http_url(text) else None
        if message is not None and pointer not in bad:
            found.append(Finding(pointer, message))
    yield from unique(found)
