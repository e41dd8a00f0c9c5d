"""Typing delays for natural pacing and the timeline they produce (DESIGN §3).

Pure functions over plain message dicts: no I/O, no imports from higher layers.
"""

from __future__ import annotations

from collections import namedtuple
from collections.abc import Mapping, Sequence

TYPE_CHECKING = False  # mypy takes it for True
if TYPE_CHECKING:
    from typing import Any, NamedTuple

#: typing-indicator time from the seed: long text and long delay get 2 s, all others 1 s
LONG_TEXT_CHARS = 40
LONG_DELAY_MS = 2000
SHORT_INDICATOR_MS = 1000
LONG_INDICATOR_MS = 2000


class PacingError(ValueError):
    """A ``pacing`` value that cannot be used."""


if TYPE_CHECKING:
    class PacingParams(NamedTuple):
        """Parameters of natural pacing (DESIGN §3); every value is in milliseconds."""

        ms_per_char: float = 40
        min_ms: int = 1000
        max_ms: int = 5000
        start_ms: int = 0
        tick_ms: int = 1000

    class _TimelineFields(NamedTuple):
        index: int  # type: ignore[assignment]  # shadows tuple.index, as namedtuple allows
        type: str
        text: str
        #: the message's delay in ms (0 when it has none)
        shown_at_ms: int
        #: when the typing indicator starts; None when none is shown (commands, no delay)
        typing_start_ms: int | None
        #: True when the delay was written in the spec rather than computed
        explicit: bool
else:
    PacingParams = namedtuple("PacingParams", "ms_per_char min_ms max_ms start_ms tick_ms",
                              defaults=(40, 1000, 5000, 0, 1000))
    _TimelineFields = namedtuple(
        "TimelineRow", "index type text shown_at_ms typing_start_ms explicit")


PARAM_NAMES: tuple[str, ...] = PacingParams._fields


class TimelineRow(_TimelineFields):
    """When one message's typing indicator starts and when the message appears."""

    __slots__ = ()

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape of ``spec-compiler timeline --format json``."""
        return {
            "index": self.index,
            "type": self.type,
            "text": self.text,
            "typing_start_ms": self.typing_start_ms,
            "shown_at_ms": self.shown_at_ms,
            "explicit": self.explicit,
        }


def parse_pacing(value: Any, message_count: int) -> PacingParams | None:
    """The params for a spec's ``pacing`` value; None means no computed delays."""
    if value is None:
        return PacingParams() if message_count >= 2 else None
    if value == "none":
        return None
    if value == "natural":
        return PacingParams()
    if isinstance(value, Mapping):
        return _tuned(value)
    raise PacingError(f"pacing {value!r} is not 'natural', 'none' or a mapping")


def _tuned(value: Mapping[str, Any]) -> PacingParams:
    unknown = sorted(str(k) for k in value if k not in PARAM_NAMES)
    if unknown:
        raise PacingError(f"unknown pacing parameter '{unknown[0]}'")
    for key, number in value.items():
        if isinstance(number, bool) or not isinstance(number, (int, float)) or number < 0:
            raise PacingError(f"pacing parameter '{key}' must be a number >= 0, got {number!r}")
    params = PacingParams(**dict(value))
    if params.min_ms > params.max_ms:
        raise PacingError(f"pacing min_ms {params.min_ms} is above max_ms {params.max_ms}")
    return params


def text_of(message: Mapping[str, Any]) -> str:
    """The message text as a string ('' when absent)."""
    text = message.get("text", "")
    return text if isinstance(text, str) else str(text)


def is_command(message: Mapping[str, Any]) -> bool:
    """True for ``type: command`` messages (processed, never shown)."""
    return message.get("type") == "command"


def typing_time(text: str, params: PacingParams) -> int:
    """``clamp(len(text) × ms_per_char, min_ms, max_ms)`` in whole milliseconds."""
    raw = len(text) * params.ms_per_char
    return round(min(max(raw, params.min_ms), params.max_ms))


def indicator_ms(text: str, delay_ms: int) -> int:
    """How long the typing indicator shows before a message with this delay appears."""
    if len(text) > LONG_TEXT_CHARS and delay_ms > LONG_DELAY_MS:
        return LONG_INDICATOR_MS
    return SHORT_INDICATOR_MS


def explicit_delay(message: Mapping[str, Any]) -> int | None:
    """The delay written on a message, if it is a usable number."""
    delay = message.get("delay")
    if isinstance(delay, bool) or not isinstance(delay, (int, float)):
        return None
    return int(delay)


def next_delay(previous: int, message: Mapping[str, Any], params: PacingParams) -> int:
    """The delay of a later message: after the previous one plus its typing time."""
    if is_command(message):
        return previous + params.tick_ms
    text = text_of(message)
    typing = typing_time(text, params)
    delay = previous + max(typing, SHORT_INDICATOR_MS)
    # the indicator time depends on the delay itself; 2 s applies only past 2 s
    if indicator_ms(text, delay) == LONG_INDICATOR_MS:
        delay = previous + max(typing, LONG_INDICATOR_MS)
    return delay


def natural_delays(
    messages: Sequence[Mapping[str, Any]], params: PacingParams | None
) -> list[int | None]:
    """Each message's delay: explicit ones kept, the others computed (None: no delay)."""
    delays: list[int | None] = []
    previous: int | None = None
    for message in messages:
        delay = explicit_delay(message)
        if delay is None and params is not None:
            delay = params.start_ms if previous is None else next_delay(previous, message, params)
        delays.append(delay)
        if delay is not None:
            previous = delay
    return delays


def apply_delays(
    messages: Sequence[dict[str, Any]], params: PacingParams | None
) -> list[dict[str, Any]]:
    """Messages with computed delays set (a computed 0 delay is omitted); inputs untouched."""
    out: list[dict[str, Any]] = []
    for message, delay in zip(messages, natural_delays(messages, params), strict=True):
        if delay is None or "delay" in message or delay == 0:
            out.append(message)
        else:
            out.append({**message, "delay": delay})
    return out


def timeline(
    messages: Sequence[Mapping[str, Any]], explicit: Sequence[bool] = ()
) -> list[TimelineRow]:
    """Per message (delays already applied): typing-indicator start and appearance time.

    ``explicit`` flags the messages whose delay was written rather than computed.
    """
    rows: list[TimelineRow] = []
    for index, message in enumerate(messages):
        delay = explicit_delay(message) or 0
        text = text_of(message)
        typing: int | None = None
        if delay > 0 and not is_command(message):
            typing = max(0, delay - indicator_ms(text, delay))
        rows.append(
            TimelineRow(
                index=index,
                type=str(message.get("type", "chat")),
                text=text,
                shown_at_ms=delay,
                typing_start_ms=typing,
                explicit=index < len(explicit) and explicit[index],
            )
        )
    return rows
