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


_INFINITY = float("inf")


def explicit_delay(message: Mapping[str, Any]) -> int | None:
    """The delay written on a message, if it is a usable number."""
    delay = message.get("delay")
    if isinstance(delay, bool) or not isinstance(delay, (int, float)):
        return None
    if isinstance(delay, float) and not -_INFINITY < delay < _INFINITY:
        return None  # YAML's .inf and .nan: no number of milliseconds
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


# ---------------------------------------------------------------- invariants
# What PACE001-PACE003 report from, over known delays: the rules give these functions
# a request's messages (delays a spec's pacing computes count as unknown, None). The
# certificates of payloads ask ``INVARIANTS`` below instead (``x-delays`` in
# spec_compiler.quiet), which hold where these find nothing in the delays as written.


def lower_delays(delays: Sequence[int | None]) -> list[tuple[int, int]]:
    """``(i, j)`` for each delay ``i`` lower than one before it, ``j`` the first of the
    highest delays before it; unknown delays (None) are skipped (PACE001)."""
    found: list[tuple[int, int]] = []
    latest: int | None = None  # the position of the highest delay so far
    top = 0
    for i, delay in enumerate(delays):
        if delay is None:
            continue
        if latest is not None and delay < top:
            found.append((i, latest))
        elif latest is None or delay > top:
            latest, top = i, delay
    return found


def early_commands(items: Sequence[tuple[int | None, bool]]) -> list[int]:
    """Of ``(delay, is a command)`` pairs, the position of each command whose delay is
    no higher than that of a message (not a command) before it, where it is not lower
    than a delay before it too (PACE001's finding, not this one's) (PACE002)."""
    found: list[int] = []
    latest_any: int | None = None
    latest_message: int | None = None
    for i, (delay, command) in enumerate(items):
        if delay is None:
            continue
        lower = latest_any is not None and delay < latest_any
        if command and not lower and latest_message is not None and delay <= latest_message:
            found.append(i)
        latest_any = delay if latest_any is None else max(latest_any, delay)
        if not command:
            latest_message = delay if latest_message is None else max(latest_message, delay)
    return found


def typing_overlaps(
    items: Sequence[tuple[int | None, str, bool, bool]],
) -> list[tuple[int, int, int, int]]:
    """Of ``(delay, text, delay written, shown)`` tuples, ``(i, j, start, before)`` for
    each shown message ``i`` with a written delay whose typing indicator starts at
    ``start``, before the shown message ``j`` before it appears at ``before`` (PACE003)."""
    found: list[tuple[int, int, int, int]] = []
    previous: int | None = None
    for i, (delay, text, written, shown) in enumerate(items):
        if not shown:
            continue
        if previous is not None:
            before = items[previous][0]
            if (delay is not None and before is not None and written and delay > 0
                    and delay >= before):
                start = max(0, delay - indicator_ms(text, delay))
                if start < before:
                    found.append((i, previous, start, before))
        previous = i
    return found


def is_shown(message: Mapping[str, Any]) -> bool:
    """True for a message the contact sees appear: not a command, not backchannel."""
    return not is_command(message) and message.get("isBackchannel") is not True


def written_delay(message: Mapping[str, Any]) -> int | None:
    """A payload message's delay as the API takes it: 0 when absent, None when it is
    not a usable number of milliseconds (the schema reports it)."""
    if "delay" not in message:
        return 0
    delay = message["delay"]
    if type(delay) is not int:  # floats, booleans, the rest: explicit_delay decides
        delay = explicit_delay(message)
    return None if delay is not None and delay < 0 else delay


# The invariants below are what the certificates ask (``INVARIANTS``): each holds of a
# payload's messages exactly where the function above that its rule reports from finds
# nothing in them (tests/rules/test_pace.py holds them to that with hypothesis). They
# are written as one loop that stops at the first fault: a certificate asks them of
# every conversation of a large run (~2 µs each where the functions above take ~6).


def _objects(messages: list[Any]) -> bool:
    """True when every message is an object (a ``dict``, as parsed: another mapping is
    declined, which is never wrong for a certificate)."""
    return all(isinstance(m, dict) for m in messages)


def delays_never_decrease(messages: Any) -> bool:
    """True where ``lower_delays`` finds nothing in a payload's messages (anything but
    a list: true; a list with an item that is not an object: false)."""
    if not isinstance(messages, list):
        return True
    if not _objects(messages):
        return False
    top: int | None = None
    for message in messages:
        delay = written_delay(message)
        if delay is None:
            continue
        if top is not None and delay < top:
            return False
        if top is None or delay > top:
            top = delay
    return True


def commands_come_later(messages: Any) -> bool:
    """True where ``early_commands`` finds nothing in a payload's messages."""
    if not isinstance(messages, list):
        return True
    if not _objects(messages):
        return False
    latest_any: int | None = None
    latest_message: int | None = None
    for message in messages:
        delay = written_delay(message)
        if delay is None:
            continue
        command = is_command(message)
        if (command and latest_message is not None and delay <= latest_message
                and not (latest_any is not None and delay < latest_any)):
            return False
        if latest_any is None or delay > latest_any:
            latest_any = delay
        if not command and (latest_message is None or delay > latest_message):
            latest_message = delay
    return True


def typing_apart(messages: Any) -> bool:
    """True where ``typing_overlaps`` finds nothing in a payload's messages (a missing
    delay is 0, which shows no indicator: only written delays can overlap)."""
    if not isinstance(messages, list):
        return True
    if not _objects(messages):
        return False
    seen = False  # a shown message before
    before: int | None = None  # its delay
    for message in messages:
        if not is_shown(message):
            continue
        delay = written_delay(message)
        if (seen and delay is not None and before is not None and delay > 0
                and delay >= before
                and max(0, delay - indicator_ms(text_of(message), delay)) < before):
            return False
        seen, before = True, delay
    return True


#: the invariants ``"x-delays": NAME`` names, each true of a list of payload messages
#: that keeps it (and of anything that is not a list)
INVARIANTS = {
    "never-decrease": delays_never_decrease,
    "commands-later": commands_come_later,
    "typing-apart": typing_apart,
}
