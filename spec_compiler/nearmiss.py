"""Near misses of known names: what "did you mean" suggests.

Kept light (difflib and functools only): the fast path of ``lint`` asks it whether an
unknown meta key is a near miss of a known one (``x-no-near-miss`` in ``quiet``), with
the very function MSG001 reports from.
"""

from __future__ import annotations

import difflib
from functools import lru_cache


@lru_cache(maxsize=4096)
def closest(value: str, options: tuple[str, ...], cutoff: float) -> str | None:
    """The closest of ``options`` to ``value``: case-insensitive equality first, then
    difflib at ``cutoff`` (a pure function, asked again for every file with the same typo)."""
    lowered = {c.lower(): c for c in options}
    if value.lower() in lowered:
        return lowered[value.lower()]
    close = difflib.get_close_matches(value.lower(), list(lowered), n=1, cutoff=cutoff)
    return lowered[close[0]] if close else None


def squash(key: str) -> str:
    """``key`` in lower case without ``_``, ``-`` and spaces (``sender_id`` → ``senderid``)."""
    return key.lower().replace("_", "").replace("-", "").replace(" ", "")


@lru_cache(maxsize=4096)
def near_miss(key: str, known: tuple[str, ...], cutoff: float) -> str | None:
    """The known name ``key`` is a near miss of: equal once squashed, else the closest at
    ``cutoff``; None when there is none."""
    squashed = {squash(k): k for k in known}
    return squashed.get(squash(key)) or closest(key, known, cutoff)
