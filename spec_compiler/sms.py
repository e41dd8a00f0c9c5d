"""SMS encoding and segment counting (GSM 03.38 / UCS-2), as carriers and Twilio count them.

Pure functions shared by the SMS lint rules and the docs generator. GSM-7 characters of the
basic table cost one septet, those of the extension table two (escape + code); any other
character switches the whole text to UCS-2, counted in UTF-16 code units (most emoji take
two). A single SMS holds 160 septets or 70 code units; in a concatenated SMS each segment
loses room to its 6-byte header: 153 septets or 67 code units, and an escape pair or a
surrogate pair is never split across two segments.
"""

from __future__ import annotations

from collections import namedtuple

TYPE_CHECKING = False  # mypy takes it for True; a lint run need not import typing
if TYPE_CHECKING:
    from typing import Literal, NamedTuple

    Encoding = Literal["GSM-7", "UCS-2"]

#: GSM 03.38 basic character set (one septet each); 0x1B (escape) is not a character
GSM_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
#: GSM 03.38 extension table (two septets each: escape + code)
GSM_EXTENSION = frozenset("\f^{}\\[~]|€")

GSM_SINGLE = 160
GSM_CONCAT = 153
UCS2_SINGLE = 70
UCS2_CONCAT = 67
#: Twilio refuses longer bodies (error 21617)
MAX_CHARS = 1600

#: typographic characters that force UCS-2 and the GSM-7 text to use instead
GSM_REPLACEMENTS: dict[str, str] = {
    "\u2019": "'",
    "\u2018": "'",
    "\u201a": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u2013": "-",
    "\u2014": "-",
    "\u2026": "...",
    "\u00a0": " ",
}


if TYPE_CHECKING:
    class SegmentInfo(NamedTuple):
        """How an SMS text is sent."""

        encoding: Encoding
        #: septets (GSM-7) or UTF-16 code units (UCS-2)
        units: int
        segments: int
        #: units per segment: 160/153 (GSM-7) or 70/67 (UCS-2)
        per_segment: int
else:
    SegmentInfo = namedtuple("SegmentInfo", "encoding units segments per_segment")


def is_gsm(char: str) -> bool:
    """True when ``char`` is in the GSM-7 basic or extension table."""
    return char in GSM_BASIC or char in GSM_EXTENSION


def first_ucs2_char(text: str) -> tuple[int, str] | None:
    """The 0-based index and the first character that forces UCS-2, if any."""
    for index, char in enumerate(text):
        if not is_gsm(char):
            return index, char
    return None


def encoding(text: str) -> Encoding:
    """``GSM-7`` when every character is in the GSM tables, else ``UCS-2``."""
    return "GSM-7" if first_ucs2_char(text) is None else "UCS-2"


def _costs(text: str, enc: Encoding) -> list[int]:
    """The units each character takes."""
    if enc == "GSM-7":
        return [2 if char in GSM_EXTENSION else 1 for char in text]
    return [2 if ord(char) > 0xFFFF else 1 for char in text]


def _pack(costs: list[int], per_segment: int) -> int:
    """Segments needed when no character's units may be split across two segments."""
    segments, used = 1, 0
    for cost in costs:
        if used + cost > per_segment:
            segments, used = segments + 1, 0
        used += cost
    return segments


def segments(text: str) -> SegmentInfo:
    """The encoding, size and number of segments of an SMS text (an empty one is 1)."""
    enc = encoding(text)
    costs = _costs(text, enc)
    units = sum(costs)
    single, concat = (GSM_SINGLE, GSM_CONCAT) if enc == "GSM-7" else (UCS2_SINGLE, UCS2_CONCAT)
    if units <= single:
        return SegmentInfo(enc, units, 1, single)
    return SegmentInfo(enc, units, _pack(costs, concat), concat)


def gsm_replacement(char: str) -> str | None:
    """The GSM-7 text to write instead of a common typographic character."""
    return GSM_REPLACEMENTS.get(char)
