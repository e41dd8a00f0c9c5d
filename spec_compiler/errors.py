"""Our exception types (anything else escaping a command is a bug)."""

from __future__ import annotations


class UsageError(Exception):
    """Bad arguments or configuration: exit 2 with this message."""
