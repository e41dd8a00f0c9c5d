"""Definitions the rules' ``QUIET`` conditions share (see ``spec_compiler.quiet``).

A condition refers to one as ``{"$ref": "#/$defs/NAME"}``. Patterns are ECMA-262 as
jsonschema_rs runs them, searched (not matched) unless anchored: anchor them with ``^``
and ``$`` and write character classes out in ASCII (``[!-~]``, not ``\\S``), so that a
value they accept is one the rule's Python check also accepts.
"""

from __future__ import annotations

TYPE_CHECKING = False  # mypy takes it for True; a lint run need not import typing
if TYPE_CHECKING:
    from typing import Any


#: the characters NON_SPACE and NON_ASCII_NON_SPACE leave out: every control character and
#: every character Python's ``str.isspace`` (``str.strip``) takes for whitespace
_SPACES = "\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000"
#: one character that is not whitespace to Python: printable ASCII, and any other
#: character from U+00A1 on but the Unicode spaces. Written as a negated class: the same
#: set written as the ranges it holds took Python's ``re`` 6-9 ms to compile (its ranges
#: up to U+FFFF become a 64 K table), the small runs' Python certificates' largest cost
NON_SPACE = f"[^\\x00-\\x20\\x7f-\\xa0{_SPACES}]"
#: one character of NON_SPACE that is not ASCII
NON_ASCII_NON_SPACE = f"[^\\x00-\\xa0{_SPACES}]"

#: an absolute http(s) URL with a plain host and only printable ASCII (the fast accept of
#: ``_act_util.is_http_url``, narrowed)
HTTP_URL = "^[hH][tT][tT][pP][sS]?://[A-Za-z0-9._~-]+(?:[/?#][!-~]*)?$"

DEFS: dict[str, Any] = {
    # a string that is not empty and not only whitespace
    "nonBlank": {"type": "string", "pattern": NON_SPACE},
    "httpUrl": {"type": "string", "pattern": HTTP_URL},
}


def lazy(schema: dict[str, Any]) -> dict[str, Any]:
    """``schema``, compiled only when a document first reaches it (``x-lazy``, see
    spec_compiler.quiet): for conditions that cost milliseconds to compile (large
    regexes) and that most documents never reach (put them last in an ``anyOf``)."""
    return {"x-lazy": schema}
