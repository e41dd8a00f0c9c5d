"""``spec-compiler timeline``: typing starts and appearances, as text or JSON."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

from spec_compiler.timeline_cmd import TimelineOptions, run

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _run(options: TimelineOptions) -> tuple[int, str, str]:
    out, err = StringIO(), StringIO()
    code = run(options, out, err)
    return code, out.getvalue(), err.getvalue()


def test_text_table_of_the_seed_conversation() -> None:
    spec = EXAMPLES / "sms-conversation-leave.yaml"
    code, out, err = _run(TimelineOptions(spec=spec, var=("name=John", "phone=+31646280994")))
    assert (code, err) == (0, "")
    assert out == (
        "sms-conversation-leave\n"
        "#  type     typing  shown    text\n"
        "1  chat     -       0.0 s    Hey there.\n"
        "2  chat     0.0 s   1.0 s    How are you?\n"
        "3  command  -       3.0 s *  /leave\n"
        "* delay written in the spec\n"
    )


def test_json_timeline_and_example_values() -> None:
    code, out, err = _run(TimelineOptions(spec=EXAMPLES / "follow-up.yaml", format="json"))
    assert code == 0
    assert "variable 'name' not given" in err
    [spec] = json.loads(out)
    rows = spec["timeline"]
    assert [r["shown_at_ms"] for r in rows] == [0, 3160, 6440, 7440]
    assert rows[1]["typing_start_ms"] == 1160
    assert rows[3]["typing_start_ms"] is None and rows[3]["type"] == "command"


def test_bad_variable_exits_1(tmp_path: Path) -> None:
    spec = EXAMPLES / "sms-conversation-leave.yaml"
    code, out, err = _run(TimelineOptions(spec=spec, var=("name=J", "phone=123")))
    assert code == 1 and out == "" and "variable 'phone'" in err
