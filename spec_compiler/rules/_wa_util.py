"""What the WhatsApp rules share: Meta's template languages and did-you-mean hints."""

from __future__ import annotations

import re
from collections.abc import Iterator

from spec_compiler.document import LintContext, MessageSite
from spec_compiler.rules._channels import is_template
from spec_compiler.rules._site_util import channels, outbound

TYPE_CHECKING = False  # mypy takes it for True; a lint run need not import typing
if TYPE_CHECKING:
    from typing import Any

#: Meta's supported template language codes (facts §11, On-Premises list)
_LANGUAGE_LIST = (
    "af sq ar az bn bg ca zh_CN zh_HK zh_TW hr cs da nl en en_GB en_US et fil fi fr ka "
    "de el gu ha he hi hu id ga it ja kn kk rw_RW ko ky_KG lo lv lt mk ms ml mr nb fa "
    "pl pt_BR pt_PT pa ro ru sr sk sl es es_AR es_ES es_MX sw sv ta te th tr uk ur uz vi zu"
)
LANGUAGES = frozenset(_LANGUAGE_LIST.split())
LANGUAGE_FORMAT = re.compile(r"^[a-z]{2,3}(_[A-Z]{2})?$")
NAMESPACE_FORMAT = re.compile(r"^[0-9a-f]{8}_[0-9a-f]{4}_[0-9a-f]{4}_[0-9a-f]{4}_[0-9a-f]{12}$")
NAME_FORMAT = re.compile(r"^[a-z0-9_]+$")


def language_fix(value: str) -> str | None:
    """``nl-NL`` → ``nl_NL``, ``NL`` → ``nl``: the well-formed code meant, if clear."""
    parts = re.split(r"[-_\s]+", value.strip())
    if not 1 <= len(parts) <= 2:
        return None
    fixed = parts[0].lower() + ("_" + parts[1].upper() if len(parts) == 2 else "")
    return fixed if LANGUAGE_FORMAT.match(fixed) and fixed != value else None


def language_suggestion(code: str) -> str | None:
    """A supported code close to a well-formed but unknown one."""
    base = code.split("_")[0]
    if base in LANGUAGES:
        return base
    regional = sorted(c for c in LANGUAGES if c.startswith(base + "_"))
    if regional:
        return regional[0]
    import difflib  # ~1 ms to import (with heapq): only for a language to correct

    close = difflib.get_close_matches(code, sorted(LANGUAGES), n=1, cutoff=0.6)
    return close[0] if close else None


def name_fix(value: str) -> str | None:
    """``Car Ready`` → ``car_ready``: the template name meant, if clear."""
    fixed = re.sub(r"[\s-]+", "_", value.strip()).lower()
    return fixed if NAME_FORMAT.match(fixed) and fixed != value else None


def namespace_fix(value: str) -> str | None:
    """A UUID written with dashes or in upper case → the underscore form."""
    fixed = value.strip().lower().replace("-", "_")
    return fixed if NAMESPACE_FORMAT.match(fixed) and fixed != value else None


def free_form_whatsapp(ctx: LintContext) -> Iterator[tuple[MessageSite, bool]]:
    """Outbound free-form WhatsApp messages sent before the contact wrote in the request.

    Yields each with True when it opens a new conversation (WA006's case), False otherwise
    (WA007's). A ``role: contact`` message in the request means the contact just wrote:
    the 24-hour window is open from there on.
    """
    new = ctx.request == "conversation"
    for site, channel in channels(ctx):
        message = site.message
        if message.get("role") == "contact":
            return
        if channel == "whatsapp" and outbound(message) and not is_template(message):
            yield site, new


# ---------------------------------------------------------------- quiet conditions
# WA006 and WA007: which messages free_form_whatsapp() may yield, as JSON Schema

_WHATSAPP = "^[wW][hH][aA][tT][sS][aA][pP][pP]$"
#: messages free_form_whatsapp() skips whatever the channel: not outbound (a role other
#: than agent, backchannel, neither chat nor card) or a template (namespace/elementName)
NOT_FREE_FORM: list[dict[str, Any]] = [
    {"required": ["role"], "properties": {"role": {"not": {"const": "agent"}}}},
    {"required": ["isBackchannel"], "properties": {"isBackchannel": {"const": True}}},
    {"required": ["type"],
     "properties": {"type": {"type": "string", "not": {"enum": ["chat", "card"]}}}},
    {"required": ["meta"], "properties": {"meta": {
        "type": "object", "anyOf": [{"required": ["namespace"]}, {"required": ["elementName"]}]}}},
]
#: a touchpoint that is printable ASCII (so lower() is the ASCII one) or a {{ template }},
#: and not whatsapp in any case
NOT_WHATSAPP_TOUCHPOINT: dict[str, Any] = {
    "type": "string", "anyOf": [{"pattern": "^[ -z|~]*$"}, {"pattern": "\\{\\{"}],
    "not": {"pattern": _WHATSAPP}}
#: a message that names a known touchpoint of its own that is not whatsapp
OWN_NOT_WHATSAPP: dict[str, Any] = {"required": ["touchpoint"], "properties": {"touchpoint": {
    "type": "string", "pattern": "^[ -z|~]+$", "not": {"pattern": _WHATSAPP}}}}
#: a message whose own channel is not whatsapp, whatever came before it
EACH_NOT_FREE_FORM: dict[str, Any] = {"anyOf": [*NOT_FREE_FORM, OWN_NOT_WHATSAPP]}
#: a message whose touchpoint, if written, is not whatsapp
NO_WHATSAPP: dict[str, Any] = {"properties": {"touchpoint": NOT_WHATSAPP_TOUCHPOINT}}
