"""What the pacing rules share: the delays of a request that are known at lint time."""

from __future__ import annotations

from collections import namedtuple

from spec_compiler.document import LintContext, MessageSite
from spec_compiler.pacing import PacingError, explicit_delay, parse_pacing
from spec_compiler.rules._site_util import origin

TYPE_CHECKING = False  # mypy takes it for True
if TYPE_CHECKING:
    from typing import NamedTuple

    class Timed(NamedTuple):
        """A message with its delay, when the delay is known."""

        site: MessageSite
        #: 1-based position in the request (for messages)
        number: int
        #: the delay in ms (absent = 0); None when not known before compiling
        delay: int | None
        #: where to report: the ``delay`` as written, else the message
        pointer: str
        written: bool
else:
    Timed = namedtuple("Timed", "site number delay pointer written")


def _computes_delays(ctx: LintContext) -> bool:
    """True when absent delays of a spec are computed by pacing at compile time."""
    if not ctx.is_spec or ctx.flags.get("rendered") or ctx.spec is None:
        return False
    try:
        return parse_pacing(ctx.spec.get("pacing"), len(ctx.messages)) is not None
    except PacingError:
        return True  # another rule reports the bad pacing; assume natural


def timed(ctx: LintContext) -> list[Timed]:
    """Every message of the request with its known delay."""
    computed = _computes_delays(ctx)
    out: list[Timed] = []
    for number, site in enumerate(ctx.messages, start=1):
        if "delay" in site.message:
            delay = explicit_delay(site.message)
            if delay is not None and delay < 0:
                delay = None  # the schema reports it
            out.append(Timed(site, number, delay, origin(ctx, site, "delay"), True))
        else:
            out.append(Timed(site, number, None if computed else 0, site.pointer, False))
    return out


def describe(item: Timed) -> str:
    """``delay 1000`` or ``no delay``."""
    return f"delay {item.delay}" if item.written else "no delay"
