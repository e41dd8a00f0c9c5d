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

from spec_compiler.diagnostics import Severity
from spec_compiler.document import LintContext
from spec_compiler.rules._act_util import is_http_url
from spec_compiler.rules._file_util import (
    ALIASES,
    DYNAMIC,
    EXTENSION_TYPES,
    compatible,
    content_type,
    extension,
    normal,
    type_of_extension,
)
from spec_compiler.rules._quiet import lazy
from spec_compiler.rules._site_util import faulty, is_file, origin, plain_text, unique
from spec_compiler.rules.base import Finding

TYPE_CHECKING = False  # mypy takes it for True; a lint run need not import typing
if TYPE_CHECKING:
    from typing import Any

CODE = "FILE002"
NAME = "file-extension-mismatch"
SEVERITY: Severity = "warning"
OPTIONS: dict[str, Any] = {}

#: finds nothing in a document without these (see engine.features)
NEEDS = frozenset({"contentType"})


# ---------------------------------------------------------------- quiet condition
# Built once at import from EXTENSION_TYPES (which type_of_extension reads before the
# system's mimetypes table): a URL whose path ends in one of its extensions fits a
# declared type when ``compatible`` says so.

#: an http(s) URL with a plain host and a path (``/`` on) without ``%`` (``unquote``
#: changes nothing) up to the first ``?`` or ``#`` (where ``urlsplit`` ends the path)
PLAIN_URL = ("^[hH][tT][tT][pP][sS]?://[A-Za-z0-9._~-]+/[A-Za-z0-9._~!$&'()*+,;=:@/-]*"
             "(?:[?#][!-~]*)?$")
#: an http(s) URL whose path's last segment has no dot: ``extension`` gives None
URL_WITHOUT_EXTENSION = ("^[hH][tT][tT][pP][sS]?://[A-Za-z0-9._~-]+"
                         "(?:/(?:[A-Za-z0-9._~!$&'()*+,;=:@/-]*/)?[A-Za-z0-9_~!$&'()*+,;=:@-]*)?"
                         "(?:[?#][!-~]*)?$")


def _ending_in(exts: list[str]) -> dict[str, Any]:
    """Of a PLAIN_URL: its path ends in one of ``exts`` (any case), so ``extension``
    gives that extension (or None, for a last segment of dots alone)."""
    names = "|".join("".join(f"[{c.lower()}{c.upper()}]" if c.isalpha() else c
                             for c in ext.lstrip(".")) for ext in sorted(exts))
    return {"pattern": f"^[^?#]*[.](?:{names})(?:[?#]|$)"}


def _fitting() -> list[dict[str, Any]]:
    """Per group of declared types (written as ``normal`` keeps them), the extensions
    that fit them."""
    if DYNAMIC & set(EXTENSION_TYPES) or any(
            a.startswith("image/") != t.startswith("image/") for a, t in ALIASES.items()):
        raise AssertionError("the FILE002 quiet condition assumes neither")
    guessed = {ext: normal(t) for ext, t in EXTENSION_TYPES.items()}
    images = [ext for ext, t in guessed.items() if t.startswith("image/")]
    out: list[dict[str, Any]] = [
        # every image/* type fits every image extension
        {"properties": {"contentType": {"pattern": "^image/"}, "text": _ending_in(images)}},
        {"properties": {"contentType": {"const": "application/octet-stream"}}},  # fits all
    ]
    groups: dict[tuple[str, ...], list[str]] = {}
    for spelling in sorted({*EXTENSION_TYPES.values(), *ALIASES}):
        fits = tuple(e for e, t in guessed.items() if compatible(normal(spelling), t))
        if fits and not spelling.startswith("image/"):
            groups.setdefault(fits, []).append(spelling)
    for fits, spellings in sorted(groups.items()):
        out.append({"properties": {"contentType": {"enum": spellings},
                                   "text": _ending_in(list(fits))}})
    return out


#: finds nothing where each file message's text is a ``{{ template }}``, a plain http(s)
#: URL without an extension, or one whose extension (one of EXTENSION_TYPES) fits the
#: declared contentType (see spec_compiler.quiet)
QUIET: dict[str, Any] = {
    "message": {"anyOf": [
        {"properties": {"contentType": {"pattern": "^[tT][eE][xX][tT]/"}}},  # not a file
        {"properties": {"text": {"pattern": "\\{\\{"}}},
        {"properties": {"text": {"pattern": URL_WITHOUT_EXTENSION}}},
        # costly to compile, reached only by file messages: compiled on first use
        lazy({"required": ["contentType"], "properties": {"text": {"pattern": PLAIN_URL}},
              "anyOf": _fitting()}),
    ]},
    "conversation": True,
    "message-list": True,
}


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
