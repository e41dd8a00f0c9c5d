"""The rule registry: one explicit mapping from code to rule module.

Modules are imported on first use (``load_rules``) so that ``--help``, ``schema`` and
``compile --check`` of unchanged outputs do not pay for importing every rule.
"""

from __future__ import annotations

import sys
from functools import cache

TYPE_CHECKING = False  # mypy takes it for True; reading REGISTRY needs no rule machinery
if TYPE_CHECKING:
    from spec_compiler.rules.base import RuleModule

#: code -> module name in this package. Codes are stable: never renumber, never reuse.
REGISTRY: dict[str, str] = {
    # schema faults, mapped from jsonschema keywords (see schema_map.py)
    "SCHEMA001": "schema_type",
    "SCHEMA002": "schema_required",
    "SCHEMA003": "schema_enum",
    "SCHEMA004": "schema_format",
    "SCHEMA005": "schema_length",
    "SCHEMA006": "schema_range",
    "SCHEMA007": "schema_items",
    "SCHEMA008": "schema_dependency",
    "SCHEMA009": "schema_other",
    # messages in general
    "MSG001": "unknown_field",
    "MSG002": "missing_role",
    "MSG003": "internal_consumer_content",
    "MSG004": "unusual_type",
    "MSG005": "empty_text",
    # actions and items
    "ACT001": "link_without_target",
    "ACT002": "link_uri_mismatch",
    "ACT003": "link_not_http",
    "ACT004": "link_unknown_placeholder",
    "ACT005": "auth_placeholder_pair",
    "ACT006": "duplicate_payload",
    "ACT007": "quick_reply_length",
    "ACT008": "too_many_quick_replies",
    "ACT009": "action_without_text",
    "ACT010": "url_in_payload",
    "ACT011": "carousel_degrades",
    "ACT012": "multiple_open_on_receive",
    # SMS
    "SMS001": "sender_id_format",
    "SMS002": "sender_id_whitespace",
    "SMS003": "sender_id_touchpoint",
    "SMS004": "one_way_expects_reply",
    "SMS005": "sms_segments",
    "SMS006": "sms_ucs2",
    "SMS007": "sms_too_long",
    # WhatsApp
    "WA001": "template_incomplete",
    "WA002": "template_namespace",
    "WA003": "template_name",
    "WA004": "template_language_format",
    "WA005": "template_language_unknown",
    "WA006": "business_initiated_template",
    "WA007": "free_form_window",
    "WA008": "template_off_whatsapp",
    # conversation creation
    "CONV001": "contact_without_identifier",
    "CONV002": "touchpoint_identifier",
    "CONV003": "first_message_touchpoint",
    "CONV004": "no_outbound_message",
    "CONV005": "invalid_telephone",
    "CONV006": "invalid_email",
    "CONV007": "object_id",
    # files
    "FILE001": "file_text_not_url",
    "FILE002": "file_extension_mismatch",
    "FILE003": "file_without_title",
    # commands
    "CMD001": "command_prefix",
    "CMD002": "unknown_command",
    "CMD003": "assign_without_users",
    "CMD004": "command_as_chat",
    # pacing
    "PACE001": "decreasing_delay",
    "PACE002": "command_same_tick",
    "PACE003": "overlapping_typing",
    # specs
    "SPEC001": "undeclared_variable",
    "SPEC002": "unused_variable",
    "SPEC003": "unknown_kind",
    "SPEC004": "unknown_spec_key",
    "SPEC005": "template_syntax",
    "SPEC006": "invalid_variable_schema",
}


@cache
def load_rule(code: str) -> RuleModule:
    """Import the module of one rule (``__import__``, not ``importlib.import_module``:
    the importlib package, with warnings, costs ~0.9 ms a process that needs no more)."""
    name = f"{__name__}.{REGISTRY[code]}"
    __import__(name)
    module: RuleModule = sys.modules[name]
    return module


def load_rules() -> dict[str, RuleModule]:
    """Every registered rule, by code, in registry order."""
    return {code: load_rule(code) for code in REGISTRY}
