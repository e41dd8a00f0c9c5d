"""Natural pacing (DESIGN §3): the formula, explicit delays, and its invariants."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from spec_compiler.pacing import (
    PacingError,
    PacingParams,
    apply_delays,
    indicator_ms,
    natural_delays,
    parse_pacing,
    timeline,
    typing_time,
)

DEFAULT = PacingParams()


@pytest.mark.parametrize(
    ("text", "expected"),
    [("", 1000), ("x" * 25, 1000), ("x" * 26, 1040), ("x" * 100, 4000), ("x" * 500, 5000)],
    ids=["empty", "at-min", "above-min", "middle", "capped"],
)
def test_typing_time_is_clamped(text: str, expected: int) -> None:
    assert typing_time(text, DEFAULT) == expected


@pytest.mark.parametrize(
    ("length", "delay", "expected"),
    [(41, 2001, 2000), (40, 5000, 1000), (41, 2000, 1000), (10, 500, 1000)],
    ids=["long-long", "short-text", "short-delay", "small"],
)
def test_indicator_time_from_the_seed(length: int, delay: int, expected: int) -> None:
    assert indicator_ms("x" * length, delay) == expected


def test_seed_conversation_delays() -> None:
    messages = [
        {"text": "Hey there.", "touchpoint": "sms"},
        {"text": "How are you?"},
        {"text": "/leave", "type": "command"},
    ]
    assert natural_delays(messages, DEFAULT) == [0, 1000, 2000]
    paced = apply_delays(messages, DEFAULT)
    assert "delay" not in paced[0]  # a 0 delay is omitted
    assert [m.get("delay") for m in paced] == [None, 1000, 2000]
    assert "delay" not in messages[1]  # inputs untouched


def test_long_text_waits_for_the_two_second_indicator() -> None:
    # 45 chars: typing 1800 ms < the 2000 ms indicator of a long text past 2 s
    messages = [{"text": "a"}, {"text": "b" * 45}]
    params = PacingParams(start_ms=1000)
    assert natural_delays(messages, params) == [1000, 3000]


def test_explicit_delays_are_kept_and_followed() -> None:
    messages: list[dict[str, Any]] = [{"text": "a"}, {"text": "b", "delay": 7000}, {"text": "c"}]
    assert natural_delays(messages, DEFAULT) == [0, 7000, 8000]


def test_none_computes_nothing() -> None:
    messages: list[dict[str, Any]] = [{"text": "a"}, {"text": "b", "delay": 10}]
    assert natural_delays(messages, None) == [None, 10]


@pytest.mark.parametrize(
    ("value", "count", "expected"),
    [
        (None, 1, None),
        (None, 2, DEFAULT),
        ("natural", 1, DEFAULT),
        ("none", 5, None),
        ({"ms_per_char": 50, "start_ms": 500}, 2, PacingParams(ms_per_char=50, start_ms=500)),
    ],
    ids=["one-message", "two-messages", "natural", "none", "tuned"],
)
def test_parse_pacing(value: Any, count: int, expected: PacingParams | None) -> None:
    assert parse_pacing(value, count) == expected


@pytest.mark.parametrize(
    "value",
    ["fast", {"speed": 1}, {"min_ms": -1}, {"min_ms": 6000, "max_ms": 5000}, 3],
    ids=["word", "unknown-key", "negative", "min-above-max", "number"],
)
def test_bad_pacing(value: Any) -> None:
    with pytest.raises(PacingError):
        parse_pacing(value, 2)


def test_timeline_rows() -> None:
    paced = apply_delays(
        [{"text": "Hey"}, {"text": "x" * 60}, {"text": "/leave", "type": "command"}], DEFAULT
    )
    rows = timeline(paced, [False, False, False])
    assert [(r.typing_start_ms, r.shown_at_ms) for r in rows] == [
        (None, 0),
        (400, 2400),
        (None, 3400),
    ]


# ---------------------------------------------------------------- invariants

texts = st.text(alphabet="ab ", max_size=200)
plain = st.fixed_dictionaries({"text": texts})
command = st.fixed_dictionaries({"text": st.just("/leave"), "type": st.just("command")})
params = st.builds(
    PacingParams,
    ms_per_char=st.integers(0, 100),
    min_ms=st.integers(0, 3000),
    max_ms=st.integers(3000, 9000),
    start_ms=st.integers(0, 5000),
    tick_ms=st.integers(0, 3000),
)


@given(st.lists(st.one_of(plain, command), min_size=1, max_size=12), params)
def test_delays_never_decrease(messages: list[dict[str, Any]], p: PacingParams) -> None:
    delays = natural_delays(messages, p)
    assert all(d is not None for d in delays)
    assert delays == sorted(delays)  # type: ignore[type-var]


@given(st.lists(plain, min_size=2, max_size=12), params)
def test_no_indicator_before_the_previous_message_shows(
    messages: list[dict[str, Any]], p: PacingParams
) -> None:
    rows = timeline(apply_delays(messages, p))
    for before, row in itertools.pairwise(rows):
        if row.typing_start_ms is not None:
            assert row.typing_start_ms >= before.shown_at_ms


@given(
    st.lists(
        st.tuples(texts, st.one_of(st.none(), st.integers(0, 60000))), min_size=1, max_size=12
    ),
    params,
)
def test_explicit_delays_are_respected(spec: list[tuple[str, int | None]], p: PacingParams) -> None:
    messages = [{"text": t} if d is None else {"text": t, "delay": d} for t, d in spec]
    delays = natural_delays(messages, p)
    for (_, written), delay in zip(spec, delays, strict=False):
        if written is not None:
            assert delay == written
    previous = None
    for message, delay in zip(messages, delays, strict=False):
        if "delay" not in message and previous is not None:
            assert delay is not None and delay >= previous
        previous = delay
