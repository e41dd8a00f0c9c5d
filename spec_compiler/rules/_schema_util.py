"""Shared helpers of the schema-backed rules: picking a code's faults and polishing messages."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator

from spec_compiler.document import LintContext, SchemaError
from spec_compiler.nearmiss import closest
from spec_compiler.rules.base import Finding
from spec_compiler.rules.schema_map import FALLBACK_CODE, code_for

Polish = Callable[[LintContext, SchemaError], str]

_ONE_OF = re.compile(r"^(?P<head>unknown .*?'(?P<value>[^']*)'); expected one of (?P<choices>.+)$")
_TYPE = re.compile(r"^expected (?P<expected>.+?), got (?P<kind>boolean|integer|number) ")


def did_you_mean(value: str, choices: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The closest of ``choices`` to ``value``: case-insensitive equality first, then difflib."""
    return closest(value, tuple(c for c in choices if isinstance(c, str)), cutoff)


def hint(value: str, choices: Iterable[str], cutoff: float = 0.6) -> str:
    """``"; did you mean 'X'?"`` or ``""``."""
    match = did_you_mean(value, choices, cutoff)
    return f"; did you mean '{match}'?" if match is not None else ""


def is_profile_missing(error: SchemaError) -> bool:
    """True for ``contact`` without ``profile``: CONV001 owns it, not SCHEMA002."""
    return (error.keyword == "required" and error.pointer == "/contact"
            and isinstance(error.value, dict) and "profile" not in error.value)


def our_code(error: SchemaError) -> str:
    """``schema_map.code_for`` plus two assignments the table does not make (yet).

    A ``contact`` without ``profile`` is CONV001 (no identifier), and a ``not`` fault (a
    value the schema excludes, like a reply action inside an item) is an invalid value.
    """
    if is_profile_missing(error):
        return "CONV001"
    code = code_for(error)
    return "SCHEMA003" if code == FALLBACK_CODE and error.keyword == "not" else code


def errors_for(ctx: LintContext, code: str) -> Iterator[SchemaError]:
    """The document's schema faults that map to ``code``."""
    for error in ctx.schema_errors:
        if our_code(error) == code:
            yield error


def schema_rule_findings(ctx: LintContext, code: str,
                         polish: Polish | None = None) -> Iterator[Finding]:
    """Findings for ``code``, each message optionally rewritten by ``polish``."""
    for error in errors_for(ctx, code):
        message = polish(ctx, error) if polish is not None else error.message
        yield Finding(error.pointer, message, at_key=error.at_key)


def polish_enum(ctx: LintContext, error: SchemaError) -> str:
    """Add a did-you-mean (a looser match than the validator's) to an enum fault."""
    match = _ONE_OF.match(error.message)
    if match is None:
        return error.message
    choices = [c.strip() for c in match["choices"].split(",")]
    guess = did_you_mean(match["value"], choices, cutoff=0.5)
    if guess is None:
        return error.message
    return f"{match['head']}; did you mean '{guess}'?"


def polish_type(ctx: LintContext, error: SchemaError) -> str:
    """A scalar YAML read as a number or boolean where a string is wanted: say to quote it."""
    match = _TYPE.match(error.message)
    if match is None or "a string" not in match["expected"]:
        return error.message
    base = f"expected {match['expected']}, got the {match['kind']} {_shown(error.value)}"
    if ctx.flags.get("rendered"):
        return base  # the value came from a variable; the spec's text is not the culprit
    raw = ctx.document.locator.raw(error.pointer)
    if raw is None or raw.startswith(("'", '"')):
        return base
    return f"{base}; quote it to keep the text: '{raw}'"


def _shown(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
