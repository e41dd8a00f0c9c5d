"""Near misses of known names: what "did you mean" suggests.

Kept light (functools only; difflib when a name may be close): the fast path of ``lint``
asks it whether an unknown meta key is a near miss of a known one (``x-no-near-miss`` in
``quiet``), with the very function MSG001 reports from. Most unknown keys are far from
every known one, which difflib's own upper bounds on its ratio show (``_may_reach``);
only a name that passes them imports difflib (~2.8 ms of a process that only certifies,
2026-12-03).
"""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=4096)
def closest(value: str, options: tuple[str, ...], cutoff: float) -> str | None:
    """The closest of ``options`` to ``value``: case-insensitive equality first, then
    difflib at ``cutoff`` (a pure function, asked again for every file with the same typo)."""
    lowered = {c.lower(): c for c in options}
    word = value.lower()
    if word in lowered:
        return lowered[word]
    if 0.0 <= cutoff <= 1.0 and not any(_may_reach(word, o, cutoff) for o in lowered):
        return None  # difflib would find nothing: it tests these same bounds first
    import difflib

    close = difflib.get_close_matches(word, list(lowered), n=1, cutoff=cutoff)
    return lowered[close[0]] if close else None


def _may_reach(word: str, option: str, cutoff: float) -> bool:
    """False when difflib's ratio of ``option`` to ``word`` is certainly below ``cutoff``:
    ``get_close_matches`` keeps an option only when its ``real_quick_ratio`` and its
    ``quick_ratio`` (upper bounds of ``ratio``) reach the cutoff too, and these are those
    two, computed as ``SequenceMatcher`` computes them (``2.0 * matches / length``)."""
    length = len(word) + len(option)
    if not length:
        return True
    if 2.0 * min(len(word), len(option)) / length < cutoff:
        return False
    counts: dict[str, int] = {}
    for char in word:
        counts[char] = counts.get(char, 0) + 1
    matches = 0
    for char in option:
        left = counts.get(char, 0)
        if left > 0:
            matches += 1
            counts[char] = left - 1
    return 2.0 * matches / length >= cutoff


def squash(key: str) -> str:
    """``key`` in lower case without ``_``, ``-`` and spaces (``sender_id`` → ``senderid``)."""
    return key.lower().replace("_", "").replace("-", "").replace(" ", "")


@lru_cache(maxsize=4096)
def near_miss(key: str, known: tuple[str, ...], cutoff: float) -> str | None:
    """The known name ``key`` is a near miss of: equal once squashed, else the closest at
    ``cutoff``; None when there is none."""
    squashed = {squash(k): k for k in known}
    return squashed.get(squash(key)) or closest(key, known, cutoff)
