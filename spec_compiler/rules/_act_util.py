"""What the action rules share: the URLs of a message and their placeholders."""

from __future__ import annotations

import re
from collections import namedtuple
from collections.abc import Iterator, Mapping

from spec_compiler.document import LintContext, MessageSite, is_template
from spec_compiler.rules._site_util import Path, actions_of, origin

#: the placeholders the server fills in link URLs ([DOC] seed, facts §7)
AUTH_PLACEHOLDERS = ("authuser", "authtoken")
#: ``{word}`` with single braces (``{{ var }}`` is a template, not a placeholder)
PLACEHOLDER = re.compile(r"(?<!\{)\{(\w+)\}(?!\})")
#: URL fields by action type
ACTION_URL_FIELDS: dict[str, tuple[str, ...]] = {
    "link": ("uri", "url"),
    "webview": ("uri", "fallback"),
    "reply": ("iconUrl",),
}

TYPE_CHECKING = False  # mypy takes it for True
if TYPE_CHECKING:
    from typing import Any, NamedTuple


if TYPE_CHECKING:
    class UrlValue(NamedTuple):
        """One URL of a message: where it was written, its field and value."""

        pointer: str
        field: str
        value: str
else:
    UrlValue = namedtuple("UrlValue", "pointer field value")


def _url(ctx: LintContext, site: MessageSite, path: Path, name: str,
         holder: Mapping[str, Any]) -> Iterator[UrlValue]:
    value = holder.get(name)
    if isinstance(value, str) and not is_template(value):
        yield UrlValue(origin(ctx, site, *path, name), name, value)


#: the URLs of the messages of the last context asked about: ACT003, ACT004 and ACT005
#: each ask for every message of the same context in turn
_LAST: tuple[LintContext | None, dict[int, tuple[MessageSite, tuple[UrlValue, ...]]]] = (
    None, {})


def message_urls(ctx: LintContext, site: MessageSite) -> tuple[UrlValue, ...]:
    """Link and webview URLs, quick-reply icons and item images of a message."""
    global _LAST
    last, urls = _LAST
    if last is not ctx:
        urls = {}
        _LAST = (ctx, urls)
    key = id(site)
    found = urls.get(key)
    if found is None or found[0] is not site:
        found = (site, tuple(_message_urls(ctx, site)))
        urls[key] = found  # the site is kept with its URLs: its id stays its own
    return found[1]


def _message_urls(ctx: LintContext, site: MessageSite) -> Iterator[UrlValue]:
    for path, action in actions_of(site.message):
        kind = action.get("type")
        for name in ACTION_URL_FIELDS.get(kind if isinstance(kind, str) else "", ()):
            yield from _url(ctx, site, path, name, action)
    items = site.message.get("items")
    for i, item in enumerate(items if isinstance(items, list) else []):
        if isinstance(item, Mapping):
            yield from _url(ctx, site, ("items", i), "mediaUrl", item)


def placeholders(value: str) -> list[str]:
    """The ``{word}`` placeholders of a URL, in order."""
    return PLACEHOLDER.findall(value)


#: an http(s) URL whose host is plain (letters, digits, ``.-_~``) and which has no
#: whitespace: ``urlsplit`` below would say yes, without the cost
_PLAIN_HTTP_URL = re.compile(r"[hH][tT][tT][pP][sS]?://[A-Za-z0-9._~-]+(?:[/?#]\S*)?")


def is_http_url(value: str) -> bool:
    """True for an absolute http(s) URL (server placeholders allowed inside)."""
    if _PLAIN_HTTP_URL.fullmatch(value):
        return True
    filled = PLACEHOLDER.sub("x", value)
    if any(c.isspace() for c in filled):
        return False
    from urllib.parse import urlsplit  # ~2 ms to import, for the URLs the pattern declines

    try:
        parts = urlsplit(filled)
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)


def looks_like_url(value: str) -> bool:
    """True for a value that is meant as a URL (``http…``, ``www.…``)."""
    lowered = value.strip().lower()
    return lowered.startswith(("http://", "https://", "www."))
