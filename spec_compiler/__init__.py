"""Lint, compile and document Web1on1 outbound message specs."""

__version__ = "0.1.0"
