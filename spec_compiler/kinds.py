"""Document kinds by shape (DESIGN §2), light enough for the lint fast path."""

from __future__ import annotations

from collections.abc import Mapping

TYPE_CHECKING = False  # mypy takes it for True; a lint run need not import typing
if TYPE_CHECKING:
    from typing import Any

    from spec_compiler.document import DocumentKind


def detect_kind(data: Any) -> DocumentKind:
    """Recognise a document by its shape (DESIGN §2)."""
    if isinstance(data, list):
        return "message-list"
    if type(data) is dict or isinstance(data, Mapping):  # an ABC check costs ~2K instructions
        if "kind" in data:
            return "spec"
        if ("contact" in data or "organization" in data) and "messages" in data:
            return "conversation"
    return "message"
