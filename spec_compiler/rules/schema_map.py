"""The one table that maps schema faults to our codes.

By jsonschema keyword, with a few pointer-specific entries where a domain rule owns the
fault (a SenderID pattern is SMS001, not a generic format error), so one fault gets one
finding under the code a user would look up.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from spec_compiler.document import LintContext, SchemaError
from spec_compiler.rules.base import Finding

#: (keywords, pointer pattern, code): checked in order, first match wins
DOMAIN_CODES: tuple[tuple[frozenset[str], re.Pattern[str], str], ...] = tuple(
    (frozenset(kws), re.compile(rx), code)
    for kws, rx, code in (
        ({"pattern", "minLength", "maxLength", "type"}, r"/meta/SenderID$", "SMS001"),
        ({"dependentRequired"}, r"(^|/)meta$", "WA001"),
        ({"pattern", "type"}, r"/meta/namespace$", "WA002"),
        ({"pattern", "maxLength", "minLength", "type"}, r"/meta/elementName$", "WA003"),
        ({"pattern", "type"}, r"/meta/language$", "WA004"),
        ({"required"}, r"^/contact/profile$", "CONV001"),
        ({"pattern", "format"}, r"^/contact/profile/telephone$", "CONV005"),
        ({"pattern", "format"}, r"^/contact/profile/email$", "CONV006"),
        ({"enum", "const"}, r"^/kind$", "SPEC003"),
    )
)

KEYWORD_CODES: dict[str, str] = {
    "type": "SCHEMA001",
    "required": "SCHEMA002",
    "enum": "SCHEMA003",
    "const": "SCHEMA003",
    "not": "SCHEMA003",
    "pattern": "SCHEMA004",
    "format": "SCHEMA004",
    "minLength": "SCHEMA005",
    "maxLength": "SCHEMA005",
    "minimum": "SCHEMA006",
    "maximum": "SCHEMA006",
    "exclusiveMinimum": "SCHEMA006",
    "exclusiveMaximum": "SCHEMA006",
    "multipleOf": "SCHEMA006",
    "minItems": "SCHEMA007",
    "maxItems": "SCHEMA007",
    "uniqueItems": "SCHEMA007",
    "contains": "SCHEMA007",
    "minContains": "SCHEMA007",
    "maxContains": "SCHEMA007",
    "dependentRequired": "SCHEMA008",
    "dependencies": "SCHEMA008",
}
FALLBACK_CODE = "SCHEMA009"


def code_for(error: SchemaError) -> str:
    """Our code for one schema fault."""
    for keywords, pattern, code in DOMAIN_CODES:
        if error.keyword in keywords and pattern.search(error.pointer):
            return code
    return KEYWORD_CODES.get(error.keyword, FALLBACK_CODE)


def schema_findings(ctx: LintContext, code: str) -> Iterator[Finding]:
    """The document's schema faults that map to ``code``, as findings."""
    for error in ctx.schema_errors:
        if code_for(error) == code:
            yield Finding(error.pointer, error.message, at_key=error.at_key)
