"""``nearmiss``: the same answers as difflib, without importing it for names far from
every known one."""

from __future__ import annotations

import difflib
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from spec_compiler import nearmiss


def _difflib_closest(value: str, options: tuple[str, ...], cutoff: float) -> str | None:
    """What ``closest`` answered before it had a pre-filter: difflib alone."""
    lowered = {c.lower(): c for c in options}
    if value.lower() in lowered:
        return lowered[value.lower()]
    close = difflib.get_close_matches(value.lower(), list(lowered), n=1, cutoff=cutoff)
    return lowered[close[0]] if close else None


KNOWN = ("SenderID", "categoryIndex", "channels", "elementName", "form", "hidden", "key",
         "language", "namespace", "organizations", "quotedMessage", "targetUser", "title",
         "users")
_NAMES = st.one_of(
    st.sampled_from(KNOWN),
    st.text(alphabet="aAeEiInNsStTrRlLdD_- ", max_size=14),
    st.sampled_from(KNOWN).flatmap(lambda k: st.tuples(st.just(k), st.integers(0, len(k)),
                                                       st.sampled_from("xeS_ ")).map(
        lambda t: t[0][:t[1]] + t[2] + t[0][t[1] + 1:])),  # one letter changed
)


@settings(max_examples=1500, deadline=None, database=None)
@given(_NAMES, st.lists(_NAMES, max_size=6).map(tuple) | st.just(KNOWN),
       st.sampled_from([0.0, 0.5, 0.6, 0.85, 0.9, 1.0]))
def test_closest_answers_as_difflib_does(value: str, options: tuple[str, ...],
                                         cutoff: float) -> None:
    assert nearmiss.closest.__wrapped__(value, options, cutoff) == _difflib_closest(
        value, options, cutoff)


@pytest.mark.parametrize(("value", "expected"), [
    ("SenderId", "SenderID"), ("sender_id", "SenderID"), ("titles", "title"),
    ("orderReference", None), ("x", None), ("", None), ("languages", "language"),
])
def test_near_miss(value: str, expected: str | None) -> None:
    assert nearmiss.near_miss(value, KNOWN, 0.85) == expected


def test_a_bad_cutoff_is_still_difflibs_error() -> None:
    with pytest.raises(ValueError):
        nearmiss.closest.__wrapped__("orderReference", KNOWN, 1.5)


@pytest.mark.parametrize(("value", "imported"), [("orderReference", False), ("titles", True)])
def test_difflib_is_imported_only_for_a_name_that_may_be_close(value: str,
                                                               imported: bool) -> None:
    code = ("import sys; from spec_compiler.nearmiss import near_miss; "
            f"near_miss({value!r}, {KNOWN!r}, 0.85); print('difflib' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == str(imported)
