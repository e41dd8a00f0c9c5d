"""What the file rules share: the content type of a file message and of its URL."""

from __future__ import annotations

import posixpath
from collections.abc import Mapping
from functools import cache

TYPE_CHECKING = False  # mypy takes it for True
if TYPE_CHECKING:
    import mimetypes
    from typing import Any

#: extensions the standard table lacks or gets differently across Python versions
EXTENSION_TYPES: dict[str, str] = {
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".heic": "image/heic",
    ".pdf": "application/pdf",
    ".mp4": "video/mp4",
    ".3gp": "video/3gpp",
    ".mp3": "audio/mpeg",
    ".m4a": "audio/mp4",
    ".ogg": "audio/ogg",
    ".amr": "audio/amr",
    ".wav": "audio/wav",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}
#: scripts whose output type the server decides: their extension says nothing
DYNAMIC = frozenset({".php", ".asp", ".aspx", ".jsp", ".cgi", ".pl", ".py"})
#: other names of the same type
ALIASES: dict[str, str] = {
    "image/jpg": "image/jpeg",
    "image/pjpeg": "image/jpeg",
    "application/x-pdf": "application/pdf",
    "audio/mp3": "audio/mpeg",
    "audio/x-wav": "audio/wav",
    "audio/wave": "audio/wav",
    "audio/x-m4a": "audio/mp4",
}


@cache
def _table() -> mimetypes.MimeTypes:
    import mimetypes  # with urllib.parse, ~2.5 ms: only for file messages

    return mimetypes.MimeTypes()


def content_type(message: Mapping[str, Any]) -> str | None:
    """The message's ``contentType`` without parameters, lower case."""
    value = message.get("contentType")
    if not isinstance(value, str):
        return None
    return normal(value)


def normal(ctype: str) -> str:
    """A MIME type without parameters, lower case, aliases resolved."""
    base = ctype.split(";", 1)[0].strip().lower()
    return ALIASES.get(base, base)


def extension(url: str) -> str | None:
    """The lower-case extension of a URL's path (None when it has none)."""
    from urllib.parse import unquote, urlsplit  # ~2 ms to import: only for file messages

    try:
        path = urlsplit(url).path
    except ValueError:
        return None
    ext = posixpath.splitext(unquote(posixpath.basename(path)))[1].lower()
    return ext or None


def type_of_extension(ext: str) -> str | None:
    """The MIME type an extension stands for (None when unknown or server-decided)."""
    if ext in DYNAMIC:
        return None
    guessed = EXTENSION_TYPES.get(ext) or _table().guess_type("file" + ext)[0]
    return normal(guessed) if guessed else None


def compatible(declared: str, guessed: str) -> bool:
    """True when a URL's extension fits the declared content type."""
    if declared == guessed or declared == "application/octet-stream":
        return True
    return declared.startswith("image/") and guessed.startswith("image/")
