"""CMD001-CMD004: system and bot commands."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from robustness import assert_robust

from spec_compiler.config import Config
from spec_compiler.engine import lint_loaded
from spec_compiler.loader import load_path, load_text

PREFIX = "CMD"
CONFIG = Config(select=(PREFIX,))
EXAMPLES = Path(__file__).resolve().parents[1] / "fixtures" / "api-examples"

Expected = list[tuple[int, int, str]]


def findings(src: str, filename: str = "case.yaml") -> Expected:
    diags = lint_loaded(load_text(src, filename), config=CONFIG)
    return sorted((d.line, d.column, d.code) for d in diags if d.code.startswith(PREFIX))


def messages(src: str) -> list[str]:
    diags = lint_loaded(load_text(src, "case.yaml"), config=CONFIG)
    return [d.message for d in sorted(diags) if d.code.startswith(PREFIX)]


PREFIX_CASES = [
    pytest.param("type: command\ntext: leave\n", [(2, 7, "CMD001")], id="no-slash"),
    pytest.param("type: command\ntext: ' /leave'\n", [(2, 7, "CMD001")], id="leading-space"),
    pytest.param("type: command\ntext: ''\n", [(2, 7, "CMD001")], id="empty"),
    pytest.param("- {type: command, text: review}\n- {type: command, text: '>review'}\n",
                 [(1, 25, "CMD001")], id="message-list"),
    pytest.param("kind: messages\ndefaults: {type: command}\nmessages:\n  - text: accept\n"
                 "  - text: /leave\n", [(4, 11, "CMD001")], id="spec-defaults-type"),
    pytest.param("type: command\ntext: '>smsbot'\n", [], id="bot-command"),
    pytest.param("type: command\ntext: /notify\n", [], id="system-command"),
    pytest.param("kind: messages\nvars:\n  cmd: {type: string}\nmessages:\n"
                 "  - {type: command, text: '{{ cmd }}'}\n", [], id="template"),
]

UNKNOWN_CASES = [
    pytest.param("type: command\ntext: /leav\n", [(2, 7, "CMD002")], id="typo"),
    pytest.param("type: command\ntext: /Leave\n", [(2, 7, "CMD002")], id="case"),
    pytest.param("type: command\ntext: /close now\n", [(2, 7, "CMD002")], id="unknown"),
    pytest.param("type: command\ntext: /\n", [(2, 7, "CMD002")], id="no-name"),
    pytest.param("type: command\ntext: /assign\nmeta: {users: [5adfe407f276f66f4288f171]}\n", [],
                 id="assign"),
    pytest.param("type: command\ntext: '>review please'\n", [], id="bot"),
    pytest.param("role: agent\ntext: /leav\n", [], id="not-a-command"),
]

ASSIGN_CASES = [
    pytest.param("type: command\ntext: /assign\n", [(1, 1, "CMD003")], id="no-meta"),
    pytest.param("type: command\ntext: /assign\n"
                 "meta: {organizations: [5b979647a61b336ec33f201a]}\n",
                 [(3, 7, "CMD003")], id="meta-without-users"),
    pytest.param("type: command\ntext: /assign\nmeta: {users: []}\n", [(3, 15, "CMD003")],
                 id="empty-users"),
    pytest.param("- {type: command, text: /assign now}\n", [(1, 3, "CMD003")], id="with-argument"),
    pytest.param("type: command\ntext: /assign\nmeta: {users: [5adfe407f276f66f4288f171]}\n", [],
                 id="users"),
    pytest.param("type: command\ntext: /assign\nmeta: {users: bob}\n", [],
                 id="users-not-a-list-is-schema"),
    pytest.param("kind: messages\nvars:\n  users: {type: array}\nmessages:\n"
                 "  - {type: command, text: /assign, meta: {users: '{{ users }}'}}\n", [],
                 id="template"),
]

AS_CHAT_CASES = [
    pytest.param("role: agent\ntext: /leave\n", [(2, 7, "CMD004")], id="agent"),
    pytest.param("text: '/accept '\n", [(1, 7, "CMD004")], id="no-role"),
    pytest.param("kind: messages\nmessages:\n  - text: /join\n", [(3, 11, "CMD004")], id="spec"),
    pytest.param("type: chat\nrole: agent\ntext: /notify\n", [(3, 7, "CMD004")],
                 id="explicit-chat"),
    pytest.param("type: command\ntext: /leave\n", [], id="command"),
    pytest.param("role: agent\ntext: /leave now, please\n", [], id="sentence"),
    pytest.param("role: agent\ntext: Type /leave to stop\n", [], id="mentions-command"),
]


@pytest.mark.parametrize(("src", "expected"),
                         PREFIX_CASES + UNKNOWN_CASES + ASSIGN_CASES + AS_CHAT_CASES)
def test_findings(src: str, expected: Expected) -> None:
    assert findings(src) == expected


@pytest.mark.parametrize(("src", "expected"), [
    pytest.param("type: command\ntext: leave\n",
                 "command 'leave' does not start with '/' or '>'; did you mean '/leave'?",
                 id="prefix-known"),
    pytest.param("type: command\ntext: review\n",
                 "command 'review' must start with '/' (system command) or '>' (bot command)",
                 id="prefix-unknown"),
    pytest.param("type: command\ntext: /asign\n",
                 "unknown command '/asign'; did you mean '/assign'?", id="unknown"),
    pytest.param("type: command\ntext: /assign\n",
                 "'/assign' needs the user ids to assign in a non-empty meta.users list",
                 id="assign"),
    pytest.param("role: agent\ntext: /leave\n", "text '/leave' is a command; add type: command "
                 "to run it (otherwise it is sent as text)", id="as-chat"),
])
def test_messages(src: str, expected: str) -> None:
    assert messages(src) == [expected]


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.json")), ids=lambda p: p.name)
def test_api_examples(path: Path) -> None:
    diags = lint_loaded(load_path(path), config=CONFIG)
    assert [d.render() for d in diags if d.code.startswith(PREFIX)] == []


HOSTILE_BASES: list[Any] = [
    [{"type": "command", "text": "/assign", "meta": {"users": []}},
     {"type": "command", "text": "leave"}, {"text": "/leave", "role": "agent"}],
    {"kind": "messages", "defaults": {"type": "command"}, "messages": [{"text": "/asign"}]},
]

# --- robustness: a value of any type anywhere never crashes a rule -----------------------

@pytest.mark.parametrize("base", HOSTILE_BASES, ids=lambda b: str(b)[:30])
def test_any_value_anywhere(base: Any) -> None:
    assert_robust(base, CONFIG, PREFIX)
