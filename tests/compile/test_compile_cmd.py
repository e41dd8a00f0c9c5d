"""``spec-compiler compile`` end to end, through ``run``."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

Compile = Callable[..., tuple[int, str, str]]

CONVERSATION = """\
kind: conversation
name: car-ready
description: Tells the contact their car is ready.
vars:
  name: {type: string}
  phone: {type: string}
  count: {type: integer, default: 2}
pacing: none
organization: 5bad2f12e91d2c331be33364
contact:
  profile:
    name: "{{ name }}"
    telephone: "{{ phone }}"
meta:
  cars: "{{ count }}"
messages:
  - text: Hi {{ name }}, your {{ count }} cars are ready.
    touchpoint: sms
"""

MESSAGES = """\
kind: messages
vars:
  conversation: {type: string, default: 590bd49f458b716046347f47}
conversation: "{{ conversation }}"
defaults:
  touchpoint: web
  meta: {source: spec}
messages:
  - text: Hello
    meta: {title: Greeting}
  - text: /leave
    type: command
"""
VARS = ("name=John Johnson", "phone=+31646280994")


def _requests(out: str) -> list[dict[str, Any]]:
    result: list[dict[str, Any]] = json.loads(out)
    return result


def test_conversation_spec(compile_spec: Compile) -> None:
    code, out, err = compile_spec(CONVERSATION, var=VARS)
    assert (code, err) == (0, "")
    [request] = _requests(out)
    assert (request["method"], request["path"]) == ("POST", "/v2/conversations")
    body = request["body"]
    assert list(body) == ["organization", "type", "contact", "meta", "messages"]
    assert body["type"] == "contact"
    assert body["meta"] == {"cars": 2}  # a bare {{ var }} keeps the variable's type
    assert body["contact"]["profile"] == {"name": "John Johnson", "telephone": "+31646280994"}
    assert body["messages"] == [
        {"text": "Hi John Johnson, your 2 cars are ready.", "touchpoint": "sms", "role": "agent"}
    ]


def test_messages_spec_one_request_per_message(compile_spec: Compile) -> None:
    code, out, _ = compile_spec(MESSAGES)
    assert code == 0
    requests = _requests(out)
    assert [r["path"] for r in requests] == [
        "/v2/conversations/590bd49f458b716046347f47/messages"
    ] * 2
    assert requests[0]["body"] == {
        "text": "Hello",
        "meta": {"title": "Greeting", "source": "spec"},
        "touchpoint": "web",
        "role": "agent",
    }
    assert requests[1]["body"] == {
        "text": "/leave",
        "type": "command",
        "touchpoint": "web",
        "meta": {"source": "spec"},
        "delay": 1000,
    }


def test_batch_sends_one_array(compile_spec: Compile) -> None:
    code, out, _ = compile_spec(MESSAGES, batch=True)
    [request] = _requests(out)
    assert code == 0 and isinstance(request["body"], list) and len(request["body"]) == 2


def test_conversation_id_is_escaped_into_the_path(compile_spec: Compile) -> None:
    code, out, _ = compile_spec(MESSAGES, var=("conversation=a/b c",))
    assert code == 0
    assert _requests(out)[0]["path"] == "/v2/conversations/a%2Fb%20c/messages"


def test_without_conversation_the_path_keeps_a_placeholder(compile_spec: Compile) -> None:
    spec = "kind: messages\nmessages:\n  - text: Hi\n"
    _code, out, _ = compile_spec(spec)
    assert _requests(out)[0]["path"] == "/v2/conversations/{conversation}/messages"


@pytest.mark.parametrize(
    ("var", "message"),
    [
        (("name=John",), "missing variable 'phone'"),
        ((*VARS, "color=red"), "undeclared variable 'color'"),
        ((*VARS, "count=many"), "variable 'count' expects an integer, got 'many'"),
    ],
    ids=["missing", "undeclared", "ill-typed"],
)
def test_bad_variables_exit_1_and_write_nothing(
    compile_spec: Compile, tmp_path: Path, var: tuple[str, ...], message: str
) -> None:
    target = tmp_path / "out.json"
    target.write_text("previous\n")
    code, out, err = compile_spec(CONVERSATION, var=var, output=target)
    assert code == 1 and out == ""
    assert message in err
    assert target.read_text() == "previous\n"


def test_rendered_values_are_linted_at_the_spec_line(compile_spec: Compile) -> None:
    code, out, err = compile_spec(CONVERSATION, var=("name=John", "phone=0646280994"))
    assert code == 1 and out == ""
    # the finding points at `telephone: "{{ phone }}"` (line 13, column 16) of the spec
    assert "spec.yaml:13:16: CONV005 error" in err and "0646280994" in err


def test_rendered_type_fault_points_at_the_template(compile_spec: Compile) -> None:
    spec = (
        "kind: messages\n"
        "vars:\n"
        "  wait: {type: string}\n"
        "messages:\n"
        "  - text: Hi\n"
        "    delay: '{{ wait }}'\n"
    )
    code, out, err = compile_spec(spec, var=("wait=soon",))
    assert code == 1 and out == ""
    assert "spec.yaml:6:12: SCHEMA001 error" in err


def test_vars_file(compile_spec: Compile, tmp_path: Path) -> None:
    (tmp_path / "vars.yaml").write_text("name: John\nphone: '+31646280994'\ncount: 3\n")
    code, out, _ = compile_spec(CONVERSATION, vars_file=tmp_path / "vars.yaml")
    assert code == 0 and _requests(out)[0]["body"]["meta"] == {"cars": 3}


def test_var_overrides_vars_file(compile_spec: Compile, tmp_path: Path) -> None:
    (tmp_path / "vars.json").write_text('{"name": "John", "phone": "+31646280994"}')
    _code, out, _ = compile_spec(CONVERSATION, vars_file=tmp_path / "vars.json", var=("name=Ann",))
    assert _requests(out)[0]["body"]["contact"]["profile"]["name"] == "Ann"


def test_lint_errors_stop_the_compile(compile_spec: Compile, tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    code, out, err = compile_spec("kind: conversation\nmessages: 3\n", output=target)
    assert code == 1 and out == "" and "spec.yaml:2:" in err
    assert not target.exists()


def test_remote_ref_is_refused(compile_spec: Compile) -> None:
    spec = (
        "kind: messages\n"
        "vars:\n"
        "  v: {$ref: 'https://example.com/s.json'}\n"
        "messages:\n"
        "  - text: '{{ v }}'\n"
    )
    code, _, err = compile_spec(spec, var=("v=x",))
    assert code == 1 and "remote $ref 'https://example.com/s.json'" in err


def test_undeclared_template_variable(compile_spec: Compile) -> None:
    code, _, err = compile_spec("kind: messages\nmessages:\n  - text: 'Hi {{ who }}'\n")
    assert code == 1 and "who" in err


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"output": Path("a"), "out_dir": Path("b")}, "not both"),
        ({"rejects": Path("r.jsonl")}, "--rejects needs --rows"),
        ({"check": True}, "--check needs"),
        ({"var": ("novalue",)}, "name=value"),
        ({"vars_file": Path("/nonexistent/vars.yaml")}, "does not exist"),
    ],
    ids=["output-and-dir", "rejects-alone", "check-alone", "bad-var", "no-vars-file"],
)
def test_usage_errors_exit_2(compile_spec: Compile, options: dict[str, Any], message: str) -> None:
    code, _, err = compile_spec(MESSAGES, **options)
    assert code == 2 and message in err


def test_out_dir_and_check(compile_spec: Compile, tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(MESSAGES)
    (tmp_path / "b.yaml").write_text(MESSAGES + "---\n" + MESSAGES)
    specs = (tmp_path / "a.yaml", tmp_path / "b.yaml")
    out_dir = tmp_path / "compiled"
    assert compile_spec(None, specs=specs, out_dir=out_dir)[0] == 0
    assert sorted(p.name for p in out_dir.iterdir()) == ["a.json", "b-2.json", "b.json"]
    assert compile_spec(None, specs=specs, out_dir=out_dir, check=True)[0] == 0
    (out_dir / "b-2.json").write_text("stale\n")
    code, _, err = compile_spec(None, specs=specs, out_dir=out_dir, check=True)
    assert code == 1 and "b-2.json: out of date" in err
    assert (out_dir / "b-2.json").read_text() == "stale\n"  # --check writes nothing


def test_failure_in_one_spec_writes_no_file(compile_spec: Compile, tmp_path: Path) -> None:
    (tmp_path / "good.yaml").write_text(MESSAGES)
    (tmp_path / "bad.yaml").write_text(CONVERSATION)  # its variables are missing
    out_dir = tmp_path / "compiled"
    specs = (tmp_path / "good.yaml", tmp_path / "bad.yaml")
    code, _, _ = compile_spec(None, specs=specs, out_dir=out_dir)
    assert code == 1
    assert not out_dir.exists() or list(out_dir.iterdir()) == []


@pytest.mark.parametrize("fmt", ["json", "jsonl", "body", "curl", "http"])
def test_every_format_is_written(compile_spec: Compile, tmp_path: Path, fmt: str) -> None:
    target = tmp_path / f"out.{fmt}"
    code, out, _ = compile_spec(MESSAGES, format=fmt, output=target)
    assert code == 0 and out == ""
    assert target.read_text().endswith("\n")


def test_config_file_is_used(compile_spec: Compile, tmp_path: Path) -> None:
    config = tmp_path / "spec-compiler.toml"
    config.write_text('ignore = ["CONV005"]\n')
    code, _, _ = compile_spec(CONVERSATION, var=("name=J", "phone=0646280994"), config=config)
    assert code == 0
    (tmp_path / "bad.toml").write_text("select = 3\n")
    assert compile_spec(CONVERSATION, var=VARS, config=tmp_path / "bad.toml")[0] == 2
