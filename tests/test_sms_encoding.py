"""SMS encoding and segment counting (spec_compiler.sms)."""

from __future__ import annotations

import pytest

from spec_compiler.sms import (
    SegmentInfo,
    encoding,
    first_ucs2_char,
    gsm_replacement,
    is_gsm,
    segments,
)

A = "a"
EURO = "€"  # GSM-7 extension table: 2 septets
E_UML = "ë"  # not GSM-7: forces UCS-2
GRIN = "\U0001F600"  # outside the BMP: 2 UTF-16 code units


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("", SegmentInfo("GSM-7", 0, 1, 160), id="empty"),
        pytest.param("Hello", SegmentInfo("GSM-7", 5, 1, 160), id="short"),
        pytest.param(A * 160, SegmentInfo("GSM-7", 160, 1, 160), id="gsm-160"),
        pytest.param(A * 161, SegmentInfo("GSM-7", 161, 2, 153), id="gsm-161"),
        pytest.param(A * 306, SegmentInfo("GSM-7", 306, 2, 153), id="gsm-153x2"),
        pytest.param(A * 307, SegmentInfo("GSM-7", 307, 3, 153), id="gsm-153x2+1"),
        pytest.param(A * 459, SegmentInfo("GSM-7", 459, 3, 153), id="gsm-153x3"),
        pytest.param(A * 1600, SegmentInfo("GSM-7", 1600, 11, 153), id="gsm-1600"),
        pytest.param(EURO * 80, SegmentInfo("GSM-7", 160, 1, 160), id="escapes-160"),
        pytest.param(EURO * 81, SegmentInfo("GSM-7", 162, 2, 153), id="escapes-162"),
        pytest.param(A * 158 + EURO, SegmentInfo("GSM-7", 160, 1, 160), id="escape-fills-single"),
        pytest.param(A * 159 + EURO, SegmentInfo("GSM-7", 161, 2, 153),
                     id="escape-overflows-single"),
        pytest.param(A * 152 + EURO + A * 7, SegmentInfo("GSM-7", 161, 2, 153),
                     id="escape-not-split"),
        pytest.param(A * 152 + EURO + A * 152, SegmentInfo("GSM-7", 306, 3, 153),
                     id="escape-at-boundary-costs-a-segment"),
        pytest.param(A * 151 + EURO + A * 153, SegmentInfo("GSM-7", 306, 2, 153),
                     id="escape-just-fits"),
        pytest.param("{}[]~|^\\\f", SegmentInfo("GSM-7", 18, 1, 160), id="all-escapes"),
        pytest.param(E_UML * 70, SegmentInfo("UCS-2", 70, 1, 70), id="ucs2-70"),
        pytest.param(E_UML * 71, SegmentInfo("UCS-2", 71, 2, 67), id="ucs2-71"),
        pytest.param(E_UML * 134, SegmentInfo("UCS-2", 134, 2, 67), id="ucs2-67x2"),
        pytest.param(E_UML * 135, SegmentInfo("UCS-2", 135, 3, 67), id="ucs2-67x2+1"),
        pytest.param(A * 159 + E_UML, SegmentInfo("UCS-2", 160, 3, 67), id="one-char-to-ucs2"),
        pytest.param(GRIN * 35, SegmentInfo("UCS-2", 70, 1, 70), id="emoji-35"),
        pytest.param(GRIN * 36, SegmentInfo("UCS-2", 72, 2, 67), id="emoji-36"),
        pytest.param(A * 66 + GRIN + A * 4, SegmentInfo("UCS-2", 72, 2, 67),
                     id="surrogate-pair-not-split"),
        pytest.param(A * 65 + GRIN + A * 69, SegmentInfo("UCS-2", 136, 3, 67),
                     id="surrogate-pair-just-fits"),
        pytest.param(A * 66 + GRIN + A * 66, SegmentInfo("UCS-2", 134, 3, 67),
                     id="surrogate-pair-at-boundary-costs-a-segment"),
    ],
)
def test_segments(text: str, expected: SegmentInfo) -> None:
    assert segments(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Hello, World!", "GSM-7", id="ascii"),
        pytest.param("Café à Zürich: £5, ¥3, §2, ¿Qué?", "GSM-7", id="gsm-accents"),
        pytest.param("ΔΦΓΛΩΠΨΣΘΞ", "GSM-7", id="gsm-greek"),
        pytest.param("line\nbreak\r\n", "GSM-7", id="newlines"),
        pytest.param("price: 5€ {x} [y] ~ | ^ \\", "GSM-7", id="extension-table"),
        pytest.param("Ça va", "GSM-7", id="capital-c-cedilla"),
        pytest.param("ça va", "UCS-2", id="small-c-cedilla"),
        pytest.param("ideeën", "UCS-2", id="diaeresis"),
        pytest.param("We’re", "UCS-2", id="curly-apostrophe"),
        pytest.param("ok \U0001F44D", "UCS-2", id="emoji"),
        pytest.param("`", "UCS-2", id="backtick"),
        pytest.param("\x1b", "UCS-2", id="escape-char-itself"),
    ],
)
def test_encoding(text: str, expected: str) -> None:
    assert encoding(text) == expected


def test_first_ucs2_char() -> None:
    assert first_ucs2_char("It’s “fine”") == (2, "’")
    assert first_ucs2_char("Plain GSM text €") is None
    assert first_ucs2_char(GRIN) == (0, GRIN)


def test_is_gsm() -> None:
    assert is_gsm("@") and is_gsm("€") and is_gsm("\f")
    assert not is_gsm("’") and not is_gsm("ë")


@pytest.mark.parametrize(
    ("char", "fix"),
    [("’", "'"), ("‘", "'"), ("“", '"'), ("”", '"'), ("–", "-"), ("—", "-"), ("…", "..."),
     ("ë", None)],
)
def test_gsm_replacement(char: str, fix: str | None) -> None:
    assert gsm_replacement(char) == fix
    if fix is not None:
        assert encoding(fix) == "GSM-7"
