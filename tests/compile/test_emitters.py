"""Output formats, and the curl script run against a local recording server."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from spec_compiler.compiler import Request
from spec_compiler.emitters import Item, Stream, render, shell_url
from spec_compiler.validation import get_validator

HOSTILE = "it's $(touch /tmp/pwned) `id` \"quoted\" \\ \nJSON\n'JSON' ${HOME} ünïcode 🌮"
CONVERSATION = Request(
    "POST",
    "/v2/conversations",
    {
        "organization": "5c7574c78ae07962b12e264c",
        "type": "contact",
        "contact": {"profile": {"name": "John", "telephone": "+31646280994"}},
        "messages": [{"text": HOSTILE, "touchpoint": "sms", "role": "agent"}],
    },
)
MESSAGE = Request(
    "POST",
    "/v2/conversations/590bd49f458b716046347f47/messages",
    {"text": "JSON", "role": "agent", "delay": 1000},
)
PLACEHOLDER = Request(
    "POST", "/v2/conversations/{conversation}/messages", {"text": "Hi", "role": "agent"}
)
ITEMS = [Item("demo: request 1 of 2", CONVERSATION), Item("demo: request 2 of 2", MESSAGE)]


def test_json_is_an_array_of_requests() -> None:
    out = render("json", ITEMS)
    assert out.endswith("]\n")
    assert json.loads(out) == [
        {"method": "POST", "path": r.path, "body": r.body} for r in (CONVERSATION, MESSAGE)
    ]
    assert "🌮" in out  # not escaped


def test_jsonl_and_body() -> None:
    lines = render("jsonl", ITEMS).splitlines()
    assert [json.loads(line)["path"] for line in lines] == [CONVERSATION.path, MESSAGE.path]
    assert json.loads(render("body", ITEMS[:1])) == CONVERSATION.body
    assert json.loads(render("body", ITEMS)) == [CONVERSATION.body, MESSAGE.body]


def test_stream_lines_carry_the_row() -> None:
    stream = Stream("jsonl")
    line = stream.item(Item("x", MESSAGE, row=7))
    assert json.loads(line) == {
        "row": 7,
        "method": "POST",
        "path": MESSAGE.path,
        "body": MESSAGE.body,
    }


def test_http_file() -> None:
    out = render("http", [*ITEMS, Item("p", PLACEHOLDER)])
    assert "@token = {{$processEnv WEB1ON1_TOKEN}}" in out
    assert "POST {{api}}/v2/conversations\n" in out
    assert "POST {{api}}/v2/conversations/{{conversation}}/messages\n" in out
    assert "Authorization: Bearer {{token}}" in out


def test_curl_never_holds_a_token() -> None:
    out = render("curl", ITEMS)
    assert out.startswith("#!/usr/bin/env bash\n")
    assert "set -euo pipefail" in out
    assert "${WEB1ON1_TOKEN:?set WEB1ON1_TOKEN}" in out
    assert "${WEB1ON1_API:-https://api.web1on1.chat}" in out
    assert "Bearer ey" not in out


def test_shell_url_quotes_the_path() -> None:
    assert shell_url("/v2/x'y") == "\"$api\"'/v2/x'\"'\"'y'"
    assert "WEB1ON1_CONVERSATION" in shell_url(PLACEHOLDER.path)


# ---------------------------------------------------------------- curl round trip


def _run_script(script: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    base = {"PATH": os.environ.get("PATH", ""), "NO_PROXY": "*", "no_proxy": "*"}
    return subprocess.run(
        ["bash", str(script)], env={**base, **env}, capture_output=True, text=True, timeout=30
    )


@pytest.mark.skipif(shutil.which("curl") is None, reason="curl is not installed")
def test_curl_script_round_trip(server: tuple[str, list[dict[str, Any]]], tmp_path: Path) -> None:
    api, seen = server
    script = tmp_path / "send.sh"
    script.write_text(render("curl", ITEMS))
    done = _run_script(script, {"WEB1ON1_API": api, "WEB1ON1_TOKEN": "t0k3n"})
    assert done.returncode == 0, done.stderr
    assert not Path("/tmp/pwned").exists()
    assert [(r["method"], r["path"]) for r in seen] == [
        ("POST", CONVERSATION.path),
        ("POST", MESSAGE.path),
    ]
    schemas = ("conversation", "message")
    for record, request, schema in zip(seen, (CONVERSATION, MESSAGE), schemas, strict=True):
        assert record["headers"]["Authorization"] == "Bearer t0k3n"
        assert record["headers"]["Content-Type"] == "application/json"
        body = json.loads(record["body"])
        assert body == request.body
        assert get_validator(schema).is_valid(body)


@pytest.mark.skipif(shutil.which("curl") is None, reason="curl is not installed")
def test_curl_script_needs_a_token(
    server: tuple[str, list[dict[str, Any]]], tmp_path: Path
) -> None:
    api, seen = server
    script = tmp_path / "send.sh"
    script.write_text(render("curl", ITEMS))
    done = _run_script(script, {"WEB1ON1_API": api})
    assert done.returncode != 0
    assert "set WEB1ON1_TOKEN" in done.stderr
    assert seen == []
