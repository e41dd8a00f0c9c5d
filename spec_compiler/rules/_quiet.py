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


#: one character that is not whitespace to Python (``str.isspace``, ``str.strip``): ASCII
#: from ``!`` to ``~`` and the BMP without its Unicode spaces (astral characters are left
#: out: a text of emoji alone takes the full path)
NON_SPACE = ("[!-~\\u00a1-\\u167f\\u1681-\\u1fff\\u200b-\\u2027\\u202a-\\u202e"
             "\\u2030-\\u205e\\u2060-\\u2fff\\u3001-\\uffff]")

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
